#![allow(
    dead_code,
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, Options, ParseError, SourceType};

pub fn script_error(src: &str) -> Option<ParseError> {
    let arena = Arena::new(MemoryManager::new());
    parse(src, &arena, Options::default()).err()
}

pub fn module_error(src: &str) -> Option<ParseError> {
    let arena = Arena::new(MemoryManager::new());
    let options = Options {
        source_type: SourceType::Module,
        strict: true,
    };
    parse(src, &arena, options).err()
}
