//! ShadowRealm from Rust: which realm errors and wrappers belong to, what survives a
//! collection, and the host's eval switch. (Behaviour: `tests/js/shadow_realm/`.)
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::create_realm;
use crate::builtins::test_support::run;
use crate::convert::to_string;
use crate::script::eval_script;
use crate::*;

fn eval(cx: &mut Cx, src: &str) -> std::string::String {
    let mut pos = None;
    let v = match eval_script(cx, src, "test.js", &mut pos) {
        Ok(v) => v,
        Err(Throw::Value(e)) => e,
        Err(t) => return format!("{t:?}"),
    };
    let js = to_string(cx, v).unwrap();
    let flat = JsString::flatten(cx.heap(), js).unwrap();
    let mut out = std::string::String::new();
    flat.to_rust(&mut |c| out.push(c));
    out
}

#[test]
fn properties_of_the_constructor_and_prototype() {
    let src = "var p = ShadowRealm.prototype, a = [];
        for (var k of ['evaluate', 'importValue']) {
            var d = Object.getOwnPropertyDescriptor(p, k);
            a.push(k, d.writable, d.enumerable, d.configurable, d.value.length);
        }
        var t = Object.getOwnPropertyDescriptor(p, Symbol.toStringTag);
        a.push(t.value, t.writable, t.enumerable, t.configurable);
        var c = Object.getOwnPropertyDescriptor(globalThis, 'ShadowRealm');
        a.push(c.writable, c.enumerable, c.configurable, ShadowRealm.length, ShadowRealm.name);
        a.push(Object.getOwnPropertyDescriptor(ShadowRealm, 'prototype').writable);
        a.join()";
    assert_eq!(
        run(src),
        "evaluate,true,false,true,1,importValue,true,false,true,2,\
         ShadowRealm,false,false,true,true,false,true,0,ShadowRealm,false"
    );
}

#[test]
fn errors_and_wrappers_belong_to_the_callers_realm() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let cx = &mut Cx::new(&rt, realm);
    let r = eval(
        cx,
        "var r = new ShadowRealm();
         var a = [];
         try { r.evaluate('throw new TypeError(1)'); } catch (e) { a.push(e instanceof TypeError); }
         try { r.evaluate('({})'); } catch (e) { a.push(e instanceof TypeError); }
         try { r.evaluate('{'); } catch (e) { a.push(e instanceof SyntaxError); }
         var f = r.evaluate('() => 1');
         a.push(Object.getPrototypeOf(f) === Function.prototype);
         a.join()",
    );
    assert_eq!(r, "true,true,true,true");
    // The wrapper is an object of this realm; its target is not, and it is no constructor.
    let global = Object::from_value(realm.global()).unwrap();
    let key = rt.key("f").unwrap();
    let f = Object::from_value(ops::get_v(cx, global, key).unwrap()).unwrap();
    assert!(f.is_callable() && !f.is_constructor());
    assert_eq!(f.realm().to_value(), realm.to_value());
    let target = Object::from_value(f.internal(0)).unwrap();
    assert_ne!(target.realm().to_value(), realm.to_value());
}

#[test]
fn realms_and_wrapped_targets_survive_collection() {
    let rt = Runtime::new(RuntimeAttributes::default()).unwrap();
    let realm = create_realm(&rt).unwrap();
    let cx = &mut Cx::new(&rt, realm);
    eval(
        cx,
        "var r = new ShadowRealm(); r.evaluate('var n = 40');
         var inc = r.evaluate('() => ++n');
         (function () { for (var i = 0; i < 50; i++) new ShadowRealm().evaluate('1'); })();",
    );
    rt.collect_garbage();
    assert_eq!(eval(cx, "inc(); inc() + r.evaluate('n')"), "84");
}

#[test]
fn evaluate_obeys_the_hosts_eval_switch() {
    let rt = Runtime::new(RuntimeAttributes(RuntimeAttributes::DISABLE_EVAL)).unwrap();
    let realm = create_realm(&rt).unwrap();
    let cx = &mut Cx::new(&rt, realm);
    assert_eq!(eval(cx, "new ShadowRealm().evaluate('1')"), "Terminated");
    assert!(rt.take_eval_refused());
}
