//! The YAML frontmatter of a test262 test (`/*--- ... ---*/`), just the keys the runner needs.

/// Metadata of one test.
#[derive(Debug, Default)]
pub struct Meta {
    /// `flags: [...]`
    pub flags: Vec<String>,
    /// `features: [...]`
    pub features: Vec<String>,
    /// `negative: phase:`
    pub negative_phase: Option<String>,
    /// `negative: type:`
    pub negative_type: Option<String>,
    /// `includes: [...]` (harness files)
    pub includes: Vec<String>,
}

/// One way of running a test: the modes its flags ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Classic script, as is (non-strict unless the test says otherwise).
    Sloppy,
    /// Classic script with `"use strict";\n` prepended.
    Strict,
    /// Module code.
    Module,
}

impl Mode {
    /// The name used in reports and baselines.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Module => "module",
        }
    }

    /// The inverse of [`Mode::name`].
    pub fn from_name(s: &str) -> Option<Mode> {
        match s {
            "sloppy" => Some(Mode::Sloppy),
            "strict" => Some(Mode::Strict),
            "module" => Some(Mode::Module),
            _ => None,
        }
    }
}

fn list(value: &str, following: &mut dyn Iterator<Item = &str>) -> Vec<String> {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('[') {
        let inner = inner.trim_end_matches(']');
        return inner
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    // Block list: "  - item" lines.
    let mut out = Vec::new();
    for l in following {
        let t = l.trim();
        match t.strip_prefix("- ") {
            Some(item) => out.push(item.trim().to_string()),
            None => break,
        }
    }
    out
}

impl Meta {
    /// Whether `flags` contains `flag`.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The modes the flags ask for: `module` → module; `raw` or `noStrict` → as is;
    /// `onlyStrict` → strict; otherwise both sloppy and strict.
    pub fn modes(&self) -> Vec<Mode> {
        if self.has_flag("module") {
            vec![Mode::Module]
        } else if self.has_flag("raw") || self.has_flag("noStrict") {
            vec![Mode::Sloppy]
        } else if self.has_flag("onlyStrict") {
            vec![Mode::Strict]
        } else {
            vec![Mode::Sloppy, Mode::Strict]
        }
    }

    /// Extracts the metadata of `source`.
    pub fn parse(source: &str) -> Meta {
        let mut m = Meta::default();
        let Some(start) = source.find("/*---") else {
            return m;
        };
        let Some(len) = source[start..].find("---*/") else {
            return m;
        };
        let yaml = &source[start + 5..start + len];
        // Some tests use CR alone as their line terminator.
        let lines: Vec<&str> = yaml.split(['\n', '\r']).filter(|l| !l.is_empty()).collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if line.starts_with(' ') || line.starts_with('\t') {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            match key.trim() {
                "flags" => {
                    let mut rest = lines[i..].iter().copied();
                    m.flags = list(value, &mut rest);
                }
                "features" => {
                    let mut rest = lines[i..].iter().copied();
                    m.features = list(value, &mut rest);
                }
                "includes" => {
                    let mut rest = lines[i..].iter().copied();
                    m.includes = list(value, &mut rest);
                }
                "negative" => {
                    while i < lines.len()
                        && (lines[i].starts_with(' ') || lines[i].starts_with('\t'))
                    {
                        if let Some((k, v)) = lines[i].split_once(':') {
                            match k.trim() {
                                "phase" => m.negative_phase = Some(v.trim().to_string()),
                                "type" => m.negative_type = Some(v.trim().to_string()),
                                _ => {}
                            }
                        }
                        i += 1;
                    }
                }
                _ => {}
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::{Meta, Mode};

    #[test]
    fn reads_flags_features_and_negative() {
        let src = "/*---\ndescription: x\nflags: [onlyStrict, module]\nfeatures:\n  - a\n  - b\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n";
        let m = Meta::parse(src);
        assert_eq!(m.flags, ["onlyStrict", "module"]);
        assert_eq!(m.features, ["a", "b"]);
        assert_eq!(m.negative_phase.as_deref(), Some("parse"));
        assert_eq!(m.negative_type.as_deref(), Some("SyntaxError"));
    }

    fn meta(yaml: &str) -> Meta {
        Meta::parse(&format!("/*---\n{yaml}\n---*/\n"))
    }

    #[test]
    fn reads_includes_inline_and_block() {
        let m = meta("includes: [propertyHelper.js, compareArray.js]\nflags: [async]");
        assert_eq!(m.includes, ["propertyHelper.js", "compareArray.js"]);
        let m = meta("includes:\n  - asyncHelpers.js\nflags: [module]");
        assert_eq!(m.includes, ["asyncHelpers.js"]);
        assert!(m.has_flag("module"));
    }

    #[test]
    fn flags_to_modes() {
        assert_eq!(meta("description: x").modes(), [Mode::Sloppy, Mode::Strict]);
        assert_eq!(meta("flags: [onlyStrict]").modes(), [Mode::Strict]);
        assert_eq!(meta("flags: [noStrict]").modes(), [Mode::Sloppy]);
        assert_eq!(meta("flags: [raw]").modes(), [Mode::Sloppy]);
        assert_eq!(meta("flags: [module]").modes(), [Mode::Module]);
        assert_eq!(meta("flags: [module, async]").modes(), [Mode::Module]);
        assert_eq!(
            meta("flags: [async, CanBlockIsFalse]").modes(),
            [Mode::Sloppy, Mode::Strict]
        );
        assert_eq!(
            meta("flags: [generated]").modes(),
            [Mode::Sloppy, Mode::Strict]
        );
        for m in [Mode::Sloppy, Mode::Strict, Mode::Module] {
            assert_eq!(Mode::from_name(m.name()), Some(m));
        }
    }
}
