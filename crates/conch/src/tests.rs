//! Unit tests of the Rust API.
// Test code: fixed, test-sized host data (names, messages, small lists), not engine storage.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use crate::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::Arc;

fn setup() -> (Runtime, Context) {
    let rt = Runtime::new().unwrap();
    let ctx = rt.context().unwrap();
    (rt, ctx)
}

/// Under GC stress (a collection every few allocations) workloads are scaled down.
fn stressed() -> bool {
    std::env::var_os("CONCH_GC_STRESS").is_some()
}

fn scaled(normal: usize, stress: usize) -> usize {
    if stressed() {
        stress
    } else {
        normal
    }
}

/// Overwrites dead stack so stale copies of pointers do not keep garbage alive
/// (ARCHITECTURE.md §13).
#[inline(never)]
fn clear_stack() {
    conch_gc::clear_dead_stack();
}

/// Allocates garbage so that cells freed by a collection get reused (a handle that failed to
/// root its value would then see another object's contents).
#[inline(never)]
fn churn(ctx: &Context, n: usize) {
    for i in 0..n {
        let o = ctx.object().unwrap();
        o.set("a", &ctx.number(-(i as f64))).unwrap();
        o.set("b", &ctx.string("garbage garbage garbage").unwrap())
            .unwrap();
    }
}

/// Runs `f` on a new thread whose stack is freshly mapped (zeroed) memory.
///
/// Conservative scanning reads whole live frames, including slots a frame has not written
/// yet. On a thread stack the harness reused (glibc caches stacks of exited threads), such a
/// slot may still hold a pointer from an earlier test — often into a chunk address the kernel
/// has since handed to this test's heap — and keep a cell (say, a big array) alive. Tests that
/// assert something was *collected* run here: each call asks for a larger stack than any
/// before, so no cached stack fits.
fn on_fresh_stack(f: impl FnOnce() + Send + 'static) {
    use std::sync::atomic::AtomicUsize;
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let size = (64 << 20) + n * (1 << 20);
    let t = std::thread::Builder::new()
        .stack_size(size)
        .spawn(f)
        .unwrap();
    if let Err(p) = t.join() {
        std::panic::resume_unwind(p);
    }
}

fn tally_callback(tally: &Arc<AtomicIsize>) -> impl Fn(MemoryEvent, usize) -> bool {
    let t = tally.clone();
    move |event, size| {
        match event {
            MemoryEvent::Allocate => t.fetch_add(size as isize, Ordering::SeqCst),
            MemoryEvent::Free => t.fetch_sub(size as isize, Ordering::SeqCst),
            MemoryEvent::Failure => 0,
        };
        true
    }
}

#[test]
fn bigints_have_their_own_type() {
    let (_rt, ctx) = setup();
    let big = ctx.global().unwrap().get("BigInt").unwrap();
    let undef = ctx.undefined();
    let b = big.call(&undef, &[ctx.number(-42.0)]).unwrap();
    assert_eq!(b.type_of(), JsType::BigInt);
    assert_eq!(format!("{b:?}"), "-42n");
    assert_eq!(b.to_string().unwrap(), "-42");
    assert!(b.to_boolean());
    assert!(b.to_number().is_err());
    let huge = big
        .call(
            &undef,
            &[ctx.string("0x1000000000000000000000000").unwrap()],
        )
        .unwrap();
    assert_eq!(format!("{huge:?}"), "BigInt(97 bits)");
}

