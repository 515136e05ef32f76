//! AST snapshot tests: every `snapshots/*.js` (and `*.mjs` as a module) is parsed and its AST
//! and scope tree, printed with `{:#?}`, compared with the `.snap` file beside it. Run with
//! `UPDATE_SNAPSHOTS=1` to rewrite the snapshots after an intended change.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse, Options, SourceType};
use std::path::Path;

fn render(src: &str, module: bool) -> String {
    let arena = Arena::new(MemoryManager::new());
    let options = Options {
        source_type: if module {
            SourceType::Module
        } else {
            SourceType::Script
        },
        strict: module,
    };
    match parse(src, &arena, options) {
        Ok(p) => {
            let mut out = format!("{:#?}\n", p.program);
            for (i, s) in p.scopes.scopes.iter().enumerate() {
                out += &format!(
                    "scope {i} {:?} parent={:?} strict={}",
                    s.kind,
                    s.parent.map(|p| p.0),
                    s.strict
                );
                out += &format!(
                    " eval={} arguments={} with={} this={}\n",
                    s.contains_direct_eval, s.uses_arguments, s.contains_with, s.uses_this
                );
                for b in p.scopes.bindings_of(conch_parser::ScopeId(i as u32)) {
                    out += &format!(
                        "  {} {:?}{}\n",
                        b.name,
                        b.kind,
                        if b.captured { " captured" } else { "" }
                    );
                }
            }
            out
        }
        Err(e) => format!("{e}\n"),
    }
}

#[test]
fn ast_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for path in entries {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "js" && ext != "mjs" {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let actual = render(&src, ext == "mjs");
        let snap = path.with_extension(format!("{ext}.snap"));
        if update {
            std::fs::write(&snap, &actual).unwrap();
        } else {
            let expected = std::fs::read_to_string(&snap).unwrap_or_default();
            if expected != actual {
                mismatches.push(snap.display().to_string());
            }
        }
        checked += 1;
    }
    assert!(checked > 0, "no snapshot inputs");
    assert!(
        mismatches.is_empty(),
        "snapshots differ (UPDATE_SNAPSHOTS=1 to accept): {mismatches:?}"
    );
}
