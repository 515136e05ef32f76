//! Fuzz target: the regexp pattern checker must return Ok or Err on any pattern and flag
//! combination, never panic or overflow the stack.
#![no_main]

use conch_regexp::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(pattern) = std::str::from_utf8(rest) else {
        return;
    };
    let unicode = flags & 1 != 0;
    let sets = flags & 2 != 0;
    let _ = validate(pattern, unicode && !sets, sets);
});
