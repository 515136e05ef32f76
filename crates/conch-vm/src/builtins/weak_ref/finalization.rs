//! `FinalizationRegistry` (§26.2).
//!
//! A registry is a keyed-collection object of tag `FinalizationRegistry`: `internal(0)` its
//! `[[Cells]]`, a null-prototype array no script can reach holding triples (a
//! `conch_gc::WeakRef` cell for `[[WeakRefTarget]]`, `[[HeldValue]]`, a weak cell for
//! `[[UnregisterToken]]` or `undefined`), `internal(2)` `[[CleanupCallback]]`; its `[[Realm]]`
//! is the object's own realm.
//!
//! Finding dead targets: the runtime keeps every registry in a list of weak cells. When
//! `builtins::promise::run_jobs` has drained the queue and a collection happened since the last
//! look, [`enqueue_cleanups`] scans the live registries and queues one cleanup job
//! (`HostEnqueueFinalizationRegistryCleanupJob`) per registry with an emptied cell; the job,
//! [`cleanup_job`], is `CleanupFinalizationRegistry`. A host that takes jobs through a job hook
//! never drains the runtime's queue and gets no cleanup callbacks (the spec allows that: it
//! never promises one).

use super::super::collection::map::to_string_tag;
use super::super::collection::{can_be_held_weakly, Tag};
use super::super::{arg, array_create, constructor, link_constructor, method, Lazy};
use crate::cx::{Cx, JsResult};
use crate::object::{attrs, Object, ObjectClass, Prop};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, Value};

/// The job tag of a cleanup job (after the promise jobs' 0 and 1).
pub(crate) const JOB_CLEANUP: i32 = 2;

fn new_cells(cx: &Cx) -> JsResult<Gc<Object>> {
    array_create(cx, 0, Value::NULL)
}

fn cell_at(cells: Gc<Object>, i: u32) -> Value {
    cells.get_element(i).map_or(Value::UNDEFINED, |p| p.value)
}

fn push(cx: &Cx, a: Gc<Object>, v: Value) -> JsResult<()> {
    let n = a.array_length();
    Object::put_element(
        cx.heap(),
        a,
        n,
        Prop {
            value: v,
            attrs: attrs::DEFAULT,
        },
    )?;
    Object::set_length_raw(a, n + 1);
    Ok(())
}

/// What a weak cell value (a `conch_gc::WeakRef` cell) points at, if still alive.
fn weak_get(v: Value) -> Option<Value> {
    let a = v.cell_addr()?;
    // SAFETY: a live cell (held by a traced array); the kind check decides.
    let w = unsafe { Gc::<conch_gc::WeakRef>::from_addr(a) }?;
    w.get()
}

fn this_registry(cx: &Cx, this: Value, what: &str) -> JsResult<Gc<Object>> {
    match Object::from_value(this) {
        Some(o)
            if o.class() == ObjectClass::Collection
                && o.internal(1) == Value::int(Tag::FinalizationRegistry as i32) =>
        {
            Ok(o)
        }
        _ => Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &[what],
            this,
        )),
    }
}

fn registry_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor FinalizationRegistry requires 'new'"));
    }
    let cb = arg(args, 0);
    if !Object::from_value(cb).is_some_and(|f| f.is_callable()) {
        return Err(cx.type_error("FinalizationRegistry: cleanup must be callable"));
    }
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::FinalizationRegistryPrototype)?;
    let cells = new_cells(cx)?;
    let o = cx.new_object_with(ObjectClass::Collection, proto)?;
    Object::set_internal(o, 0, cells.to_value());
    Object::set_internal(o, 1, Value::int(Tag::FinalizationRegistry as i32));
    Object::set_internal(o, 2, cb);
    let w = cx.heap().create_weak(o.to_value())?;
    let (list, _) = cx.rt.registries();
    list.push(cx.heap(), w.to_value())?;
    Ok(o.to_value())
}

/// `FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] )`.
fn register(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = this_registry(cx, this, "FinalizationRegistry.prototype.register")?;
    let (target, held, token) = (arg(a, 0), arg(a, 1), arg(a, 2));
    if !can_be_held_weakly(target) {
        return Err(cx.type_error("FinalizationRegistry.prototype.register: invalid target"));
    }
    if crate::ops::conversion::same_value(cx, target, held)? {
        return Err(cx.type_error(
            "FinalizationRegistry.prototype.register: target and holdings must not be same",
        ));
    }
    let token = if can_be_held_weakly(token) {
        cx.heap().create_weak(token)?.to_value()
    } else if token.is_undefined() {
        Value::UNDEFINED
    } else {
        return Err(cx.type_error("FinalizationRegistry.prototype.register: invalid token"));
    };
    let t = cx.heap().create_weak(target)?;
    let Some(cells) = Object::from_value(o.internal(0)) else {
        return Ok(Value::UNDEFINED);
    };
    push(cx, cells, t.to_value())?;
    push(cx, cells, held)?;
    push(cx, cells, token)?;
    Ok(Value::UNDEFINED)
}

