//! The `conch` shell. Verbs live in their own modules; `main` only dispatches.
//!
//! - `conch parse [--module] [--ast] FILE...`: parse each file, report syntax errors (and with
//!   `--ast` print each tree).
//! - `conch dis FILE`: print the bytecode of every function of a script.
//! - `conch [OPTIONS] FILE.js` / `conch [OPTIONS] -e CODE`: run a script.

mod console;
mod dis;
mod event_loop;
mod inspect;
mod loader;
mod parse;
mod report;
mod run;
mod table;

use std::process::ExitCode;

const USAGE: &str = "\
usage: conch [OPTIONS] FILE.js [ARGS...]
       conch [OPTIONS] -e CODE
       conch parse [--module] [--ast] FILE...
       conch dis FILE.js

options:
  -e CODE               run CODE instead of a file
  --module              run the file as a module (.mjs files always are)
  --memory-limit SIZE   limit the runtime's memory (bytes; K, M, G suffixes)
  --stack-size SIZE     size of the interpreter's register stack (default 4M)
  --test262             install the test262 host object $262
  --prelude FILE        run FILE (a classic script) first, in the same realm; repeatable
  -h, --help            this text

exit status: 0 success; 1 uncaught exception or syntax error (printed to stderr as
`Name: message` then `    at FILE:LINE:COLUMN`); 2 usage or I/O error";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("parse") => return parse::run(&args[1..]),
        Some("dis") => return dis::run(&args[1..]),
        Some("-h") | Some("--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("--version") => {
            println!("conch {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let mut opts = run::Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-e" => opts.eval = it.next().cloned(),
            "--module" => opts.module = true,
            "--prelude" => match it.next() {
                Some(f) => opts.preludes.push(f.clone()),
                None => {
                    eprintln!("conch: --prelude needs a file");
                    return ExitCode::from(2);
                }
            },
            "--test262" => opts.test262 = true,
            "--memory-limit" | "--stack-size" => {
                let Some(n) = it.next().and_then(|s| run::parse_size(s)) else {
                    eprintln!("conch: {a} needs a size (bytes, with an optional K/M/G suffix)");
                    return ExitCode::from(2);
                };
                if a == "--memory-limit" {
                    opts.memory_limit = Some(n);
                } else {
                    opts.stack_size = Some(n);
                }
            }
            s if s.starts_with('-') => {
                eprintln!("conch: unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            file => {
                if file.ends_with(".mjs") {
                    opts.module = true;
                }
                opts.file = Some(file.to_string());
                break;
            }
        }
    }
    if opts.eval.is_none() && opts.file.is_none() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    run::run(&opts)
}