#[test]
fn primitives() {
    let (_rt, ctx) = setup();
    let u = ctx.undefined();
    assert!(u.is_undefined() && u.is_nullish() && !u.is_null());
    assert_eq!(u.type_of(), JsType::Undefined);
    assert_eq!(u.to_string().unwrap(), "undefined");
    let n = ctx.null();
    assert!(n.is_null() && n.is_nullish());
    assert_eq!(n.type_of(), JsType::Null);
    assert_eq!(n.to_string().unwrap(), "null");
    let t = ctx.boolean(true);
    assert_eq!(t.as_bool(), Some(true));
    assert!(t.is_boolean() && t.to_boolean());
    assert_eq!(t.to_string().unwrap(), "true");
    let x = ctx.number(1.5);
    assert!(x.is_number());
    assert_eq!(x.as_f64(), Some(1.5));
    assert_eq!(x.to_string().unwrap(), "1.5");
    assert_eq!(ctx.number(42.0).to_string().unwrap(), "42");
    assert!(ctx.number(f64::NAN).as_f64().unwrap().is_nan());
    assert_eq!(ctx.number(-0.0).to_string().unwrap(), "0");
    let s = ctx.string("héllo ☃ wörld").unwrap();
    assert!(s.is_string());
    assert_eq!(s.type_of(), JsType::String);
    assert_eq!(s.to_string().unwrap(), "héllo ☃ wörld");
    assert_eq!(s.get("length").unwrap().as_f64(), Some(13.0));
    assert_eq!(ctx.string("  12.5 ").unwrap().to_number().unwrap(), 12.5);
    assert!(ctx.string("").unwrap().to_string().unwrap().is_empty());
    assert!(!ctx.string("").unwrap().to_boolean());
    assert_eq!(u.as_f64(), None);
    assert_eq!(s.as_bool(), None);
    let sym = ctx.symbol(Some("tag")).unwrap();
    assert!(sym.is_symbol());
    assert_eq!(sym.type_of(), JsType::Symbol);
    assert_eq!(format!("{sym:?}"), "Symbol(\"tag\")");
    // ToString of a symbol throws a TypeError.
    let e = sym.to_string().unwrap_err();
    let thrown = e.exception().expect("exception");
    assert!(thrown.is_error());
    assert!(e.to_string().starts_with("TypeError"), "{e}");
}

#[test]
fn equality() {
    let (_rt, ctx) = setup();
    let a = ctx.string("abc").unwrap();
    let b = ctx.string("abc").unwrap();
    assert!(a.strict_equals(&b).unwrap());
    assert!(!a.strict_equals(&ctx.number(1.0)).unwrap());
    assert!(ctx
        .string("1")
        .unwrap()
        .loose_equals(&ctx.number(1.0))
        .unwrap());
    assert!(ctx.null().loose_equals(&ctx.undefined()).unwrap());
    assert!(!ctx.null().strict_equals(&ctx.undefined()).unwrap());
    let o = ctx.object().unwrap();
    assert!(o.strict_equals(&o.clone()).unwrap());
    assert!(!o.strict_equals(&ctx.object().unwrap()).unwrap());
}

#[test]
fn objects_and_properties() {
    let (_rt, ctx) = setup();
    let o = ctx.object().unwrap();
    assert!(o.is_object() && !o.is_function() && !o.is_array());
    assert_eq!(o.type_of(), JsType::Object);
    assert!(!o.has("x").unwrap());
    assert!(o.get("x").unwrap().is_undefined());
    o.set("x", &ctx.number(1.0)).unwrap();
    o.set(String::from("y"), &ctx.string("two").unwrap())
        .unwrap();
    o.set(7u32, &ctx.boolean(false)).unwrap();
    o.set(2, &ctx.null()).unwrap();
    let sym = ctx.symbol(None).unwrap();
    o.set(&sym, &ctx.number(9.0)).unwrap();
    assert!(o.has("x").unwrap() && o.has(7u32).unwrap() && o.has(&sym).unwrap());
    assert!(o.has("toString").unwrap(), "inherited");
    assert_eq!(o.get("x").unwrap().as_f64(), Some(1.0));
    assert_eq!(o.get("y").unwrap().to_string().unwrap(), "two");
    assert_eq!(
        o.get("7").unwrap().as_bool(),
        Some(false),
        "\"7\" is index 7"
    );
    assert_eq!(o.get(&sym).unwrap().as_f64(), Some(9.0));
    let key = ctx.string("x").unwrap();
    assert_eq!(o.get(&key).unwrap().as_f64(), Some(1.0));
    let keys: Vec<String> = o
        .keys()
        .unwrap()
        .iter()
        .filter(|k| k.is_string())
        .map(|k| k.to_string().unwrap())
        .collect();
    assert_eq!(keys, ["2", "7", "x", "y"]);
    let all = o.keys().unwrap();
    assert_eq!(all.len(), 5);
    assert!(all[4].strict_equals(&sym).unwrap());
    assert!(o.delete("x").unwrap());
    assert!(!o.has("x").unwrap());
    assert!(o.delete("never-there").unwrap());
    assert_eq!(o.to_string().unwrap(), "[object Object]");
    // Properties of primitives: ToObject.
    assert!(ctx.undefined().get("x").unwrap_err().exception().is_some());
}

#[test]
fn read_only_properties_throw_on_set() {
    let (_rt, ctx) = setup();
    let f = ctx.function("f", |ctx, _, _| Ok(ctx.undefined())).unwrap();
    // `name` is not writable.
    let e = f.set("name", &ctx.number(1.0)).unwrap_err();
    assert!(e.exception().unwrap().is_error());
    assert_eq!(f.get("name").unwrap().to_string().unwrap(), "f");
    // Non-configurable: delete reports false.
    let arr = ctx.array(3).unwrap();
    assert!(!arr.delete("length").unwrap());
}

