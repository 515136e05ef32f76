//! The `conch` shell.
fn main() {
    eprintln!("conch: no verbs yet");
    std::process::exit(2);
}
