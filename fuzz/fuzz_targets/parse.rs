//! Fuzz target: the parser must return Ok or Err on any input — never panic, abort or overflow
//! the stack — as a script, as a module, as eval code in a class method, and under a small
//! memory limit; a parsed tree must print.
#![no_main]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, parse_eval, ErrorKind, EvalContext, Options, SourceType};
use libfuzzer_sys::fuzz_target;

/// Discards what the printer writes.
struct Sink;

impl std::fmt::Write for Sink {
    fn write_str(&mut self, _: &str) -> std::fmt::Result {
        Ok(())
    }
}

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
        match parse(source, &arena, options) {
            Ok(parsed) => {
                let _ = conch_parser::print::write_program(&mut Sink, &parsed.program);
            }
            Err(e) => {
                if e.kind == ErrorKind::SyntaxError {
                    assert!(
                        e.line >= 1 && e.column >= 1,
                        "error position must be 1-based"
                    );
                }
            }
        }
    }
    let arena = Arena::new(mm.clone());
    let context = EvalContext {
        new_target: true,
        super_property: true,
        private_names: &["x"],
        ..EvalContext::default()
    };
    let _ = parse_eval(source, &arena, context);
    // Under a tight limit: out-of-memory must be an error result, not an abort.
    let small = MemoryManager::new();
    small.set_limit(256 * 1024);
    let arena = Arena::new(small.clone());
    let _ = parse(source, &arena, Options::default());
});