#[test]
fn arrays() {
    let (_rt, ctx) = setup();
    let a = ctx.array(3).unwrap();
    assert!(a.is_array() && a.is_object());
    assert_eq!(a.get("length").unwrap().as_f64(), Some(3.0));
    assert!(a.get(0u32).unwrap().is_undefined());
    for i in 0..10u32 {
        a.set(i, &ctx.number(i as f64 * 2.0)).unwrap();
    }
    assert_eq!(a.get("length").unwrap().as_f64(), Some(10.0));
    assert_eq!(a.get(9usize).unwrap().as_f64(), Some(18.0));
    assert_eq!(a.keys().unwrap().len(), 11, "10 indices + length");
    assert_eq!(
        ctx.array(0).unwrap().get("length").unwrap().as_f64(),
        Some(0.0)
    );
    assert_eq!(format!("{a:?}"), "[array; length 10]");
}

#[test]
fn global_and_construct() {
    let (_rt, ctx) = setup();
    let global = ctx.global().unwrap();
    assert!(global
        .get("globalThis")
        .unwrap()
        .strict_equals(&global)
        .unwrap());
    let error_ctor = global.get("Error").unwrap();
    assert!(error_ctor.is_function() && error_ctor.is_constructor());
    assert_eq!(error_ctor.type_of(), JsType::Function);
    let e = error_ctor
        .construct(&[ctx.string("bad thing").unwrap()])
        .unwrap();
    assert!(e.is_error());
    assert_eq!(e.to_string().unwrap(), "Error: bad thing");
    assert_eq!(format!("{e:?}"), "Error(\"bad thing\")");
    let array_ctor = global.get("Array").unwrap();
    let a = array_ctor.construct(&[ctx.number(4.0)]).unwrap();
    assert!(a.is_array());
    assert_eq!(a.get("length").unwrap().as_f64(), Some(4.0));
    // More than 8 arguments take the heap path.
    let args: Vec<JsValue> = (0..12).map(|i| ctx.number(i as f64)).collect();
    let b = array_ctor.construct(&args).unwrap();
    assert_eq!(b.get("length").unwrap().as_f64(), Some(12.0));
    assert_eq!(b.get(11u32).unwrap().as_f64(), Some(11.0));
    // Not a constructor.
    let o = ctx.object().unwrap();
    assert!(o.construct(&[]).unwrap_err().exception().is_some());
    assert!(o
        .call(&ctx.undefined(), &[])
        .unwrap_err()
        .exception()
        .is_some());
    let te = ctx.error(ErrorKind::TypeError, "nope").unwrap();
    assert_eq!(te.to_string().unwrap(), "TypeError: nope");
}

#[test]
fn closure_functions() {
    let (_rt, ctx) = setup();
    let calls = Rc::new(Cell::new(0));
    let c = calls.clone();
    let add = ctx
        .function("add", move |ctx, this, args| {
            c.set(c.get() + 1);
            let mut sum = 0.0;
            for a in args {
                sum += a.to_number()?;
            }
            if this.is_object() {
                sum += this.get("bias")?.to_number()?;
            }
            Ok(ctx.number(sum))
        })
        .unwrap();
    assert!(add.is_function() && !add.is_constructor());
    assert_eq!(add.get("name").unwrap().to_string().unwrap(), "add");
    let r = add
        .call(&ctx.undefined(), &[ctx.number(1.0), ctx.number(2.0)])
        .unwrap();
    assert_eq!(r.as_f64(), Some(3.0));
    let this = ctx.object().unwrap();
    this.set("bias", &ctx.number(100.0)).unwrap();
    let r = add.call(&this, &[ctx.number(1.0)]).unwrap();
    assert_eq!(r.as_f64(), Some(101.0));
    // Through Function.prototype.call.
    let call = add.get("call").unwrap();
    let r = call
        .call(&add, &[this.clone(), ctx.number(5.0), ctx.number(6.0)])
        .unwrap();
    assert_eq!(r.as_f64(), Some(111.0));
    assert_eq!(calls.get(), 3);
    // Host functions are not constructors.
    assert!(add
        .construct(&[])
        .unwrap_err()
        .exception()
        .unwrap()
        .is_error());
    // A function stored on an object and found again.
    let global = ctx.global().unwrap();
    global.set("add", &add).unwrap();
    let again = global.get("add").unwrap();
    assert!(again.strict_equals(&add).unwrap());
    assert_eq!(
        again.to_string().unwrap(),
        "function add() { [native code] }"
    );
}

