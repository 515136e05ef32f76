//! Linking (ECMA-262 §16.2.1.5.3 `Link()`, §16.2.1.6.2–3 `GetExportedNames`/`ResolveExport`,
//! §16.2.1.6.4 `InitializeEnvironment`): resolves every import to the environment slot it
//! reads, then creates each module's functions.

use super::namespace::namespace_of;
use super::record::{env as menv, status, Module};
use crate::cx::{Cx, JsResult};
use crate::string::JsString;
use conch_gc::{Gc, GcVec, Value};

/// What an export name resolves to.
#[derive(Clone, Copy)]
pub(super) enum Resolution {
    /// Not found (or a circular request).
    Null,
    /// Found through two different `export *`.
    Ambiguous,
    /// A binding: the module and the environment index of the binding.
    Binding(Gc<Module>, i32),
    /// A module's namespace object.
    Namespace(Gc<Module>),
}

/// Whether two name values (strings) are the same name.
pub(super) fn same_name(cx: &Cx, a: Value, b: Value) -> JsResult<bool> {
    if a == b {
        return Ok(true);
    }
    match (JsString::from_value(a), JsString::from_value(b)) {
        (Some(x), Some(y)) => Ok(JsString::equals(cx.heap(), x, y)?),
        _ => Ok(false),
    }
}

fn is_default(v: Value) -> bool {
    JsString::from_value(v)
        .and_then(|s| s.try_chars().map(|c| c.eq_ascii("default")))
        .unwrap_or(false)
}

/// `ResolveExport(module, name, resolveSet)`; the set holds (module, name) pairs.
pub(super) fn resolve_export(
    cx: &Cx,
    m: Gc<Module>,
    name: Value,
    set: &GcVec<Value>,
) -> JsResult<Resolution> {
    cx.check()?;
    for i in 0..set.len() / 2 {
        if set.get(2 * i) == Some(m.to_value())
            && same_name(cx, set.get(2 * i + 1).unwrap_or(Value::NULL), name)?
        {
            return Ok(Resolution::Null);
        }
    }
    set.push(cx.heap(), m.to_value())?;
    set.push(cx.heap(), name)?;
    for i in 0..m.local_exports.len() / 2 {
        if same_name(cx, m.local_exports.get(2 * i).unwrap_or(Value::NULL), name)? {
            let slot = m.local_exports.get(2 * i + 1).and_then(|v| v.as_int());
            return Ok(Resolution::Binding(m, slot.unwrap_or(0)));
        }
    }
    for i in 0..m.indirect_exports.len() / 3 {
        if same_name(
            cx,
            m.indirect_exports.get(3 * i).unwrap_or(Value::NULL),
            name,
        )? {
            let req = m.indirect_exports.get(3 * i + 1).and_then(|v| v.as_int());
            let Some(target) = m.requested(req.unwrap_or(0) as usize) else {
                return Ok(Resolution::Null);
            };
            let imported = m.indirect_exports.get(3 * i + 2).unwrap_or(Value::NULL);
            if imported.is_null() {
                return Ok(Resolution::Namespace(target));
            }
            return resolve_export(cx, target, imported, set);
        }
    }
    if is_default(name) {
        // A default export is never provided by `export *`.
        return Ok(Resolution::Null);
    }
    let mut star = Resolution::Null;
    for i in 0..m.star_exports.len() {
        let req = m.star_exports.get(i).and_then(|v| v.as_int()).unwrap_or(0);
        let Some(target) = m.requested(req as usize) else {
            continue;
        };
        match resolve_export(cx, target, name, set)? {
            Resolution::Ambiguous => return Ok(Resolution::Ambiguous),
            Resolution::Null => {}
            r => {
                star = match (star, r) {
                    (Resolution::Null, r) => r,
                    (Resolution::Binding(a, x), Resolution::Binding(b, y))
                        if a.to_value() == b.to_value() && x == y =>
                    {
                        star
                    }
                    (Resolution::Namespace(a), Resolution::Namespace(b))
                        if a.to_value() == b.to_value() =>
                    {
                        star
                    }
                    _ => return Ok(Resolution::Ambiguous),
                }
            }
        }
    }
    Ok(star)
}

/// `GetExportedNames(module, exportStarSet)`: appends the names to `out` (no duplicates).
pub(super) fn exported_names(
    cx: &Cx,
    m: Gc<Module>,
    visited: &GcVec<Value>,
    out: &GcVec<Value>,
) -> JsResult<()> {
    cx.check()?;
    if visited.iter().any(|v| v == m.to_value()) {
        return Ok(());
    }
    visited.push(cx.heap(), m.to_value())?;
    let add = |n: Value| -> JsResult<()> {
        for k in 0..out.len() {
            if same_name(cx, out.get(k).unwrap_or(Value::NULL), n)? {
                return Ok(());
            }
        }
        out.push(cx.heap(), n)?;
        Ok(())
    };
    for i in 0..m.local_exports.len() / 2 {
        add(m.local_exports.get(2 * i).unwrap_or(Value::NULL))?;
    }
    for i in 0..m.indirect_exports.len() / 3 {
        add(m.indirect_exports.get(3 * i).unwrap_or(Value::NULL))?;
    }
    for i in 0..m.star_exports.len() {
        let req = m.star_exports.get(i).and_then(|v| v.as_int()).unwrap_or(0);
        let Some(target) = m.requested(req as usize) else {
            continue;
        };
        let names = GcVec::<Value>::new();
        exported_names(cx, target, visited, &names)?;
        for n in names.iter() {
            if !is_default(n) {
                add(n)?;
            }
        }
    }
    Ok(())
}