/// Rebuilds `o`'s cells without the triples `drop` selects; returns how many went.
fn retain(
    cx: &Cx,
    o: Gc<Object>,
    mut drop: impl FnMut(Value, Value, Value) -> bool,
) -> JsResult<u32> {
    let Some(cells) = Object::from_value(o.internal(0)) else {
        return Ok(0);
    };
    let n = cells.array_length();
    let kept = new_cells(cx)?;
    let mut dropped = 0;
    let mut i = 0;
    while i + 2 < n {
        let (t, h, k) = (
            cell_at(cells, i),
            cell_at(cells, i + 1),
            cell_at(cells, i + 2),
        );
        if drop(t, h, k) {
            dropped += 1;
        } else {
            push(cx, kept, t)?;
            push(cx, kept, h)?;
            push(cx, kept, k)?;
        }
        i += 3;
    }
    if dropped > 0 {
        Object::set_internal(o, 0, kept.to_value());
    }
    Ok(dropped)
}

/// `FinalizationRegistry.prototype.unregister ( unregisterToken )`.
fn unregister(cx: &mut Cx, _: Gc<Object>, this: Value, a: &[Value], _: Value) -> JsResult<Value> {
    let o = this_registry(cx, this, "FinalizationRegistry.prototype.unregister")?;
    let token = arg(a, 0);
    if !can_be_held_weakly(token) {
        return Err(cx.type_error("FinalizationRegistry.prototype.unregister: invalid token"));
    }
    let n = retain(cx, o, |_, _, k| weak_get(k) == Some(token))?;
    Ok(Value::bool(n > 0))
}

/// Whether `o` holds a cell whose target died.
fn has_dead_cell(o: Gc<Object>) -> bool {
    let Some(cells) = Object::from_value(o.internal(0)) else {
        return false;
    };
    let n = cells.array_length();
    let mut i = 0;
    while i + 2 < n {
        if weak_get(cell_at(cells, i)).is_none() {
            return true;
        }
        i += 3;
    }
    false
}

/// After the queue drained: if a collection ran since the last scan, queues a cleanup job for
/// each live registry with a dead cell (and forgets dead registries). Returns whether it
/// queued any.
pub(crate) fn enqueue_cleanups(cx: &mut Cx) -> JsResult<bool> {
    let (list, seen) = cx.rt.registries();
    if list.is_empty() {
        return Ok(false);
    }
    let now = cx.heap().stats().collections;
    if now == seen.get() {
        return Ok(false);
    }
    seen.set(now);
    let mut queued = false;
    let mut w = 0;
    for r in 0..list.len() {
        let cell = list.get(r).unwrap_or(Value::UNDEFINED);
        let Some(o) = weak_get(cell).and_then(Object::from_value) else {
            continue;
        };
        list.set(w, cell);
        w += 1;
        if has_dead_cell(o) {
            cx.rt.enqueue_job([
                Value::int(JOB_CLEANUP),
                o.realm().to_value(),
                o.to_value(),
                Value::UNDEFINED,
                Value::UNDEFINED,
            ])?;
            queued = true;
        }
    }
    list.truncate(w);
    Ok(queued)
}

/// `CleanupFinalizationRegistry(registry)`: removes each emptied cell and calls the cleanup
/// callback with its held value.
pub(crate) fn cleanup_job(cx: &mut Cx, registry: Value) -> JsResult<()> {
    let Some(o) = Object::from_value(registry) else {
        return Ok(());
    };
    loop {
        let mut held = None;
        retain(cx, o, |t, h, _| {
            if held.is_none() && weak_get(t).is_none() {
                held = Some(h);
                true
            } else {
                false
            }
        })?;
        let Some(h) = held else {
            return Ok(());
        };
        ops::call(cx, o.internal(2), Value::UNDEFINED, &[h])?;
    }
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(proto, Lazy::FinalizationRegistryProto as u8);
    Context::set_intrinsic(
        cx.realm,
        Intrinsic::FinalizationRegistryPrototype,
        proto.to_value(),
    );
    let c = constructor(
        cx,
        global,
        "FinalizationRegistry",
        registry_ctor,
        proto,
        fp,
        Lazy::FinalizationRegistryCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::FinalizationRegistry, c.to_value());
    Ok(())
}

pub(crate) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::FinalizationRegistry)?;
    method(cx, p, "register", 2, register)?;
    method(cx, p, "unregister", 1, unregister)?;
    to_string_tag(cx, p, "FinalizationRegistry")
}