#[test]
fn closures_see_their_context_and_values_they_return() {
    let (_rt, ctx) = setup();
    let expected = ctx.clone();
    let make = ctx
        .function("make", move |c, _, args| {
            assert_eq!(c, &expected);
            let o = c.object()?;
            o.set("arg", args.first().unwrap_or(&c.undefined()))?;
            o.set("s", &c.string("made in a closure")?)?;
            Ok(o)
        })
        .unwrap();
    let o = make
        .call(&ctx.undefined(), &[ctx.string("x").unwrap()])
        .unwrap();
    ctx.object().unwrap();
    assert_eq!(o.get("arg").unwrap().to_string().unwrap(), "x");
    assert_eq!(
        o.get("s").unwrap().to_string().unwrap(),
        "made in a closure"
    );
}

#[test]
fn errors_thrown_from_closures_arrive_as_exceptions() {
    let (_rt, ctx) = setup();
    let thrower = ctx
        .function("thrower", |ctx, _, args| {
            if let Some(v) = args.first() {
                return Err(JsError::from(v.clone()));
            }
            Err(JsError::from(ctx.error(ErrorKind::RangeError, "boom")?))
        })
        .unwrap();
    let e = thrower.call(&ctx.undefined(), &[]).unwrap_err();
    let v = e.exception().expect("an exception");
    assert!(v.is_error());
    assert_eq!(v.get("message").unwrap().to_string().unwrap(), "boom");
    assert_eq!(e.to_string(), "RangeError: boom");
    assert!(!e.is_out_of_memory() && !e.is_stack_overflow());
    // Any value can be thrown, and arrives as itself.
    let payload = ctx.object().unwrap();
    let e = thrower
        .call(&ctx.undefined(), std::slice::from_ref(&payload))
        .unwrap_err();
    assert!(e.exception().unwrap().strict_equals(&payload).unwrap());
    assert_eq!(e.to_string(), "[object Object]");
    // Exceptions from nested engine calls propagate through closures unchanged.
    let t2 = thrower.clone();
    let outer = ctx
        .function("outer", move |ctx, _, _| t2.call(&ctx.undefined(), &[]))
        .unwrap();
    let e = outer.call(&ctx.undefined(), &[]).unwrap_err();
    assert_eq!(e.to_string(), "RangeError: boom");
    // A closure may return OutOfMemory: script sees the "Out of memory" error.
    let oom = ctx
        .function("oom", |_, _, _| Err(JsError::OutOfMemory))
        .unwrap();
    let e = oom.call(&ctx.undefined(), &[]).unwrap_err();
    assert!(e.is_out_of_memory());
    assert!(matches!(e, JsError::Exception(..)));
    assert_eq!(e.to_string(), "Error: Out of memory");
}

#[test]
fn panics_in_closures_resume_in_the_host() {
    let (rt, ctx) = setup();
    let p = ctx.function("p", |_, _, _| panic!("host bug")).unwrap();
    let p2 = p.clone();
    let outer = ctx
        .function("outer", move |ctx, _, _| p2.call(&ctx.undefined(), &[]))
        .unwrap();
    for f in [&p, &outer] {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            f.call(&ctx.undefined(), &[])
        }));
        let payload = r.expect_err("the panic resumes");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"host bug"));
    }
    // The runtime is fine afterwards.
    rt.collect_garbage();
    let o = ctx.object().unwrap();
    o.set("ok", &ctx.boolean(true)).unwrap();
    assert_eq!(o.get("ok").unwrap().as_bool(), Some(true));
}

#[inline(never)]
fn store_handles(ctx: &Context, n: usize) -> (Vec<JsValue>, Rc<JsValue>, Box<JsValue>) {
    let mut v = Vec::new();
    for i in 0..n {
        let o = ctx.object().unwrap();
        o.set("i", &ctx.number(i as f64)).unwrap();
        let s = format!("string number {i}");
        o.set("s", &ctx.string(&s).unwrap()).unwrap();
        v.push(o);
    }
    let rc = Rc::new(
        ctx.string("kept in an Rc, long enough not to be tiny")
            .unwrap(),
    );
    let boxed = Box::new(ctx.array(2).unwrap());
    boxed.set(0u32, &ctx.string("in a box").unwrap()).unwrap();
    (v, rc, boxed)
}