/// `Link()`: links `m` and everything it imports; on failure every module the walk touched
/// is unlinked again.
pub(super) fn link(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    let stack = GcVec::<Value>::new();
    match inner_link(cx, m, &stack, 0) {
        Ok(_) => Ok(()),
        Err(e) => {
            for v in stack.iter() {
                if let Some(x) = Module::from_value(v) {
                    x.status.set(status::NEW);
                }
            }
            Err(e)
        }
    }
}

fn inner_link(cx: &mut Cx, m: Gc<Module>, stack: &GcVec<Value>, index: i32) -> JsResult<i32> {
    cx.check()?;
    if m.status.get() != status::NEW {
        return Ok(index);
    }
    m.status.set(status::LINKING);
    m.dfs_index.set(index);
    m.dfs_ancestor.set(index);
    let mut index = index + 1;
    stack.push(cx.heap(), m.to_value())?;
    for i in 0..m.requests.len() {
        let Some(r) = m.requested(i) else {
            continue;
        };
        index = inner_link(cx, r, stack, index)?;
        if r.status.get() == status::LINKING {
            m.dfs_ancestor
                .set(m.dfs_ancestor.get().min(r.dfs_ancestor.get()));
        }
    }
    initialize_environment(cx, m)?;
    if m.dfs_ancestor.get() == m.dfs_index.get() {
        while let Some(v) = stack.pop() {
            let Some(x) = Module::from_value(v) else {
                break;
            };
            x.status.set(status::LINKED);
            if x.to_value() == m.to_value() {
                break;
            }
        }
    }
    Ok(index)
}

/// A SyntaxError naming the missing or ambiguous export.
fn export_error(cx: &Cx, m: Gc<Module>, req: usize, name: Value, ambiguous: bool) -> crate::Throw {
    use super::Piece::{S, V};
    let spec = m.requests.get(req).unwrap_or(Value::UNDEFINED);
    let pieces = [
        S("The requested module '"),
        V(spec),
        S(if ambiguous {
            "' contains conflicting star exports for name '"
        } else {
            "' does not provide an export named '"
        }),
        V(name),
        S("'"),
    ];
    super::throw_msg(cx, crate::ErrorKind::SyntaxError, &pieces)
}

/// `InitializeEnvironment()`: checks the indirect exports, binds the imports, creates the
/// functions.
fn initialize_environment(cx: &mut Cx, m: Gc<Module>) -> JsResult<()> {
    for i in 0..m.indirect_exports.len() / 3 {
        let name = m.indirect_exports.get(3 * i).unwrap_or(Value::NULL);
        let set = GcVec::<Value>::new();
        match resolve_export(cx, m, name, &set)? {
            Resolution::Null | Resolution::Ambiguous => {
                let req = m.indirect_exports.get(3 * i + 1).and_then(|v| v.as_int());
                let imported = m.indirect_exports.get(3 * i + 2).unwrap_or(Value::NULL);
                let ambiguous = matches!(
                    resolve_export(cx, m, name, &GcVec::new())?,
                    Resolution::Ambiguous
                );
                return Err(export_error(
                    cx,
                    m,
                    req.unwrap_or(0) as usize,
                    imported,
                    ambiguous,
                ));
            }
            _ => {}
        }
    }
    let Some(env) = m.env_array() else {
        return Ok(());
    };
    let table = crate::interp::ops::env_of(env.get(menv::IMPORTS).unwrap_or(Value::UNDEFINED));
    for i in 0..m.imports.len() / 3 {
        let req = m.imports.get(3 * i).and_then(|v| v.as_int()).unwrap_or(0) as usize;
        let imported = m.imports.get(3 * i + 1).unwrap_or(Value::NULL);
        let dest = m
            .imports
            .get(3 * i + 2)
            .and_then(|v| v.as_int())
            .unwrap_or(0);
        let Some(target) = m.requested(req) else {
            continue;
        };
        if imported.is_null() {
            let ns = namespace_of(cx, target)?;
            env.set(dest as usize, ns.to_value());
            continue;
        }
        if imported == Value::TRUE {
            let ns = super::namespace::deferred_namespace_of(cx, target)?;
            env.set(dest as usize, ns.to_value());
            continue;
        }
        if imported == Value::FALSE {
            return Err(cx.throw(
                crate::ErrorKind::SyntaxError,
                "Source phase imports are not available for JavaScript modules",
            ));
        }
        let set = GcVec::<Value>::new();
        let (v, idx) = match resolve_export(cx, target, imported, &set)? {
            Resolution::Null => return Err(export_error(cx, m, req, imported, false)),
            Resolution::Ambiguous => return Err(export_error(cx, m, req, imported, true)),
            Resolution::Binding(tm, slot) => (tm.env.get(), slot),
            Resolution::Namespace(tm) => (namespace_of(cx, tm)?.to_value(), -1),
        };
        if let Some(t) = table {
            t.set(2 * dest as usize, v);
            t.set(2 * dest as usize + 1, Value::int(idx));
        }
    }
    let init = m.init.get();
    if !init.is_undefined() {
        crate::ops::call(cx, init, Value::UNDEFINED, &[])?;
    }
    Ok(())
}
