//! Running source text: parse, compile, run (the entry point of JsRT's `JsRunScript`, the Rust
//! API's `Context::eval` and the shell).

use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::realm::Intrinsic;
use crate::string::JsString;
use conch_gc::Value;
use conch_mm::Arena;
use conch_parser::ErrorKind as ParseKind;

/// Where a syntax error was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxPosition {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (UTF-16 units).
    pub column: u32,
}

/// Parses and compiles `source` as a classic script of the current realm, then runs it;
/// returns its completion value. A syntax error is thrown as a `SyntaxError` object (its
/// position is reported through `position`).
pub fn eval_script(
    cx: &mut Cx,
    source: &str,
    file: &str,
    position: &mut Option<SyntaxPosition>,
) -> JsResult<Value> {
    let code = {
        let arena = Arena::new(cx.rt.memory_manager().clone());
        let parsed = match conch_parser::parse_script(source, &arena) {
            Ok(p) => p,
            Err(e) => {
                return Err(match e.kind {
                    ParseKind::OutOfMemory => Throw::OutOfMemory,
                    ParseKind::StackOverflow => {
                        Throw::Value(cx.intrinsic(Intrinsic::StackOverflowError))
                    }
                    ParseKind::SyntaxError => {
                        *position = Some(SyntaxPosition {
                            line: e.line,
                            column: e.column,
                        });
                        let msg = e.to_string();
                        cx.throw(ErrorKind::SyntaxError, &msg)
                    }
                });
            }
        };
        let src = JsString::from_str(cx.heap(), source)?;
        let file = JsString::from_str(cx.heap(), file)?;
        crate::compiler::compile_script(cx, &parsed, source, &arena, src, file)?
    };
    crate::interp::run_script(cx, code)
}