#[test]
fn handles_in_vec_rc_box_survive_collection() {
    let (rt, ctx) = setup();
    let n = scaled(2000, 100);
    let (v, rc, boxed) = store_handles(&ctx, n);
    let rc2 = rc.clone();
    clear_stack();
    rt.collect_garbage();
    churn(&ctx, n);
    rt.collect_garbage();
    for (i, o) in v.iter().enumerate() {
        assert_eq!(o.get("i").unwrap().as_f64(), Some(i as f64));
        assert_eq!(
            o.get("s").unwrap().to_string().unwrap(),
            format!("string number {i}")
        );
    }
    assert_eq!(
        rc2.to_string().unwrap(),
        "kept in an Rc, long enough not to be tiny"
    );
    assert_eq!(boxed.get(0u32).unwrap().to_string().unwrap(), "in a box");
    // Clones are independent roots.
    let first = v[0].clone();
    drop(v);
    clear_stack();
    rt.collect_garbage();
    churn(&ctx, 100);
    assert_eq!(first.get("i").unwrap().as_f64(), Some(0.0));
}

#[test]
fn handles_in_a_future_survive_collection() {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context as TaskContext, Poll, Waker};

    /// Pending once, then ready.
    struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut TaskContext<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                Poll::Pending
            }
        }
    }

    let (rt, ctx) = setup();
    #[inline(never)]
    fn make(ctx: &Context) -> Pin<Box<dyn Future<Output = String>>> {
        let o = ctx.object().unwrap();
        o.set("msg", &ctx.string("held across an await").unwrap())
            .unwrap();
        Box::pin(async move {
            YieldOnce(false).await;
            o.get("msg").unwrap().to_string().unwrap()
        })
    }
    let mut fut = make(&ctx);
    let mut tcx = TaskContext::from_waker(Waker::noop());
    assert!(fut.as_mut().poll(&mut tcx).is_pending());
    clear_stack();
    rt.collect_garbage();
    churn(&ctx, scaled(1000, 50));
    rt.collect_garbage();
    match fut.as_mut().poll(&mut tcx) {
        Poll::Ready(s) => assert_eq!(s, "held across an await"),
        Poll::Pending => panic!("should be ready"),
    }
}

#[test]
fn handle_outlives_its_runtime() {
    let tally = Arc::new(AtomicIsize::new(0));
    let rt = Runtime::builder()
        .allocation_callback(tally_callback(&tally))
        .build()
        .unwrap();
    let ctx = rt.context().unwrap();
    let o = ctx.object().unwrap();
    o.set("k", &ctx.string("still here").unwrap()).unwrap();
    let n = ctx.number(5.0);
    drop(ctx);
    drop(rt);
    assert!(tally.load(Ordering::SeqCst) > 0, "the heap is still alive");
    // The handle is fully usable: its context and heap live on.
    assert_eq!(o.get("k").unwrap().to_string().unwrap(), "still here");
    let ctx2 = o.context();
    let p = ctx2.object().unwrap();
    o.set("p", &p).unwrap();
    drop((ctx2, p));
    assert_eq!(n.as_f64(), Some(5.0));
    drop(n);
    assert!(tally.load(Ordering::SeqCst) > 0);
    drop(o);
    // The last handle returned every byte.
    assert_eq!(tally.load(Ordering::SeqCst), 0);
}

struct DropFlag(Rc<Cell<bool>>);
impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[inline(never)]
fn make_unreachable_function(ctx: &Context, flag: DropFlag) {
    let f = ctx
        .function("temp", move |ctx, _, _| {
            let _ = &flag;
            Ok(ctx.undefined())
        })
        .unwrap();
    f.call(&ctx.undefined(), &[]).unwrap();
}

#[test]
fn closures_are_dropped_when_their_function_is_collected() {
    on_fresh_stack(|| {
        let (rt, ctx) = setup();
        // Conservative scanning may keep a cell alive through a stale word (an uninitialised slot
        // of a live frame, on a thread stack the test harness reused): check many functions and
        // allow a few to stay.
        let n = 40;
        let flags: Vec<Rc<Cell<bool>>> = (0..n).map(|_| Rc::new(Cell::new(false))).collect();
        for f in &flags {
            make_unreachable_function(&ctx, DropFlag(f.clone()));
        }
        clear_stack();
        rt.collect_garbage();
        let dropped = flags.iter().filter(|f| f.get()).count();
        assert!(
            dropped >= n - 4,
            "only {dropped} of {n} closures were dropped"
        );
        // A live function keeps its closure.
        let kept = Rc::new(Cell::new(false));
        let flag = DropFlag(kept.clone());
        let f = ctx
            .function("kept", move |ctx, _, _| {
                let _ = &flag;
                Ok(ctx.number(1.0))
            })
            .unwrap();
        clear_stack();
        rt.collect_garbage();
        assert!(!kept.get());
        assert_eq!(f.call(&ctx.undefined(), &[]).unwrap().as_f64(), Some(1.0));
    });
}

