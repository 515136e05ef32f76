//! `conch dis FILE`: compiles a script and prints the bytecode of its top level and of every
//! nested function, each under a `== name (params, registers) ==` header.

use conch_gc::{Gc, Value};
use conch_vm::builtins::create_realm;
use conch_vm::interp::code::Code;
use conch_vm::{Cx, JsString, Runtime};
use std::process::ExitCode;

fn text(v: Value) -> Option<String> {
    let s = JsString::from_value(v)?;
    let mut out = String::new();
    s.to_rust(&mut |c| out.push(c));
    Some(out)
}

fn describe(v: Value) -> Option<String> {
    if let Some(t) = text(v) {
        return Some(format!("{t:?}"));
    }
    if let Some(c) = Code::from_value(v) {
        return Some(format!("<function {}>", text(c.name).unwrap_or_default()));
    }
    if let Some(b) = conch_vm::bigint::BigInt::from_value(v) {
        return Some(bigint_literal(&b));
    }
    v.as_number().map(|n| n.to_string())
}

/// A BigInt constant as a literal: decimal when it fits in 64 bits, else hexadecimal.
fn bigint_literal(b: &conch_vm::bigint::BigInt) -> String {
    if let Some(i) = b.to_i64() {
        return format!("{i}n");
    }
    let d = b.digits();
    let mut s = String::from(if b.is_neg() { "-0x" } else { "0x" });
    for (k, limb) in d.iter().rev().enumerate() {
        if k == 0 {
            s.push_str(&format!("{limb:x}"));
        } else {
            s.push_str(&format!("{limb:016x}"));
        }
    }
    s.push('n');
    s
}

fn print_code(c: Gc<Code>, out: &mut String) {
    let name = text(c.name).unwrap_or_default();
    let name = if name.is_empty() {
        "<anonymous>".into()
    } else {
        name
    };
    out.push_str(&format!(
        "== {name} (params {}, registers {}) ==\n",
        c.params, c.registers
    ));
    let _ = conch_bytecode::disassemble(out, c.bytes(), &mut |i| describe(c.constant(i as usize)));
    let h = c.handlers;
    let mut i = 0;
    while i + 3 < h.len() {
        out.push_str(&format!(
            "  handler [{}, {}) -> @{} (env r{})\n",
            h.get(i).unwrap_or(0),
            h.get(i + 1).unwrap_or(0),
            h.get(i + 2).unwrap_or(0),
            h.get(i + 3).unwrap_or(0)
        ));
        i += 4;
    }
    for k in 0..c.constants.len() {
        if let Some(inner) = Code::from_value(c.constant(k)) {
            out.push('\n');
            print_code(inner, out);
        }
    }
}

/// Runs the verb; the exit status.
pub fn run(args: &[String]) -> ExitCode {
    let Some(file) = args.first() else {
        eprintln!("usage: conch dis FILE.js");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("conch: {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match disassemble_source(&source, file) {
        Ok(s) => {
            print!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// The disassembly of a whole script.
pub fn disassemble_source(source: &str, file: &str) -> Result<String, String> {
    let rt = Runtime::new(conch_vm::RuntimeAttributes(0)).map_err(|_| "Error: Out of memory")?;
    let realm = create_realm(&rt).map_err(|_| "Error: Out of memory")?;
    let cx = &mut Cx::new(&rt, realm);
    let arena = conch_mm::Arena::new(rt.memory_manager().clone());
    let parsed = conch_parser::parse_script(source, &arena).map_err(|e| {
        format!(
            "SyntaxError: {}\n    at {file}:{}:{}",
            e.message(),
            e.line,
            e.column
        )
    })?;
    let src = JsString::from_str(rt.heap(), source).map_err(|_| "Error: Out of memory")?;
    let f = JsString::from_str(rt.heap(), file).map_err(|_| "Error: Out of memory")?;
    let code = conch_vm::compiler::compile_script(cx, &parsed, source, &arena, src, f)
        .map_err(|_| "Error: compilation failed".to_string())?;
    let mut out = String::new();
    print_code(code, &mut out);
    Ok(out)
}
