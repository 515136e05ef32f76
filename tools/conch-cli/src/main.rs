//! The `conch` shell. Verbs live in their own modules; `main` only dispatches.
//!
//! - `conch parse [--module] [--ast] FILE...`: parse each file, report syntax errors (and with
//!   `--ast` print each tree).
//! - `conch FILE.js`: run a script (not supported yet).

mod parse;

use std::process::ExitCode;

const USAGE: &str = "usage: conch parse [--module] [--ast] FILE...\n       conch FILE.js";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("parse") => parse::run(&args[1..]),
        Some("-h") | Some("--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(file) if !file.starts_with('-') => {
            eprintln!("conch: {file}: running scripts is not supported yet");
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