#[test]
fn dropping_the_runtime_breaks_closure_cycles() {
    let tally = Arc::new(AtomicIsize::new(0));
    let dropped = Rc::new(Cell::new(false));
    {
        let rt = Runtime::builder()
            .allocation_callback(tally_callback(&tally))
            .build()
            .unwrap();
        let ctx = rt.context().unwrap();
        // The closure captures a handle to its own function: a cycle through the root table.
        let slot: Rc<RefCell<Option<JsValue>>> = Rc::new(RefCell::new(None));
        let s = slot.clone();
        let flag = DropFlag(dropped.clone());
        let f = ctx
            .function("selfish", move |ctx, _, _| {
                let _ = &flag;
                let me = s.borrow().clone().expect("set");
                Ok(me.get("name").unwrap_or(ctx.undefined()))
            })
            .unwrap();
        *slot.borrow_mut() = Some(f.clone());
        drop(slot);
        let name = f.call(&ctx.undefined(), &[]).unwrap();
        assert_eq!(name.to_string().unwrap(), "selfish");
        drop((f, name, ctx));
        rt.collect_garbage();
        assert!(!dropped.get(), "rooted by its own closure");
    }
    assert!(dropped.get(), "dropping the runtime dropped the closure");
    assert_eq!(tally.load(Ordering::SeqCst), 0, "and the whole heap");
}

#[test]
fn calling_a_host_function_after_its_runtime_was_dropped_throws() {
    let (rt, ctx) = setup();
    let f = ctx.function("f", |ctx, _, _| Ok(ctx.number(1.0))).unwrap();
    drop(rt);
    let e = f.call(&ctx.undefined(), &[]).unwrap_err();
    assert!(e.exception().unwrap().is_error());
    assert!(e.to_string().starts_with("TypeError"), "{e}");
}

#[test]
fn out_of_memory_under_a_small_limit_is_an_error_and_the_runtime_recovers() {
    on_fresh_stack(|| {
        let limit = 8 << 20;
        let rt = Runtime::builder().memory_limit(limit).build().unwrap();
        let ctx = rt.context().unwrap();
        let max = scaled(10_000_000, 200_000);
        let err = fill_until_oom(&ctx, max).expect("the limit is reached");
        assert!(err.is_out_of_memory(), "{err:?}");
        assert!(rt.memory_usage() <= limit);
        assert!(rt.memory_usage() <= rt.memory_limit());
        // Everything is garbage now (the array was local to `fill_until_oom`).
        clear_stack();
        rt.collect_garbage();
        let o = ctx.object().unwrap();
        for i in 0..1000u32 {
            o.set(i, &ctx.string("usable again").unwrap()).unwrap();
        }
        assert_eq!(o.get(999u32).unwrap().to_string().unwrap(), "usable again");
        assert!(rt.memory_usage() <= limit);
    });
}

/// Fills a rooted array with objects until something fails; returns the error.
#[inline(never)]
fn fill_until_oom(ctx: &Context, max: usize) -> Option<JsError> {
    let arr = match ctx.array(0) {
        Ok(a) => a,
        Err(e) => return Some(e),
    };
    for i in 0..max {
        let step = || -> Result<(), JsError> {
            let o = ctx.object()?;
            o.set("v", &ctx.number(i as f64))?;
            o.set("w", &ctx.string("a string that takes some room")?)?;
            arr.set(i, &o)
        };
        if let Err(e) = step() {
            return Some(e);
        }
    }
    None
}

#[test]
fn both_kinds_of_out_of_memory_error() {
    let (rt, ctx) = setup();
    let o = ctx.object().unwrap();
    // A limit below usage refuses every acquisition.
    rt.set_memory_limit(0);
    assert_eq!(rt.memory_limit(), 0);
    // Pure allocations report OutOfMemory; script-visible operations throw the pre-allocated
    // error. Allocate until the current blocks are exhausted.
    let mut saw_plain = false;
    let mut saw_exception = false;
    for i in 0..1_000_000u32 {
        match ctx.string("x".repeat(64).as_str()) {
            Err(JsError::OutOfMemory) => saw_plain = true,
            Err(e) => panic!("unexpected {e:?}"),
            Ok(s) => match o.set(i, &s) {
                Err(e) => {
                    assert!(matches!(e, JsError::Exception(..)) && e.is_out_of_memory());
                    assert_eq!(e.to_string(), "Error: Out of memory");
                    saw_exception = true;
                }
                Ok(()) => continue,
            },
        }
        if saw_plain || saw_exception {
            break;
        }
    }
    assert!(saw_plain || saw_exception);
    // A fresh context needs memory too: use up the free cells of every small size class
    // first (contexts are small, so they could fit in what the loop above left).
    let mut keep = Vec::new();
    for len in [1usize, 8, 24, 40, 56, 72, 100, 140, 200, 300, 500, 1000] {
        while let Ok(s) = ctx.string("y".repeat(len).as_str()) {
            keep.push(s);
        }
    }
    while let Ok(x) = ctx.object() {
        keep.push(x);
    }
    assert!(matches!(rt.context(), Err(JsError::OutOfMemory)));
    drop(keep);
    rt.set_memory_limit(usize::MAX);
    rt.context().unwrap();
    drop(o);
}

