//! `WeakRef` (§26.1).
//!
//! A WeakRef object is a keyed-collection object of tag `WeakRef` whose `internal(0)` is a
//! `conch_gc::WeakRef` cell: the collector clears the cell when the target dies, so
//! `[[WeakRefTarget]]` is "empty" exactly when the cell reads `None`.
//!
//! `[[KeptAlive]]` (AddToKeptObjects / ClearKeptObjects, §9.10): the constructor and `deref`
//! push the target onto the runtime's kept list, a traced root that
//! `builtins::promise::run_jobs` clears once the job queue has drained. A target is thus kept
//! at least until the end of the current job, and at most until the queue is empty (a host that
//! takes jobs through a job hook instead never drains the runtime's queue, so its kept list
//! lasts until the runtime does; a leak bounded by the number of `deref` calls, never a wrong
//! answer).

use super::collection::map::to_string_tag;
use super::collection::{can_be_held_weakly, Tag};
use super::{arg, constructor, link_constructor, method, Lazy};
use crate::cx::{Cx, JsResult};
use crate::object::{Object, ObjectClass};
use crate::ops;
use crate::realm::{Context, Intrinsic};
use conch_gc::{Gc, Value};

pub(crate) mod finalization;
#[cfg(test)]
mod tests;

fn weak_ref_ctor(
    cx: &mut Cx,
    _: Gc<Object>,
    _: Value,
    args: &[Value],
    nt: Value,
) -> JsResult<Value> {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor WeakRef requires 'new'"));
    }
    let target = arg(args, 0);
    if !can_be_held_weakly(target) {
        return Err(cx.type_error("WeakRef: invalid target"));
    }
    let proto = ops::prototype_from_constructor(cx, nt, Intrinsic::WeakRefPrototype)?;
    let cell = cx.heap().create_weak(target)?;
    let o = cx.new_object_with(ObjectClass::Collection, proto)?;
    Object::set_internal(o, 0, cell.to_value());
    Object::set_internal(o, 1, Value::int(Tag::WeakRef as i32));
    cx.rt.keep_alive(target)?;
    Ok(o.to_value())
}

/// The target of a WeakRef object (or of a `conch_gc::WeakRef` cell's holder slot 0), or
/// `None` once collected.
pub(crate) fn target_of(o: Gc<Object>) -> Option<Value> {
    let a = o.internal(0).cell_addr()?;
    // SAFETY: `internal(0)` of a WeakRef object holds a live cell; the kind check decides.
    let w = unsafe { Gc::<conch_gc::WeakRef>::from_addr(a) }?;
    w.get()
}

/// `WeakRef.prototype.deref ( )`.
fn deref(cx: &mut Cx, _: Gc<Object>, this: Value, _: &[Value], _: Value) -> JsResult<Value> {
    let o = match Object::from_value(this) {
        Some(o)
            if o.class() == ObjectClass::Collection
                && o.internal(1) == Value::int(Tag::WeakRef as i32) =>
        {
            o
        }
        _ => {
            return Err(crate::builtins::error::shown::incompatible_receiver(
                cx,
                &["WeakRef.prototype.deref"],
                this,
            ))
        }
    };
    match target_of(o) {
        Some(t) => {
            cx.rt.keep_alive(t)?;
            Ok(t)
        }
        None => Ok(Value::UNDEFINED),
    }
}

pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let op = cx.intrinsic(Intrinsic::ObjectPrototype);
    let fp = cx.intrinsic(Intrinsic::FunctionPrototype);
    let proto = cx.new_singleton(ObjectClass::Ordinary, op)?;
    Object::set_lazy(proto, Lazy::WeakRefProto as u8);
    Context::set_intrinsic(cx.realm, Intrinsic::WeakRefPrototype, proto.to_value());
    let c = constructor(
        cx,
        global,
        "WeakRef",
        weak_ref_ctor,
        proto,
        fp,
        Lazy::WeakRefCtor,
    )?;
    Context::set_intrinsic(cx.realm, Intrinsic::WeakRef, c.to_value());
    finalization::init(cx, global)
}

pub(super) fn fill_proto(cx: &mut Cx, p: Gc<Object>) -> JsResult<()> {
    link_constructor(cx, p, Intrinsic::WeakRef)?;
    method(cx, p, "deref", 0, deref)?;
    to_string_tag(cx, p, "WeakRef")
}
