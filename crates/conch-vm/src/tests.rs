//! Object-model tests through the spec operations.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::convert::{self, to_string};
use crate::ops::{self, PropertyDescriptor};
use crate::*;
use conch_gc::Value;

fn with_realm(f: impl FnOnce(&mut Cx)) {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let mut cx = Cx::new(&rt, realm);
    f(&mut cx);
}

fn s(cx: &mut Cx, v: Value) -> std::string::String {
    let js = to_string(cx, v).unwrap();
    let flat = JsString::flatten(cx.heap(), js).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

#[test]
fn named_properties_keep_order_through_shapes_and_dictionary() {
    with_realm(|cx| {
        let o = cx.new_object().unwrap();
        for i in 0..600 {
            let k = cx.rt.key(&format!("p{i}")).unwrap();
            assert!(ops::create_data_property(cx, o, k, Value::int(i)).unwrap());
            if i == 511 {
                assert!(!o.is_dictionary(), "512 properties are fast");
            }
        }
        assert!(o.is_dictionary(), "600 properties exceed the fast limit");
        let k5 = cx.rt.key("p5").unwrap();
        assert_eq!(ops::get_v(cx, o, k5).unwrap(), Value::int(5));
        assert!(ops::delete(cx, o, k5).unwrap());
        assert_eq!(ops::get_v(cx, o, k5).unwrap(), Value::UNDEFINED);
        let keys = ops::own_property_keys(cx, o).unwrap();
        assert_eq!(keys.len(), 599);
        let first = PropertyKey::from_raw(keys.get(5).unwrap());
        assert!(first.is_name("p6"));
    });
}

#[test]
fn shapes_are_shared_and_delete_last_steps_back() {
    with_realm(|cx| {
        let a = cx.new_object().unwrap();
        let b = cx.new_object().unwrap();
        let x = cx.rt.key("x").unwrap();
        let y = cx.rt.key("y").unwrap();
        for o in [a, b] {
            ops::create_data_property(cx, o, x, Value::int(1)).unwrap();
            ops::create_data_property(cx, o, y, Value::int(2)).unwrap();
        }
        assert_eq!(a.shape(), b.shape());
        assert!(ops::delete(cx, a, y).unwrap());
        assert!(!a.is_dictionary());
        assert_eq!(a.shape().count(), 1);
        assert!(ops::delete(cx, b, x).unwrap());
        assert!(b.is_dictionary());
        assert_eq!(ops::get_v(cx, b, y).unwrap(), Value::int(2));
    });
}

#[test]
fn define_own_property_validates() {
    with_realm(|cx| {
        let o = cx.new_object().unwrap();
        let k = cx.rt.key("k").unwrap();
        let frozen = PropertyDescriptor::data(Value::int(1), 0);
        assert!(ops::define_own_property(cx, o, k, &frozen).unwrap());
        // Same value: allowed; different value or making it configurable: refused.
        assert!(ops::define_own_property(cx, o, k, &frozen).unwrap());
        let other = PropertyDescriptor::data(Value::int(2), 0);
        assert!(!ops::define_own_property(cx, o, k, &other).unwrap());
        let conf = PropertyDescriptor {
            configurable: Some(true),
            ..Default::default()
        };
        assert!(!ops::define_own_property(cx, o, k, &conf).unwrap());
        assert!(!ops::set(cx, o, k, Value::int(3), o.to_value()).unwrap());
        assert!(!ops::delete(cx, o, k).unwrap());
        // -0 and +0 differ under SameValue.
        let z = cx.rt.key("z").unwrap();
        assert!(ops::define_own_property(
            cx,
            o,
            z,
            &PropertyDescriptor::data(Value::number(0.0), 0)
        )
        .unwrap());
        assert!(!ops::define_own_property(
            cx,
            o,
            z,
            &PropertyDescriptor::data(Value::number(-0.0), 0)
        )
        .unwrap());
        // Non-extensible objects refuse new properties.
        ops::prevent_extensions(cx, o).unwrap();
        let n = cx.rt.key("new").unwrap();
        assert!(!ops::create_data_property(cx, o, n, Value::TRUE).unwrap());
    });
}

#[test]
fn arrays_length_semantics() {
    with_realm(|cx| {
        let a = builtins_array(cx);
        ops::create_data_property(cx, a, PropertyKey::index(9), Value::int(9)).unwrap();
        let len = cx.name(Name::length);
        assert_eq!(ops::get_v(cx, a, len).unwrap(), Value::int(10));
        // Far index goes sparse.
        ops::create_data_property(cx, a, PropertyKey::index(4_000_000_000), Value::TRUE).unwrap();
        assert!(a.has_sparse_elements());
        assert_eq!(
            ops::get_v(cx, a, len).unwrap(),
            Value::number(4_000_000_001.0)
        );
        // Shrinking removes elements.
        assert!(ops::set(cx, a, len, Value::int(5), a.to_value()).unwrap());
        assert_eq!(
            ops::get_v(cx, a, PropertyKey::index(9)).unwrap(),
            Value::UNDEFINED
        );
        // A non-configurable element stops truncation.
        let nc = PropertyDescriptor::data(Value::int(3), attrs::WRITABLE);
        assert!(ops::define_own_property(cx, a, PropertyKey::index(3), &nc).unwrap());
        assert!(!ops::set(cx, a, len, Value::int(0), a.to_value()).unwrap());
        assert_eq!(ops::get_v(cx, a, len).unwrap(), Value::int(4));
        // Invalid lengths throw RangeError.
        let r = ops::set(cx, a, len, Value::number(1.5), a.to_value());
        assert!(matches!(r, Err(Throw::Value(_))));
        // Read-only length refuses growth.
        let ro = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        assert!(ops::define_own_property(cx, a, len, &ro).unwrap());
        assert!(!ops::create_data_property(cx, a, PropertyKey::index(100), Value::TRUE).unwrap());
        let keys = ops::own_property_keys(cx, a).unwrap();
        assert_eq!(
            PropertyKey::from_raw(keys.get(0).unwrap()).as_index(),
            Some(3)
        );
        assert!(PropertyKey::from_raw(keys.get(1).unwrap()).is_name("length"));
    });
}

fn builtins_array(cx: &mut Cx) -> conch_gc::Gc<Object> {
    let c = cx.intrinsic(Intrinsic::Array);
    let v = ops::construct(cx, c, &[], Value::UNDEFINED).unwrap();
    Object::from_value(v).unwrap()
}

#[test]
fn conversions_and_builtin_methods() {
    with_realm(|cx| {
        let o = cx.new_object().unwrap();
        assert_eq!(s(cx, o.to_value()), "[object Object]");
        let a = builtins_array(cx);
        let ts = cx.rt.key("toString").unwrap();
        let f = ops::get_v(
            cx,
            cx.realm.intrinsic_object(Intrinsic::ObjectPrototype),
            ts,
        )
        .unwrap();
        let r = ops::call(cx, f, a.to_value(), &[]).unwrap();
        assert_eq!(s(cx, r), "[object Array]");
        let e = cx.error_object(ErrorKind::TypeError, "bad thing").unwrap();
        assert_eq!(s(cx, e.to_value()), "TypeError: bad thing");
        assert_eq!(s(cx, Value::number(1e21)), "1e+21");
        assert_eq!(s(cx, Value::number(-0.0)), "0");
        let sym = Symbol::new(cx.heap(), cx.string("d").unwrap().to_value()).unwrap();
        assert!(matches!(
            to_string(cx, sym.to_value()),
            Err(Throw::Value(_))
        ));
        let sym_obj = convert::to_object(cx, sym.to_value()).unwrap();
        let r = ops::get_v(cx, sym_obj, ts).unwrap();
        let r = ops::call(cx, r, sym.to_value(), &[]).unwrap();
        assert_eq!(s(cx, r), "Symbol(d)");
        let five = cx.string(" 5 ").unwrap().to_value();
        assert!(convert::loose_equals(cx, five, Value::int(5)).unwrap());
        assert!(!convert::strict_equals(cx, five, Value::int(5)).unwrap());
        assert!(convert::loose_equals(cx, Value::NULL, Value::UNDEFINED).unwrap());
        assert_eq!(
            convert::is_less_than(cx, Value::NULL, Value::int(1), true).unwrap(),
            Some(true)
        );
        let w = convert::to_object(cx, cx.string("abc").unwrap().to_value()).unwrap();
        let len = cx.name(Name::length);
        assert_eq!(ops::get_v(cx, w, len).unwrap(), Value::int(3));
        let c1 = ops::get_v(cx, w, PropertyKey::index(1)).unwrap();
        assert_eq!(s(cx, c1), "b");
        let keys = ops::own_property_keys(cx, w).unwrap();
        assert_eq!(keys.len(), 4);
    });
}

#[test]
fn error_constructors_and_instanceof() {
    with_realm(|cx| {
        let te = cx.intrinsic(Intrinsic::TypeError);
        let msg = cx.string("m").unwrap().to_value();
        let e = ops::construct(cx, te, &[msg], Value::UNDEFINED).unwrap();
        assert_eq!(s(cx, e), "TypeError: m");
        let err = cx.intrinsic(Intrinsic::Error);
        assert!(ops::ordinary_has_instance(cx, err, e).unwrap());
        // Called without new, an Error constructor still constructs.
        let e2 = ops::call(cx, te, Value::UNDEFINED, &[msg]).unwrap();
        assert!(ops::ordinary_has_instance(cx, te, e2).unwrap());
    });
}

#[test]
fn accessors_run_through_get_and_set() {
    fn getter(
        _: &mut Cx,
        _: conch_gc::Gc<Object>,
        this: Value,
        _: &[Value],
        _: Value,
    ) -> JsResult<Value> {
        Ok(this)
    }
    with_realm(|cx| {
        let o = cx.new_object().unwrap();
        let g = builtins::create_function(
            cx,
            getter,
            builtins::FunctionOptions {
                name: Value::UNDEFINED,
                length: 0,
                constructor: false,
            },
        )
        .unwrap();
        let k = cx.rt.key("self").unwrap();
        let d = PropertyDescriptor {
            get: Some(g.to_value()),
            configurable: Some(true),
            ..Default::default()
        };
        assert!(ops::define_own_property(cx, o, k, &d).unwrap());
        let child = cx
            .new_object_with(ObjectClass::Ordinary, o.to_value())
            .unwrap();
        assert_eq!(ops::get_v(cx, child, k).unwrap(), child.to_value());
        // No setter: [[Set]] fails.
        assert!(!ops::set(cx, child, k, Value::TRUE, child.to_value()).unwrap());
    });
}

#[test]
fn index_keys_are_kept_apart() {
    with_realm(|cx| {
        let k = cx.rt.key("100").unwrap();
        assert_eq!(k.as_index(), Some(100));
        let k = cx.rt.key("4294967295").unwrap();
        assert_eq!(k.as_index(), None);
        let k2 = cx.rt.key("4294967295").unwrap();
        assert_eq!(k, k2);
        let k = cx.rt.key("01").unwrap();
        assert_eq!(k.as_index(), None);
    });
}

#[test]
fn atoms_nothing_references_are_dropped() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let before = rt.atom_count();
    // The temporaries are held (as property names of one object, which lives only in this
    // function's frame) while counted, so GC stress cannot drop them early.
    #[inline(never)]
    fn make(rt: &Runtime, realm: conch_gc::Gc<Context>) -> usize {
        let cx = &mut Cx::new(rt, realm);
        let holder = cx.new_object().unwrap();
        for i in 0..5000 {
            let k = rt.key(&format!("temporary{i}")).unwrap();
            ops::create_data_property(cx, holder, k, Value::TRUE).unwrap();
        }
        rt.atom_count()
    }
    assert!(make(&rt, realm) >= before + 5000);
    let kept = rt.key("kept-name").unwrap();
    // Collect from another thread: this thread's stack may hold stale copies of `holder`.
    // `kept` is rooted, as it would otherwise be invisible from there.
    rt.heap()
        .add_root(kept.to_raw().cell_addr().unwrap())
        .unwrap();
    struct SendPtr(*const Runtime);
    // SAFETY: the runtime is used by one thread at a time: this one waits for the other.
    unsafe impl Send for SendPtr {}
    let p = SendPtr(&rt);
    std::thread::scope(|s| {
        s.spawn(move || {
            let p = p;
            // SAFETY: the runtime outlives the scope and nobody else uses it meanwhile.
            unsafe { &*p.0 }.heap().collect();
        })
        .join()
        .unwrap()
    });
    // Most temporaries are gone (conservative scanning may keep a few); engine names and
    // atoms still referenced stay, and re-interning finds the same atom.
    assert!(
        rt.atom_count() < before + 100,
        "{} atoms left",
        rt.atom_count()
    );
    assert_eq!(rt.key("kept-name").unwrap(), kept);
    let len = rt.name(Name::length);
    assert!(len.is_name("length"));
    std::hint::black_box(realm);
}

