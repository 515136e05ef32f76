//! Parse-only mode: negative tests of phase `parse` must be rejected with a SyntaxError, every
//! other test must parse in each mode its flags ask for.

use crate::frontmatter::{Meta, Mode};
use crate::Outcome;
use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, ErrorKind, Options, SourceType};
use std::sync::Arc;

/// Parses `source`; Ok(()) or the error text.
fn try_parse(
    mm: &Arc<MemoryManager>,
    source: &str,
    module: bool,
) -> Result<(), (ErrorKind, String)> {
    let arena = Arena::new(mm.clone());
    let options = Options {
        source_type: if module {
            SourceType::Module
        } else {
            SourceType::Script
        },
        strict: module,
    };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse(source, &arena, options)
            .map(|_| ())
            .map_err(|e| (e.kind, e.to_string()))
    }));
    match r {
        Ok(r) => r,
        Err(_) => Err((ErrorKind::SyntaxError, "PANIC".to_string())),
    }
}

/// Runs one test (all its modes) through the parser. Tests using a stage-3 feature are
/// skipped.
pub fn run_test(mm: &Arc<MemoryManager>, rel: String, source: &str, stage3: bool) -> Outcome {
    let mut out = Outcome::new(rel, None);
    out.stage3 = stage3;
    if stage3 {
        out.skipped = true;
        out.passed = true;
        return out;
    }
    let meta = Meta::parse(source);
    out.negative = meta.negative_phase.as_deref() == Some("parse");
    let mut ok = true;
    for mode in meta.modes() {
        let text;
        let src = if mode == Mode::Strict {
            text = format!("\"use strict\";\n{source}");
            text.as_str()
        } else {
            source
        };
        let r = try_parse(mm, src, mode == Mode::Module);
        let mode = mode.name();
        match (&r, out.negative) {
            (Ok(()), true) => {
                ok = false;
                out.detail = format!("[{mode}] parsed, expected SyntaxError");
            }
            (Err((_, msg)), false) => {
                ok = false;
                out.detail = format!("[{mode}] {msg}");
            }
            (Err((kind, msg)), true) if *kind != ErrorKind::SyntaxError || msg == "PANIC" => {
                ok = false;
                out.detail = format!("[{mode}] {msg}");
            }
            _ => {}
        }
        if !ok {
            break;
        }
    }
    out.passed = ok;
    out
}
