//! The REPL: driven through piped stdin (`conch -i`) and through a pseudo-terminal (line
//! editing, tab completion, multi-line input, Ctrl-C during `while (true) {}`, top-level
//! `await`, history, Ctrl-D).

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn piped(input: &str) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_conch"))
        .arg("-i")
        .env("NO_COLOR", "1")
        .env("CONCH_HISTORY", "/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run conch");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn piped_repl_results_declarations_multiline_await_and_errors() {
    let dir = std::env::temp_dir().join(format!("conch-repl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lib = dir.join("lib.js");
    std::fs::write(&lib, "const fromFile = 40;\n").unwrap();
    let input = format!(
        "1 + 1\n\
         let x = {{ a: [1, 2], s: 'str' }}\n\
         x\n\
         function add(a, b) {{\n\
           return a + b\n\
         }}\n\
         add(x.a[0], 2)\n\
         _ * 10\n\
         const y = `multi\n\
         line`\n\
         y\n\
         {{ a: 1 }}\n\
         await Promise.resolve('awaited')\n\
         const z = await Promise.resolve([7])\n\
         z\n\
         undefinedName\n\
         .load {}\n\
         fromFile + 2\n\
         .exit\n\
         'not reached'\n",
        lib.display()
    );
    let (out, err) = piped(&input);
    let expected = "2\nundefined\n{ a: [ 1, 2 ], s: 'str' }\nundefined\n3\n30\nundefined\n\
                    'multi\\nline'\n{ a: 1 }\n'awaited'\nundefined\n[ 7 ]\nundefined\n42\n";
    assert_eq!(out, expected, "stderr:\n{err}");
    assert!(
        err.contains("Uncaught ReferenceError"),
        "stderr lacks the error:\n{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A pseudo-terminal: (master, slave); `None` where the system has none.
fn openpty() -> Option<(OwnedFd, OwnedFd)> {
    let mut master = 0;
    let mut slave = 0;
    // SAFETY: openpty fills two descriptors we then own.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if r != 0 {
        return None;
    }
    // SAFETY: fresh descriptors from openpty.
    Some(unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) })
}

/// The line editor's primary prompt as drawn (after clearing the line): not to be confused
/// with an echoed `=> `.
const PROMPT: &str = "\x1b[K> ";

struct Term {
    master: std::fs::File,
    out: String,
}

impl Term {
    /// Reads until `needle` has appeared after `from` (or the timeout); the text read.
    fn wait_for(&mut self, from: usize, needle: &str, secs: u64) -> bool {
        let end = Instant::now() + Duration::from_secs(secs);
        let mut buf = [0u8; 4096];
        while Instant::now() < end {
            if self.out[from.min(self.out.len())..].contains(needle) {
                return true;
            }
            let mut pfd = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: polls one valid descriptor.
            let n = unsafe { libc::poll(&mut pfd, 1, 50) };
            if n > 0 {
                match self.master.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => self.out.push_str(&String::from_utf8_lossy(&buf[..k])),
                }
            }
        }
        self.out[from.min(self.out.len())..].contains(needle)
    }

    fn send(&mut self, s: &str) -> usize {
        let at = self.out.len();
        self.master.write_all(s.as_bytes()).unwrap();
        at
    }
}

#[test]
fn terminal_repl_editing_interrupt_await_history_and_eof() {
    let dir = std::env::temp_dir().join(format!("conch-pty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let history = dir.join("history");
    let Some((master, slave)) = openpty() else {
        eprintln!("no pseudo-terminal here: skipped");
        return;
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_conch"));
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
    // controlling terminal is the pty (so Ctrl-C there sends SIGINT to conch).
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd
        .env("CONCH_HISTORY", &history)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .expect("run conch");
    let mut t = Term {
        master: std::fs::File::from(master),
        out: String::new(),
    };
    assert!(t.wait_for(0, PROMPT, 10), "no prompt: {}", t.out);
    // Each line is sent once the prompt for it is shown: the line editor may drop typeahead
    // when it switches the terminal's mode.
    let at = t.send("function f() {\r");
    assert!(
        t.wait_for(at, "... ", 5),
        "no continuation prompt: {}",
        t.out
    );
    let at = t.send("  return 41 + 1\r");
    assert!(t.wait_for(at, "... ", 5), "{}", t.out);
    let at = t.send("}\r");
    assert!(t.wait_for(at, PROMPT, 5), "{}", t.out);
    let at = t.send("f()\r");
    assert!(t.wait_for(at, "42", 5), "{}", t.out);
    assert!(t.wait_for(at, PROMPT, 5), "{}", t.out);
    let at = t.send("while (true) {}\r");
    // Ctrl-C until the evaluation reports the interruption (one sent before the evaluation
    // started would be forgotten when it starts).
    let mut interrupted = false;
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(300));
        t.send("\x03");
        if t.wait_for(at, "interrupted", 2) {
            interrupted = true;
            break;
        }
    }
    assert!(interrupted, "Ctrl-C: {}", t.out);
    assert!(t.wait_for(at, PROMPT, 5), "{}", t.out);
    let at = t.send("'still here'\r");
    assert!(t.wait_for(at, "'still here'", 5), "{}", t.out);
    assert!(t.wait_for(at, PROMPT, 5), "{}", t.out);
    // Tab completes a property name (read without running getters).
    // The prompt to wait for is the one after the result: the completion's redraw also
    // shows one, and a line sent while the REPL is evaluating (the terminal back in cooked
    // mode) is echoed there, and a Ctrl-D sent then is lost when the editor takes the
    // terminal again.
    let at = t.send("Math.ma\t(30, 47)\r");
    assert!(t.wait_for(at, "\n47\r", 5), "completion: {}", t.out);
    let at = at + t.out[at..].find("\n47\r").unwrap_or(0);
    assert!(t.wait_for(at, PROMPT, 5), "{}", t.out);
    let at = t.send("await new Promise(r => setTimeout(() => r('later'), 50))\r");
    assert!(t.wait_for(at, "\n'later'\r", 5), "{}", t.out);
    let at = at + t.out[at..].find("\n'later'\r").unwrap_or(0);
    assert!(t.wait_for(at, PROMPT, 5), "{}", t.out);
    t.send("\x04");
    let end = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < end, "Ctrl-D did not exit");
        t.wait_for(0, "\u{0}", 0);
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    let h = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(
        h.contains("f()") && h.contains("'still here'"),
        "history: {h}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
