//! The `Proxy` constructor and `Proxy.revocable` (ECMA-262 §28.2). The proxy objects'
//! internal methods are in `ops::proxy`.

use super::{arg, data, method, Lazy};
use crate::cx::{Cx, JsResult};
use crate::object::{attrs, Object, ObjectClass};
use crate::ops;
use crate::realm::Intrinsic;
use crate::runtime::Name;
use conch_gc::{Gc, Value};

/// Creates the (lazy) `Proxy` constructor and binds it on the global object. It has no
/// `prototype` property (proxies have no prototype of their own).
pub(super) fn init(cx: &mut Cx, global: Gc<Object>) -> JsResult<()> {
    let c = cx.new_singleton(
        ObjectClass::Function,
        cx.intrinsic(Intrinsic::FunctionPrototype),
    )?;
    Object::set_native(c, proxy_ctor, true);
    Object::set_lazy(c, Lazy::ProxyCtor as u8);
    let key = cx.rt.key("Proxy")?;
    data(cx, global, key, c.to_value(), attrs::HIDDEN)
}

/// The constructor's own properties: `length`, `name`, `revocable`.
pub(super) fn fill_ctor(cx: &mut Cx, c: Gc<Object>) -> JsResult<()> {
    let lk = cx.name(Name::length);
    data(cx, c, lk, Value::number(2.0), attrs::CONFIGURABLE)?;
    let nk = cx.name(Name::name);
    let name = cx.rt.key("Proxy")?.to_raw();
    data(cx, c, nk, name, attrs::CONFIGURABLE)?;
    method(cx, c, "revocable", 2, revocable)?;
    Ok(())
}

/// `Proxy(target, handler)` (§28.2.1.1): only as a constructor.
fn proxy_ctor(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], nt: Value) -> JsResult<Value> {
    if nt.is_undefined() {
        return Err(cx.type_error("Constructor Proxy requires 'new'"));
    }
    Ok(ops::proxy_create(cx, arg(args, 0), arg(args, 1))?.to_value())
}

/// `Proxy.revocable(target, handler)` (§28.2.2.1): `{ proxy, revoke }`.
fn revocable(cx: &mut Cx, _: Gc<Object>, _: Value, args: &[Value], _: Value) -> JsResult<Value> {
    let p = ops::proxy_create(cx, arg(args, 0), arg(args, 1))?;
    let empty = cx.name(Name::empty).to_raw();
    let revoker = super::create_function(
        cx,
        revoke,
        super::FunctionOptions {
            name: empty,
            length: 0,
            constructor: false,
        },
    )?;
    // `[[RevocableProxy]]`.
    Object::set_internal(revoker, 1, p.to_value());
    let result = cx.new_object()?;
    let pk = cx.rt.key("proxy")?;
    ops::create_data_property(cx, result, pk, p.to_value())?;
    let rk = cx.rt.key("revoke")?;
    ops::create_data_property(cx, result, rk, revoker.to_value())?;
    Ok(result.to_value())
}

/// A revocation function (§28.2.2.1.1): revokes its proxy once, then does nothing.
fn revoke(_: &mut Cx, f: Gc<Object>, _: Value, _: &[Value], _: Value) -> JsResult<Value> {
    if let Some(p) = Object::from_value(f.internal(1)) {
        Object::set_internal(f, 1, Value::NULL);
        ops::proxy::revoke(p);
    }
    Ok(Value::UNDEFINED)
}

#[cfg(test)]
mod tests;
