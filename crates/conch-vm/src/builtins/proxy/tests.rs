//! `Proxy` from Rust (behaviour tests: `tests/js/proxy.js`).
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)] // test-sized data

use crate::builtins::test_support::run;

#[test]
fn proxy_forwards_without_traps() {
    let src = "var t = {a: 1}; var p = new Proxy(t, {}); p.b = 2;
        [p.a, t.b, 'a' in p, Object.keys(p).join('+'), delete p.a, 'a' in t].join()";
    assert_eq!(run(src), "1,2,true,a+b,true,false");
}

#[test]
fn traps_receive_target_key_and_receiver() {
    let src = "var log = []; var t = {};
        var p = new Proxy(t, {
            get(tt, k, r) { log.push(tt === t, k, r === p); return 7; },
            set(tt, k, v, r) { log.push(k, v, r === c); return true; }
        });
        var c = Object.create(p);
        [p.q, (c.w = 3, t.w), log.join()].join(';')";
    assert_eq!(run(src), "7;;true,q,true,w,3,true");
}

#[test]
fn with_statement_asks_has_again_before_get_and_set() {
    // HasBinding (has, @@unscopables), then GetBindingValue / SetMutableBinding (has again).
    let src = "var log = [];
        var env = new Proxy({v: 1}, {
            has(t, k) { log.push('has:' + String(k)); return k in t; },
            get(t, k) { log.push('get:' + String(k)); return t[k]; },
            set(t, k, v) { log.push('set:' + String(k)); t[k] = v; return true; }
        });
        with (env) { v += 1; }
        log.join()";
    assert_eq!(
        run(src),
        "has:v,get:Symbol(Symbol.unscopables),has:v,get:v,has:v,set:v"
    );
}

#[test]
fn callable_and_constructor_follow_the_target() {
    let src = "[typeof new Proxy(function(){}, {}), typeof new Proxy({}, {}),
        typeof new Proxy(() => 1, {}),
        (function() { try { new (new Proxy(() => 1, {})); } catch (e) { return e instanceof TypeError; } })(),
        new (new Proxy(function(a) { this.a = a; }, {}))(4).a].join()";
    assert_eq!(run(src), "function,object,function,true,4");
}

#[test]
fn revoked_proxies_throw_type_errors() {
    let src = "var r = Proxy.revocable(function(){}, {}); r.revoke();
        var out = [typeof r.proxy];
        for (var f of [() => r.proxy(), () => new r.proxy(), () => r.proxy.x,
                       () => Object.getPrototypeOf(r.proxy), () => Array.isArray(r.proxy),
                       () => Object.prototype.toString.call(r.proxy),
                       () => Reflect.construct(function(){}, [], r.proxy)])
            try { f(); out.push('none'); } catch (e) { out.push(e.constructor.name); }
        out.join()";
    assert_eq!(
        run(src),
        "function,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError"
    );
}

#[test]
fn own_keys_invariants() {
    let src = "var out = [];
        var ne = Object.preventExtensions({a: 1});
        function t(target, keys) {
            try { return Reflect.ownKeys(new Proxy(target, { ownKeys: () => keys })).join('+'); }
            catch (e) { return e.constructor.name; }
        }
        out.push(t(ne, ['a']), t(ne, ['a', 'b']), t(ne, []), t({}, ['x', 'x']),
                 t(Object.defineProperty({}, 'n', {value: 1}), []), t({}, ['1', 'y', Symbol.iterator].slice(0, 2)));
        out.join()";
    assert_eq!(run(src), "a,TypeError,TypeError,TypeError,TypeError,1+y");
}

#[test]
fn deep_proxy_chains_throw_range_errors() {
    // 100k proxies under GC stress (every few allocations marks the whole chain) is quadratic;
    // the native-stack check it exercises does not depend on the collector.
    if std::env::var_os("CONCH_GC_STRESS").is_some() {
        return;
    }
    let src = "var d = {}; for (var i = 0; i < 100000; i++) d = new Proxy(d, {});
        var out = [];
        for (var f of [() => d.x, () => 'x' in d, () => Object.keys(d), () => Object.getPrototypeOf(d),
                       () => { d.x = 1; }, () => Object.isExtensible(d)])
            try { f(); out.push('none'); } catch (e) { out.push(e.constructor.name); }
        out.join()";
    assert_eq!(
        run(src),
        "RangeError,RangeError,RangeError,RangeError,RangeError,RangeError"
    );
}

#[test]
fn proxies_keep_target_and_handler_alive() {
    // Under CONCH_GC_STRESS the allocations below collect often: the proxy's slots must be
    // traced.
    let src = "var ps = [];
        for (var i = 0; i < 200; i++)
            ps.push(new Proxy({ v: i }, { get(t, k) { return k === 'v' ? t.v * 2 : undefined; } }));
        var junk = []; for (var j = 0; j < 2000; j++) junk.push({ j: j, s: 'x' + j });
        var sum = 0; for (var p of ps) sum += p.v;
        sum";
    assert_eq!(run(src), "39800");
}