#[test]
fn allocation_callback_sees_events_and_can_refuse() {
    on_fresh_stack(|| {
        let refuse = Arc::new(AtomicBool::new(false));
        let events = Arc::new(AtomicIsize::new(0));
        let failures = Arc::new(AtomicIsize::new(0));
        let (r, e, f) = (refuse.clone(), events.clone(), failures.clone());
        let rt = Runtime::builder()
            .allocation_callback(move |event, _size| {
                e.fetch_add(1, Ordering::SeqCst);
                match event {
                    MemoryEvent::Allocate => !r.load(Ordering::SeqCst),
                    MemoryEvent::Failure => {
                        f.fetch_add(1, Ordering::SeqCst);
                        true
                    }
                    MemoryEvent::Free => true,
                }
            })
            .build()
            .unwrap();
        assert!(events.load(Ordering::SeqCst) > 0);
        assert!(rt.memory_usage() > 0);
        let ctx = rt.context().unwrap();
        refuse.store(true, Ordering::SeqCst);
        let err = fill_until_oom(&ctx, scaled(10_000_000, 200_000)).expect("refused");
        assert!(err.is_out_of_memory());
        assert!(failures.load(Ordering::SeqCst) > 0);
        refuse.store(false, Ordering::SeqCst);
        clear_stack();
        rt.collect_garbage();
        let s = ctx.string("fine again").unwrap();
        assert_eq!(s.to_string().unwrap(), "fine again");
        // Replacing the callback.
        rt.set_allocation_callback(None);
        rt.set_allocation_callback(Some(Box::new(|_, _| true)));
    });
}

#[test]
fn runtime_creation_under_a_tiny_limit_fails_cleanly() {
    let r = Runtime::builder().memory_limit(1024).build();
    assert!(matches!(r, Err(JsError::OutOfMemory)));
    let rt = Runtime::builder().memory_limit(usize::MAX).build().unwrap();
    assert_eq!(rt.memory_limit(), usize::MAX);
    rt.set_memory_limit(64 << 20);
    assert_eq!(rt.memory_limit(), 64 << 20);
    assert!(format!("{rt:?}").contains("memory_usage"));
}

#[test]
fn interrupt_handle_terminates_and_execution_can_resume() {
    let (rt, ctx) = setup();
    let handle = rt.interrupt_handle();
    let h2 = handle.clone();
    let f = ctx
        .function("stopper", move |ctx, _, _| {
            h2.disable_execution();
            Ok(ctx.number(1.0))
        })
        .unwrap();
    let g = ctx.function("g", |ctx, _, _| Ok(ctx.number(2.0))).unwrap();
    // The closure disables execution; the next call is refused.
    assert_eq!(f.call(&ctx.undefined(), &[]).unwrap().as_f64(), Some(1.0));
    assert!(rt.is_execution_disabled());
    assert!(matches!(
        g.call(&ctx.undefined(), &[]),
        Err(JsError::Terminated)
    ));
    // From another thread.
    rt.enable_execution();
    std::thread::spawn(move || handle.disable_execution())
        .join()
        .unwrap();
    let e = g.call(&ctx.undefined(), &[]).unwrap_err();
    assert_eq!(e.to_string(), "Script execution terminated");
    rt.enable_execution();
    assert_eq!(g.call(&ctx.undefined(), &[]).unwrap().as_f64(), Some(2.0));
}

