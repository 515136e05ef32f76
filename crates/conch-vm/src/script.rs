//! Running source text: parse, compile, run (the entry point of JsRT's `JsRunScript`, the Rust
//! API's `Context::eval` and the shell).

use crate::cx::{Cx, ErrorKind, JsResult, Throw};
use crate::interp::code::Code;
use crate::realm::Intrinsic;
use crate::string::JsString;
use conch_gc::{Gc, Value};
use conch_mm::Arena;
use conch_parser::ErrorKind as ParseKind;

/// Where a syntax error was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxPosition {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (UTF-16 units).
    pub column: u32,
    /// Byte offset in the (UTF-8) source.
    pub offset: u32,
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
        let file = JsString::from_str(cx.heap(), file)?;
        compile_classic(cx, source, &arena, file, false, position)?
    };
    crate::interp::run_script(cx, code)
}

/// Parses and compiles `source` as a classic script of the current realm (strict mode code
/// from the start with `strict`), without running it: run it with
/// [`crate::interp::run_script`], or make a function of it with
/// [`crate::interp::ops::make_closure`]. A syntax error is thrown as a `SyntaxError` object
/// and its position reported through `position`.
pub fn compile_classic(
    cx: &mut Cx,
    source: &str,
    arena: &Arena,
    file: Gc<JsString>,
    strict: bool,
    position: &mut Option<SyntaxPosition>,
) -> JsResult<Gc<Code>> {
    let options = conch_parser::Options {
        source_type: conch_parser::SourceType::Script,
        strict,
    };
    let parsed =
        conch_parser::parse(source, arena, options).map_err(|e| parse_error(cx, e, position))?;
    let src = JsString::from_str(cx.heap(), source)?;
    crate::compiler::compile_script(cx, &parsed, source, arena, src, file)
}

/// Parses and compiles `source` as a module named `name` (not linked, not run). A syntax
/// error is thrown as a `SyntaxError` object and its position reported through `position`.
pub fn compile_module(
    cx: &mut Cx,
    source: &str,
    name: &str,
    position: &mut Option<SyntaxPosition>,
) -> JsResult<Gc<crate::module::Module>> {
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let options = conch_parser::Options {
        source_type: conch_parser::SourceType::Module,
        strict: true,
    };
    let parsed =
        conch_parser::parse(source, &arena, options).map_err(|e| parse_error(cx, e, position))?;
    let src = JsString::from_str(cx.heap(), source)?;
    let name = JsString::from_str(cx.heap(), name)?;
    crate::compiler::compile_module(cx, &parsed, &arena, src, name, None)
}

/// Parses and compiles `source` into the blank module record `m` (JsRT's
/// `JsParseModuleSource`), its file name in errors and stacks being the record's name.
pub fn compile_module_into(
    cx: &mut Cx,
    m: Gc<crate::module::Module>,
    source: &str,
    position: &mut Option<SyntaxPosition>,
) -> JsResult<()> {
    let arena = Arena::new(cx.rt.memory_manager().clone());
    let options = conch_parser::Options {
        source_type: conch_parser::SourceType::Module,
        strict: true,
    };
    let parsed =
        conch_parser::parse(source, &arena, options).map_err(|e| parse_error(cx, e, position))?;
    let src = JsString::from_str(cx.heap(), source)?;
    let name = match JsString::from_value(m.name.get()) {
        Some(n) => n,
        None => JsString::from_str(cx.heap(), "")?,
    };
    crate::compiler::compile_module(cx, &parsed, &arena, src, name, Some(m))?;
    Ok(())
}

/// The throw for a parse failure (a SyntaxError's position goes to `position`).
fn parse_error(
    cx: &Cx,
    e: conch_parser::ParseError,
    position: &mut Option<SyntaxPosition>,
) -> Throw {
    match e.kind {
        ParseKind::OutOfMemory => Throw::OutOfMemory,
        ParseKind::StackOverflow => Throw::Value(cx.intrinsic(Intrinsic::StackOverflowError)),
        ParseKind::SyntaxError => {
            *position = Some(SyntaxPosition {
                line: e.line,
                column: e.column,
                offset: e.offset,
            });
            // Messages are short (a template and a name of at most 40 bytes): formatted on
            // the stack.
            let mut buf = MsgBuf { b: [0; 256], n: 0 };
            let _ = std::fmt::Write::write_fmt(&mut buf, format_args!("{}", e.message()));
            cx.throw(ErrorKind::SyntaxError, buf.as_str())
        }
    }
}

/// A fixed-size message buffer (extra text is cut at a character boundary).
pub(crate) struct MsgBuf {
    pub(crate) b: [u8; 256],
    pub(crate) n: usize,
}

impl MsgBuf {
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.b[..self.n]).unwrap_or("Syntax error")
    }
}

impl std::fmt::Write for MsgBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for c in s.chars() {
            let mut tmp = [0u8; 4];
            let e = c.encode_utf8(&mut tmp);
            if self.n + e.len() > self.b.len() {
                return Ok(());
            }
            self.b[self.n..self.n + e.len()].copy_from_slice(e.as_bytes());
            self.n += e.len();
        }
        Ok(())
    }
}
