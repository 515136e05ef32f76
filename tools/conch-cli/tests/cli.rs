//! The shell's command line: help and version, exit codes, `scriptArgs`, stdin as the script,
//! `--timeout`, `--stats`, `--memory-limit`, `--memory-report`, and the error report's format
//! for people and for the test262 runner.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn conch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conch"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run conch")
}

fn conch_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_conch"))
        .args(args)
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
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_version_and_usage_errors() {
    let h = conch(&["--help"]);
    assert_eq!(h.status.code(), Some(0));
    let t = text(&h.stdout);
    for s in [
        "usage: conch",
        "--timeout",
        "--stats",
        "--memory-report",
        "124",
    ] {
        assert!(t.contains(s), "help lacks {s}:\n{t}");
    }
    let v = conch(&["--version"]);
    assert!(text(&v.stdout).starts_with("conch "));
    assert_eq!(conch(&["--no-such-option"]).status.code(), Some(2));
    assert_eq!(conch(&["/no/such/file.js"]).status.code(), Some(2));
    assert_eq!(conch(&["--timeout", "soon"]).status.code(), Some(2));
}

#[test]
fn script_args_and_stdin() {
    let dir = std::env::temp_dir().join(format!("conch-cli-args-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("args.js");
    std::fs::write(&f, "console.log(scriptArgs)").unwrap();
    let o = conch(&[f.to_str().unwrap(), "a", "--b"]);
    assert_eq!(
        text(&o.stdout),
        format!("[ '{}', 'a', '--b' ]\n", f.to_str().unwrap())
    );
    let o = conch(&["-e", "console.log(scriptArgs.length, scriptArgs[0])", "x"]);
    assert_eq!(text(&o.stdout), "1 x\n");
    let o = conch_stdin(&[], "console.log({ from: 'stdin' })");
    assert_eq!(text(&o.stdout), "{ from: 'stdin' }\n");
    assert_eq!(o.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn timeout_ends_a_loop_and_a_long_timer_with_124() {
    for code in ["while (true) {}", "setTimeout(() => {}, 60000)"] {
        let start = Instant::now();
        let o = conch(&["--timeout", "0.3", "-e", code]);
        assert_eq!(o.status.code(), Some(124), "{code}");
        assert!(text(&o.stderr).contains("--timeout"), "{}", text(&o.stderr));
        assert!(start.elapsed() < Duration::from_secs(10));
    }
    let o = conch(&["--timeout", "5", "-e", "console.log('quick')"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn stats_and_memory_limit() {
    let o = conch(&[
        "--stats",
        "-e",
        "let a = []; for (let i = 0; i < 30000; i++) a.push({ i }); console.log(a.length)",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let e = text(&o.stderr);
    for s in ["peak usage", "collections", "allocations", "failures"] {
        assert!(e.contains(s), "stats lack {s}:\n{e}");
    }
    let o = conch(&[
        "--memory-limit",
        "4M",
        "-e",
        "let a = []; while (true) a.push(new Array(1000).fill(0));",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("Error: Out of memory"));
}

#[test]
fn memory_report_shows_usage_collections_events_and_the_limit() {
    let dir = std::env::temp_dir().join(format!("conch-cli-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report.html");
    let script = "let keep = [];\n\
                  for (let r = 0; r < 8; r++) {\n\
                    let tmp = [];\n\
                    for (let i = 0; i < 8000; i++) tmp.push({ i });\n\
                    if (r % 4 === 0) keep.push(tmp);\n\
                  }\n\
                  let grow = [];\n\
                  while (true) grow.push(new Array(1000).fill(1));\n";
    let o = conch(&[
        "--memory-limit",
        "8M",
        "--memory-report",
        report.to_str().unwrap(),
        "-e",
        script,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "self-contained, no scripts");
    // The plot's legend names every series it drew.
    for label in [
        "\nruntime usage\n",
        "\nprocess RSS\n",
        "\ncollection (marking)\n",
        "\nAllocate events\n",
        "\nFree events\n",
        "\nFailure event\n",
        "\nlimit 8.0 MiB\n",
        "\ntime since start\n",
    ] {
        assert!(html.contains(label), "report lacks {label}");
    }
    assert!(html.contains("<svg") && html.contains("<h2>Collections</h2>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn uncaught_errors_for_people_and_for_test262() {
    let code = "let o = {};\no.f();\n";
    let o = conch(&["-e", code]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines[0], "<eval>:2");
    assert_eq!(lines[1], "o.f();");
    assert!(lines[2].trim_end().ends_with('^'), "{e}");
    assert!(lines[4].starts_with("TypeError: "), "{e}");
    assert!(lines[5].starts_with("    at <eval>:2:"), "{e}");
    let o = conch(&["--test262", "-e", code]);
    let e = text(&o.stderr);
    assert!(e.starts_with("TypeError: "), "{e}");
    let o = conch(&["-e", "let x = = 1;"]);
    let e = text(&o.stderr);
    assert!(
        e.contains("let x = = 1;\n        ^\n\nSyntaxError: "),
        "{e}"
    );
}

/// `$262.IsHTMLDDA` (Annex B.3.6, needs `--test262`): `typeof` "undefined", falsy, `==` to
/// null and undefined but not `===`, not nullish for `??` and `?.`, and a call returns null.
#[test]
fn html_dda_objects_emulate_undefined() {
    let code = "const d = $262.IsHTMLDDA;\n\
        print(typeof d, !d, d == null, d == undefined, null == d, d === undefined, d == 0);\n\
        print(d ?? 'nullish', d?.x, d(), d(''), d ? 'truthy' : 'falsy', [d].some(Boolean));\n\
        let hit = 0; for (const {} of [d]) hit++; switch (d) { case undefined: hit = -1; }\n\
        print(hit, Object.is(d, undefined), typeof d === 'undefined', d !== undefined);";
    let o = conch(&["--test262", "-e", code]);
    assert_eq!(
        text(&o.stdout),
        "undefined true true true true false false\n\
         function IsHTMLDDA() { [native code] } undefined null null falsy false\n\
         1 false true true\n",
        "{}",
        text(&o.stderr)
    );
}

/// `f() = g()` (sloppy, Annex B): the call runs, then the ReferenceError, before `g()`.
#[test]
fn call_assignment_targets_throw_before_the_right_side() {
    let code = "var log = []; function f() { log.push('f'); return {}; }\n\
        function g() { log.push('g'); }\n\
        try { f() = g(); } catch (e) { log.push(e.name); }\n\
        try { f() += g(); } catch (e) { log.push(e.name); }\n\
        print(log.join());";
    let o = conch(&["-e", code]);
    assert_eq!(
        text(&o.stdout),
        "f,ReferenceError,f,ReferenceError\n",
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn inspecting_a_very_deep_structure_stops_instead_of_overflowing() {
    let o = conch(&[
        "-e",
        "let l = null; for (let i = 0; i < 5000; i++) l = { next: l };\n\
         console.dir(l, { depth: null }); console.log('alive');",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(out.contains("Inspection interrupted prematurely"));
    assert!(out.ends_with("alive\n"));
}

/// Errors of class constructors come from the right realm (`$262.createRealm` needs
/// `--test262`): a class called without `new` throws its own realm's TypeError; a derived
/// constructor returning a non-object, or never calling `super`, throws the caller's.
#[test]
fn class_constructor_errors_come_from_the_right_realm() {
    let dir = std::env::temp_dir().join(format!("conch-cli-realm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("realm.js");
    std::fs::write(
        &file,
        "const r = $262.createRealm().global;\n\
         const C = r.eval('(class {})');\n\
         try { C(); } catch (e) { print(e instanceof r.TypeError, e instanceof TypeError); }\n\
         const D = r.eval('0, class extends Object { constructor() { return null; } }');\n\
         try { new D(); } catch (e) { print(e instanceof TypeError, e instanceof r.TypeError); }\n\
         const E = r.eval('0, class extends Object { constructor() {} }');\n\
         try { new E(); } catch (e) { print(e instanceof ReferenceError); }\n",
    )
    .unwrap();
    let o = conch(&["--test262", file.to_str().unwrap()]);
    assert_eq!(
        text(&o.stdout),
        "true false\ntrue false\ntrue\n",
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `$262.agent` with `--test262`: agents on their own threads receive a broadcast
/// SharedArrayBuffer (the same contents, not a copy), report back, block in `Atomics.wait`
/// until the main script's `Atomics.notify` wakes them (FIFO, counted), and time out.
#[test]
fn test262_agents_share_memory_and_wait() {
    let code = r#"
        var i32a = new Int32Array(new SharedArrayBuffer(16));
        for (var i = 0; i < 2; i++) {
          $262.agent.start(`
            $262.agent.receiveBroadcast(function (sab, n) {
              var a = new Int32Array(sab);
              $262.agent.report("got " + n + " " + a[0]);
              Atomics.add(a, 1, 1);
              $262.agent.report(Atomics.wait(a, 2, 0, 10000));
              $262.agent.report(Atomics.wait(a, 3, 0, 10));
              $262.agent.leaving();
            });
          `);
        }
        i32a[0] = 42;
        $262.agent.broadcast(i32a.buffer, 7);
        while (Atomics.load(i32a, 1) !== 2) $262.agent.sleep(1);
        var woken = 0, t = $262.agent.monotonicNow();
        while (woken < 2 && $262.agent.monotonicNow() - t < 10000) woken += Atomics.notify(i32a, 2);
        var reports = [];
        while (reports.length < 6) {
          var r = $262.agent.getReport();
          if (r === null) $262.agent.sleep(1); else reports.push(r);
        }
        print(woken, reports.sort().join(), $262.agent.getReport());
    "#;
    let o = conch(&["--test262", "-e", code]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout).trim(),
        "2 got 7 42,got 7 42,ok,ok,timed-out,timed-out null"
    );
}

/// Date's locale formats (en-US without Intl) and `toString`'s zone names as node prints them,
/// under POSIX TZ strings (no tz database needed).
#[test]
fn date_locale_formats_and_zone_names() {
    let code = "const d = new Date(2020, 5, 1, 13, 5);\n\
        print(d.toLocaleString(), '|', d.toLocaleDateString(), '|', d.toLocaleTimeString());\n\
        print(new Date(2020, 0, 1, 0, 0, 7).toLocaleTimeString(), new Date(NaN).toLocaleString());\n\
        print(new Date(2020, 0, 15, 10, 30).toString());\n\
        print(new Date(2020, 6, 15, 10, 30).toString());\n\
        print(Date.parse(new Date(1e12).toString()) === 1e12);";
    let run = |tz: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_conch"))
            .args(["-e", code])
            .env("TZ", tz)
            .output()
            .expect("run conch");
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    assert_eq!(
        run("UTC"),
        "6/1/2020, 1:05:00 PM | 6/1/2020 | 1:05:00 PM\n\
         12:00:07 AM Invalid Date\n\
         Wed Jan 15 2020 10:30:00 GMT+0000 (Coordinated Universal Time)\n\
         Wed Jul 15 2020 10:30:00 GMT+0000 (Coordinated Universal Time)\n\
         true\n"
    );
    assert_eq!(
        run("EST5EDT,M3.2.0,M11.1.0"),
        "6/1/2020, 1:05:00 PM | 6/1/2020 | 1:05:00 PM\n\
         12:00:07 AM Invalid Date\n\
         Wed Jan 15 2020 10:30:00 GMT-0500 (Eastern Standard Time)\n\
         Wed Jul 15 2020 10:30:00 GMT-0400 (Eastern Daylight Time)\n\
         true\n"
    );
}
