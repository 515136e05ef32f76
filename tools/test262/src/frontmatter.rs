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
        let lines: Vec<&str> = yaml.lines().collect();
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
    use super::Meta;

    #[test]
    fn reads_flags_features_and_negative() {
        let src = "/*---\ndescription: x\nflags: [onlyStrict, module]\nfeatures:\n  - a\n  - b\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n";
        let m = Meta::parse(src);
        assert_eq!(m.flags, ["onlyStrict", "module"]);
        assert_eq!(m.features, ["a", "b"]);
        assert_eq!(m.negative_phase.as_deref(), Some("parse"));
        assert_eq!(m.negative_type.as_deref(), Some("SyntaxError"));
    }
}
