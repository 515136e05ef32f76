//! Realm creation: lazy holders and what a context costs.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use super::create_realm;
use crate::ops;
use crate::*;
use conch_gc::Value;

#[test]
fn holders_fill_on_first_use_in_their_own_realm() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let r1 = create_realm(&rt).unwrap();
    let r2 = create_realm(&rt).unwrap();
    let proto = r1.intrinsic_object(Intrinsic::ArrayPrototype);
    let ctor = r1.intrinsic_object(Intrinsic::Array);
    assert_ne!(proto.lazy_id(), 0);
    assert_ne!(ctor.lazy_id(), 0);
    // Used from the other realm: the contents are still r1's.
    let mut cx = Cx::new(&rt, r2);
    let k = cx.name(Name::constructor);
    let c = ops::get_v(&mut cx, proto, k).unwrap();
    assert_eq!(c, ctor.to_value());
    assert_eq!(proto.lazy_id(), 0);
    let ia = cx.rt.key("isArray").unwrap();
    let f = Object::from_value(ops::get_v(&mut cx, ctor, ia).unwrap()).unwrap();
    assert_eq!(f.realm(), r1);
    assert_eq!(ctor.lazy_id(), 0);
    let keys = ops::own_property_keys(&mut cx, ctor).unwrap();
    let names: Vec<bool> = [
        "length",
        "name",
        "prototype",
        "from",
        "fromAsync",
        "isArray",
        "of",
    ]
    .iter()
    .enumerate()
    .map(|(i, n)| PropertyKey::from_raw(keys.get(i).unwrap()).is_name(n))
    .collect();
    assert_eq!(
        names, [true; 7],
        "CreateBuiltinFunction order, then statics"
    );
    // Each error prototype gets its own name.
    let rp = r1.intrinsic_object(Intrinsic::RangeErrorPrototype);
    let nk = cx.name(Name::name);
    let n = ops::get_v(&mut cx, rp, nk).unwrap();
    let s = JsString::from_value(n).unwrap();
    assert!(JsString::flatten(cx.heap(), s)
        .unwrap()
        .chars()
        .eq_ascii("RangeError"));
}

#[test]
fn a_refused_fill_is_retried_on_next_use() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    rt.heap().set_stress(0);
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    let op = realm.intrinsic_object(Intrinsic::ObjectPrototype);
    let k = cx.rt.key("hasOwnProperty").unwrap();
    // Fill everything the heap has free, then refuse all further memory.
    let keep = conch_gc::GcVec::<Value>::new();
    keep.reserve(cx.heap(), 1 << 16).unwrap();
    let mm = rt.memory_manager().clone();
    mm.set_limit(mm.usage());
    // Every small size class, twice (the first failure opens the one-block emergency reserve).
    for _ in 0..2 {
        for len in [1usize, 20, 40, 60, 90, 120, 200, 400, 800, 1600] {
            while let Ok(s) = JsString::from_str(cx.heap(), &"z".repeat(len)) {
                if keep.push(cx.heap(), s.to_value()).is_err() {
                    break;
                }
            }
        }
        while let Ok(o) = cx.new_object() {
            if keep.push(cx.heap(), o.to_value()).is_err() {
                break;
            }
        }
    }
    assert!(ops::get_v(&mut cx, op, k).is_err());
    assert_ne!(op.lazy_id(), 0, "still lazy after a refused fill");
    keep.clear();
    mm.set_limit(usize::MAX);
    let f = ops::get_v(&mut cx, op, k).unwrap();
    assert!(Object::from_value(f).is_some_and(|f| f.is_callable()));
    assert_eq!(op.lazy_id(), 0);
}

#[test]
fn a_context_costs_little() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    rt.heap().set_stress(0);
    let _first = create_realm(&rt).unwrap();
    let before = rt.heap().allocated_since_collection();
    let c0 = rt.heap().stats().collections;
    let _second = create_realm(&rt).unwrap();
    let bytes = rt.heap().allocated_since_collection() - before;
    assert_eq!(rt.heap().stats().collections, c0);
    // 15.5 KiB before the typed arrays; their eleven global constructors (each a lazy
    // holder with its own shape) add about 2 KiB, their prototypes are made on first use;
    // AggregateError, escape/unescape and Proxy about 1 KiB more; the lazy Iterator,
    // DisposableStack, AsyncDisposableStack, WeakRef and FinalizationRegistry constructors
    // about 1 KiB more again (20,672 bytes measured; 21,256 with SharedArrayBuffer and
    // Atomics). The global binding `ShadowRealm` then crossed a size step of the global
    // object's property table: one more global property, whatever it is, costs 2,344 bytes
    // there (measured with a dummy binding), the ShadowRealm holders themselves 264 (23,864
    // bytes measured). The next few global bindings fit in that table (`structuredClone`
    // does, defined once with its attributes: redefining them would make the global object's
    // properties a dictionary, 13 KiB more). Session 13: property tables index their shapes
    // with 16-bit entries (fast mode up to 512 properties): 24,808 bytes measured.
    assert!(bytes <= 25 * 1024, "a realm took {bytes} bytes");
}

#[test]
fn a_holder_whose_prototype_changes_still_fills() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    let bp = realm.intrinsic_object(Intrinsic::BooleanPrototype);
    assert!(ops::set_prototype_of(&mut cx, bp, Value::NULL).unwrap());
    let k = cx.rt.key("valueOf").unwrap();
    let f = ops::get_v(&mut cx, bp, k).unwrap();
    assert!(Object::from_value(f).is_some_and(|f| f.is_callable()));
    assert_eq!(bp.prototype(), Value::NULL);
}