#[test]
fn deep_recursion_through_closures_is_a_stack_overflow_error() {
    let (_rt, ctx) = setup();
    let slot: Rc<RefCell<Option<JsValue>>> = Rc::new(RefCell::new(None));
    let s = slot.clone();
    let depth = Rc::new(Cell::new(0usize));
    let d = depth.clone();
    let f = ctx
        .function("recurse", move |ctx, _, _| {
            d.set(d.get() + 1);
            let me = s.borrow().clone().unwrap();
            me.call(&ctx.undefined(), &[])
        })
        .unwrap();
    *slot.borrow_mut() = Some(f.clone());
    // Run on a thread with a known stack size.
    let e = f.call(&ctx.undefined(), &[]).unwrap_err();
    assert!(e.is_stack_overflow(), "{e:?}");
    assert_eq!(
        e.to_string(),
        "RangeError: Maximum call stack size exceeded"
    );
    assert!(depth.get() > 10);
    slot.borrow_mut().take();
}

#[test]
#[should_panic(expected = "another runtime")]
fn mixing_runtimes_panics() {
    let (_rt1, c1) = setup();
    let (_rt2, c2) = setup();
    let o = c1.object().unwrap();
    let v = c2.object().unwrap();
    let _ = o.set("x", &v);
}

#[test]
fn contexts() {
    let rt = Runtime::new().unwrap();
    let a = rt.context().unwrap();
    let b = Context::new(&rt).unwrap();
    assert_ne!(a, b);
    assert_eq!(a, a.clone());
    let o = b.object().unwrap();
    assert_eq!(o.context(), b);
    assert!(a.owns(&o));
    let other = Runtime::new().unwrap().context().unwrap();
    assert!(!other.owns(&o));
    // Each realm has its own intrinsics.
    let ea = a.global().unwrap().get("Error").unwrap();
    let eb = b.global().unwrap().get("Error").unwrap();
    assert!(!ea.strict_equals(&eb).unwrap());
    // A realm stays alive through its values after its Context handles are gone.
    let g = b.global().unwrap();
    drop(b);
    drop(o);
    clear_stack();
    rt.collect_garbage();
    churn(&a, 100);
    assert!(g.get("Error").unwrap().is_function());
    assert!(format!("{a:?}").starts_with("Context("));
}

#[test]
fn debug_formatting_runs_no_script() {
    let (_rt, ctx) = setup();
    assert_eq!(format!("{:?}", ctx.undefined()), "undefined");
    assert_eq!(format!("{:?}", ctx.null()), "null");
    assert_eq!(format!("{:?}", ctx.boolean(false)), "false");
    assert_eq!(format!("{:?}", ctx.number(2.5)), "2.5");
    assert_eq!(format!("{:?}", ctx.string("a\"b").unwrap()), "\"a\\\"b\"");
    assert_eq!(format!("{:?}", ctx.object().unwrap()), "[object]");
    let f = ctx.function("f", |c, _, _| Ok(c.undefined())).unwrap();
    assert_eq!(format!("{f:?}"), "[function]");
    assert_eq!(format!("{:?}", JsError::OutOfMemory), "OutOfMemory");
    assert_eq!(format!("{:?}", JsError::Terminated), "Terminated");
    let e = JsError::from(ctx.error(ErrorKind::Error, "m").unwrap());
    assert_eq!(format!("{e:?}"), "Exception(Error(\"m\"))");
}

/// `to_string` and `keys` reserve exactly what they return (fallibly, before filling), so no
/// push reallocates: the capacity is the length.
#[test]
fn to_string_and_keys_reserve_exactly() {
    let (_rt, ctx) = setup();
    for text in ["", "plain", "héllo ÿ", "snow ☃ and 😀", "ß😀ĉ"] {
        let s = ctx.string(text).unwrap().to_string().unwrap();
        assert_eq!(s, text);
        assert_eq!(s.capacity(), s.len(), "{text}");
    }
    let o = ctx.object().unwrap();
    for i in 0..37u32 {
        o.set(i, &ctx.number(i as f64)).unwrap();
    }
    o.set("name", &ctx.number(1.0)).unwrap();
    let keys = o.keys().unwrap();
    assert_eq!(keys.len(), 38);
    assert_eq!(keys.capacity(), 38);
    assert_eq!(keys[37].to_string().unwrap(), "name");
}

/// A host function called with more arguments than the stack buffer of `call` holds.
#[test]
fn calls_with_many_arguments() {
    let (_rt, ctx) = setup();
    let count = ctx
        .function(
            "count",
            |ctx, _this, args| Ok(ctx.number(args.len() as f64)),
        )
        .unwrap();
    for n in [0usize, 8, 9, 100] {
        let args: Vec<JsValue> = (0..n).map(|i| ctx.number(i as f64)).collect();
        let r = count.call(&ctx.undefined(), &args).unwrap();
        assert_eq!(r.as_f64(), Some(n as f64));
    }
}
