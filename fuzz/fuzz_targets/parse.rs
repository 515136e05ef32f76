//! Fuzz target: the parser must return Ok or Err on any input — never panic, abort or overflow
//! the stack — as a script and as a module, also under a small memory limit.
#![no_main]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, ErrorKind, Options, SourceType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let mm = MemoryManager::new();
    for source_type in [SourceType::Script, SourceType::Module] {
        let arena = Arena::new(mm.clone());
        let options = Options {
            source_type,
            strict: source_type == SourceType::Module,
        };
        if let Err(e) = parse(source, &arena, options) {
            if e.kind == ErrorKind::SyntaxError {
                assert!(
                    e.line >= 1 && e.column >= 1,
                    "error position must be 1-based"
                );
            }
        }
    }
    // Under a tight limit: out-of-memory must be an error result, not an abort.
    let small = MemoryManager::new();
    small.set_limit(256 * 1024);
    let arena = Arena::new(small.clone());
    let _ = parse(source, &arena, Options::default());
});
