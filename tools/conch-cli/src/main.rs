//! The `conch` shell. Verbs live in their own modules; `main` only dispatches.
//!
//! - `conch parse [--module] [--ast] FILE...`: parse each file, report syntax errors (and with
//!   `--ast` print each tree).
//! - `conch dis FILE`: print the bytecode of every function of a script.
//! - `conch [OPTIONS] FILE.js` / `conch [OPTIONS] -e CODE`: run a script; with neither, the
//!   REPL (or stdin as a script when it is not a terminal).

mod agent;
mod console;
mod dis;
mod event_loop;
mod hash;
mod inspect;
mod lazy;
mod loader;
mod memory_report;
mod parse;
mod process;
mod repl;
mod report;
mod run;
mod stats;
mod table;
mod web;

use std::process::ExitCode;

const USAGE: &str = "\
usage: conch [OPTIONS] [FILE.js [ARGS...]]
       conch [OPTIONS] -e CODE [ARGS...]
       conch parse [--module] [--ast] FILE...
       conch dis FILE.js

With no FILE and no -e: a REPL when stdin is a terminal, else stdin is read as the script.

options:
  -e CODE                run CODE instead of a file
  -i, --interactive      start the REPL after running the script (in the same realm)
  --module               run the file as a module (.mjs files always are)
  --memory-limit SIZE    limit the runtime's memory (bytes; K, M, G suffixes)
  --stack-size SIZE      size of the interpreter's register stack (default 4M)
  --timeout SECONDS      terminate the script after SECONDS (exit status 124)
  --stats                print memory and collection statistics to stderr at exit
  --memory-report FILE   write an HTML report (usage over time, collections) to FILE
  --test262              install the test262 host object $262 (and report errors as
                         `Name: message` on stderr's first line, as its runner expects)
  --prelude FILE         run FILE (a classic script) first, in the same realm; repeatable
  -h, --help             this text
  --version              the version

The script sees its arguments as `scriptArgs` (FILE first, as in qjs). `console.log` formats
values as node's does; `print` writes String(value)s separated by spaces.

exit status: 0 success; 1 uncaught exception or syntax error (printed to stderr: the source
line with a caret, then `Name: message` and `    at FILE:LINE:COLUMN`); 2 usage or I/O
error; 124 terminated by --timeout";

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("conch: {msg}\nTry `conch --help`.");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("parse") => return parse::run(&args[1..]),
        Some("dis") => return dis::run(&args[1..]),
        _ => {}
    }
    let mut opts = run::Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--version" | "-v" => {
                println!("conch {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            "-e" => match it.next() {
                Some(code) => {
                    opts.eval = Some(code.clone());
                    opts.args = it.by_ref().cloned().collect();
                    break;
                }
                None => return usage_error("-e needs code"),
            },
            "-i" | "--interactive" => opts.interactive = true,
            "--module" => opts.module = true,
            "--stats" => opts.stats = true,
            "--memory-report" => match it.next() {
                Some(f) => opts.memory_report = Some(f.clone()),
                None => return usage_error("--memory-report needs a file"),
            },
            "--timeout" => match it.next().and_then(|s| s.parse::<f64>().ok()) {
                Some(t) if t > 0.0 && t.is_finite() => opts.timeout = Some(t),
                _ => return usage_error("--timeout needs a number of seconds"),
            },
            "--prelude" => match it.next() {
                Some(f) => opts.preludes.push(f.clone()),
                None => return usage_error("--prelude needs a file"),
            },
            "--test262" => opts.test262 = true,
            "--memory-limit" | "--stack-size" => {
                let Some(n) = it.next().and_then(|s| run::parse_size(s)) else {
                    return usage_error(&format!(
                        "{a} needs a size (bytes, with an optional K/M/G suffix)"
                    ));
                };
                if a == "--memory-limit" {
                    opts.memory_limit = Some(n);
                } else {
                    opts.stack_size = Some(n);
                }
            }
            "--" => {
                if let Some(file) = it.next() {
                    opts.set_file(file);
                    opts.args = std::iter::once(file.clone())
                        .chain(it.by_ref().cloned())
                        .collect();
                }
                break;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return usage_error(&format!("unknown option {s}"));
            }
            file => {
                opts.set_file(file);
                opts.args = std::iter::once(file.to_string())
                    .chain(it.by_ref().cloned())
                    .collect();
                break;
            }
        }
    }
    let code = run::run(&opts);
    #[cfg(feature = "op-stats")]
    conch_vm::interp::op_stats::dump();
    code
}
