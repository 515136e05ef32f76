//! `conch parse [--module] [--ast] FILE...`

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, Options, SourceType};
use std::process::ExitCode;

/// Parses each file; prints `FILE: SyntaxError: message (line:column)` for each failure.
/// Exit status 0 only if every file parsed, 1 if some did not, 2 on usage or I/O errors.
pub fn run(args: &[String]) -> ExitCode {
    let mut module = false;
    let mut ast = false;
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--module" | "-m" => module = true,
            "--script" => module = false,
            "--ast" => ast = true,
            s if s.starts_with('-') && s.len() > 1 => {
                eprintln!("conch parse: unknown option {s}");
                return ExitCode::from(2);
            }
            s => files.push(s),
        }
    }
    if files.is_empty() {
        eprintln!("usage: conch parse [--module] [--ast] FILE...");
        return ExitCode::from(2);
    }
    let mm = MemoryManager::new();
    let mut failed = false;
    let mut io_error = false;
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                io_error = true;
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                // Not UTF-8: try UTF-16 with a byte order mark.
                let b = e.into_bytes();
                match decode_utf16_bom(&b) {
                    Some(s) => s,
                    None => {
                        println!("{file}: SyntaxError: source is not valid UTF-8 (1:1)");
                        failed = true;
                        continue;
                    }
                }
            }
        };
        let arena = Arena::new(mm.clone());
        let options = Options {
            source_type: if module {
                SourceType::Module
            } else {
                SourceType::Script
            },
            strict: module,
        };
        let result = parse(&text, &arena, options);
        if let (true, Ok(parsed)) = (ast, &result) {
            let mut out = String::new();
            if conch_parser::print::write_program(&mut out, &parsed.program).is_err() {
                out.push_str("... (tree too deep to print)\n");
            }
            print!("{out}");
        }
        if let Err(e) = result {
            // `SyntaxError: message (line:column)`, `RangeError: Maximum call stack size exceeded`, ...
            println!("{file}: {e}");
            failed = true;
        }
    }
    if io_error {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn decode_utf16_bom(b: &[u8]) -> Option<String> {
    let (le, rest) = match b {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}
