//! Bytecode snapshot tests: `conch dis` of each `tests/snapshots/*.js` must equal its
//! `.expected` file (regenerate with `conch dis FILE > FILE.expected` after an intended
//! compiler change, and review the diff).

use std::path::Path;
use std::process::Command;

#[test]
fn disassembly_matches_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "js") {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_conch"))
            .arg("dis")
            .arg(&p)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = std::fs::read_to_string(p.with_extension("expected")).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            expected,
            "{}",
            p.display()
        );
        n += 1;
    }
    assert!(n > 0);
}
