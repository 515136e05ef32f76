//! The shell's module loader: specifiers are file paths, relative ones (`./x.js`, `../x.js`)
//! resolved against the importing file's directory; a module's canonical name is its
//! absolute, normalised path.

use conch_vm::module::ModuleLoader;
use std::path::{Component, Path, PathBuf};

/// Loads modules from the file system.
pub struct FsLoader;

thread_local! {
    /// The canonical names of the modules loaded so far (for error reports).
    static LOADED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The canonical names of the modules loaded so far.
pub fn loaded_modules() -> Vec<String> {
    LOADED.with(|l| l.borrow().clone())
}

/// `path` made absolute (against the working directory) and normalised (`.`/`..` removed),
/// without touching the file system beyond `current_dir`.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c.as_os_str()),
        }
    }
    out
}

impl ModuleLoader for FsLoader {
    fn resolve(&self, referrer: &str, specifier: &str) -> Result<String, String> {
        let spec = Path::new(specifier);
        let path = if spec.is_absolute() {
            spec.to_path_buf()
        } else if specifier.starts_with("./") || specifier.starts_with("../") {
            let base = Path::new(referrer);
            let dir = if base.is_absolute() && base.parent().is_some() {
                base.parent().map(Path::to_path_buf).unwrap_or_default()
            } else {
                absolute(base)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            };
            dir.join(spec)
        } else {
            return Err(format!(
                "Cannot resolve module specifier '{specifier}': only paths ('./', '../', '/') are supported"
            ));
        };
        Ok(absolute(&path).to_string_lossy().into_owned())
    }

    fn load(&self, name: &str) -> Result<String, String> {
        LOADED.with(|l| l.borrow_mut().push(name.to_string()));
        std::fs::read_to_string(name).map_err(|e| format!("Cannot load module '{name}': {e}"))
    }
}