#[test]
fn comparing_ropes_that_cannot_be_flattened_is_an_error_not_false() {
    with_realm(|cx| {
        // Two equal 2 MiB strings built as ropes (so a comparison has to flatten them).
        let chunk = JsString::from_str(cx.heap(), &"x".repeat(64 * 1024)).unwrap();
        let build = |cx: &mut Cx| {
            let mut r = chunk;
            for _ in 0..31 {
                r = JsString::concat(cx.heap(), r, chunk).unwrap();
            }
            r
        };
        let (a, b) = (build(cx), build(cx));
        // Hold them in an object so they stay alive whatever the stack holds.
        let holder = cx.new_object().unwrap();
        let (ka, kb) = (cx.rt.key("a").unwrap(), cx.rt.key("b").unwrap());
        ops::create_data_property(cx, holder, ka, a.to_value()).unwrap();
        ops::create_data_property(cx, holder, kb, b.to_value()).unwrap();
        let mm = cx.heap().memory_manager().clone();
        mm.set_limit(mm.usage());
        let r = convert::strict_equals(cx, a.to_value(), b.to_value());
        assert!(r.is_err(), "refused memory must surface as an error");
        assert!(convert::same_value(cx, a.to_value(), b.to_value()).is_err());
        mm.set_limit(usize::MAX);
        assert!(convert::strict_equals(cx, a.to_value(), b.to_value()).unwrap());
        assert!(convert::same_value_zero(cx, a.to_value(), b.to_value()).unwrap());
    });
}

#[test]
fn wide_copies_are_nul_terminated_and_made_once() {
    with_realm(|cx| {
        let a = JsString::from_str(cx.heap(), "héllo").unwrap();
        let b = JsString::from_str(cx.heap(), " world").unwrap();
        let r = JsString::concat(cx.heap(), a, b).unwrap();
        let c1 = cx.rt.wide_copy(r).unwrap();
        let c2 = cx.rt.wide_copy(r).unwrap();
        assert_eq!(c1, c2, "later requests get the same copy");
        let Chars::Two(units) = c1.chars() else {
            panic!("two-byte copy")
        };
        let text: std::vec::Vec<u16> = "héllo world\0".encode_utf16().collect();
        assert_eq!(units, &text[..]);
    });
}
