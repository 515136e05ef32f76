//! The interpreter (ARCHITECTURE.md §9): frames on the runtime's register stack, one dispatch
//! loop per native entry; calls from script to script push a frame and continue in the same
//! loop, so JS recursion never grows the native stack.
//!
//! A frame on the register stack is a header of [`HEADER`] values followed by the code's
//! registers (`fp` indexes the first register):
//!
//! | `fp - 8` | `fp - 7` | `fp - 6`   | `fp - 5` | `fp - 4`  | `fp - 3`  | `fp - 2`   | `fp - 1` |
//! |----------|----------|------------|----------|-----------|-----------|------------|----------|
//! | callee   | this     | new.target | env      | caller fp | return pc | args start | argc     |
//!
//! Integers in the header are int values; a caller fp of -1 marks the loop's entry frame.
//! The arguments stay where the caller put them (its registers, or values pushed by a native
//! entry) until the frame returns.

pub(crate) mod arguments;
pub mod async_gen;
pub mod async_iter;
mod callee_text;
mod class_ops;
pub mod code;
pub(crate) mod dispose;
mod elements;
mod errors;
pub mod eval;
mod exec;
pub mod generator;
mod ic;
#[cfg(feature = "op-stats")]
#[allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]
pub mod op_stats;
pub mod ops;
pub mod stack_trace;
pub(crate) mod verify;

pub(crate) use ops::get_value;

use crate::cx::{Cx, JsResult, Throw};
use crate::object::Object;
use crate::realm::Intrinsic;
use code::{flags, Code};
use conch_gc::{Gc, SegStack, Value};

/// Values in a frame header.
pub const HEADER: usize = 8;
const H_CALLEE: usize = 8;
const H_THIS: usize = 7;
const H_NEW_TARGET: usize = 6;
const H_ENV: usize = 5;
const H_CALLER: usize = 4;
const H_RET_PC: usize = 3;
const H_ARGS: usize = 2;
const H_ARGC: usize = 1;

/// The script function behind a function object, if it is one.
#[inline]
pub fn code_of(f: &Object) -> Option<Gc<Code>> {
    Code::from_value(f.function_internals()?[0].get())
}

/// The code and the closure environment of a script function object.
#[inline]
fn script_parts(f: &Object) -> Option<(Gc<Code>, Value)> {
    let i = f.function_internals()?;
    Some((Code::from_value(i[0].get())?, i[1].get()))
}

/// The register stack with frame accessors.
pub struct Stack<'s> {
    v: &'s SegStack<Value>,
}

impl Stack<'_> {
    #[inline]
    fn get(&self, i: usize) -> Value {
        self.v.get(i).unwrap_or(Value::UNDEFINED)
    }
    #[inline]
    fn set(&self, i: usize, v: Value) {
        self.v.set(i, v);
    }
    #[inline]
    fn header(&self, fp: usize, h: usize) -> Value {
        self.get(fp - h)
    }
    #[inline]
    fn set_header(&self, fp: usize, h: usize, v: Value) {
        self.set(fp - h, v)
    }
    fn int(&self, fp: usize, h: usize) -> i64 {
        self.header(fp, h).as_int().unwrap_or(-1) as i64
    }
}

/// Where the loop is: the frame, its code and the pc.
pub(crate) struct Pos {
    fp: usize,
    pc: usize,
    code: Gc<Code>,
}

/// Why `exec` stopped running the current frame.
pub(crate) enum Exit {
    /// The frame returned this value.
    Return(Value),
    /// The frame (a generator's) suspended itself, handing this value to its caller.
    Suspend(Value),
}

/// Pushes a frame for `code` (arguments at `args..args + argc` of the stack); returns its fp.
#[allow(clippy::too_many_arguments)]
#[inline]
fn push_frame(
    cx: &mut Cx,
    callee: Gc<Object>,
    code: Gc<Code>,
    env: Value,
    this: Value,
    new_target: Value,
    args: usize,
    argc: usize,
    caller: Option<(usize, usize)>,
) -> JsResult<usize> {
    let heap = cx.heap();
    let v = cx.rt.stack();
    let base = v.len();
    let regs = code.registers as usize;
    let need = HEADER + regs;
    if base + need > cx.rt.stack_cap() {
        return Err(Throw::Value(cx.intrinsic(Intrinsic::StackOverflowError)));
    }
    let (cfp, rpc) = match caller {
        Some((f, p)) => (f as i64, p as i64),
        // Entered from native code: link to the script frame calling that native, if any
        // (only stack traces follow this link; returns stop at the entry frame).
        None => match cx.rt.native_site() {
            s if s >= 0 => (-(s >> 32) - 2, s & 0xffff_ffff),
            _ => (-1, 0),
        },
    };
    let header = [
        callee.to_value(),
        this,
        new_target,
        env,
        Value::int(cfp as i32),
        Value::int(rpc as i32),
        Value::int(args as i32),
        Value::int(argc as i32),
    ];
    let params = (code.params as usize).min(argc).min(regs);
    // One growth check for the whole frame; each word written once. The frame may start a
    // new chunk of the stack (above `base`).
    let at = v.push_frame(heap, &header, args, params, need, Value::UNDEFINED)?;
    Ok(at + HEADER)
}

/// The entry point of every script function object (its `NativeFn`): runs the function in a
/// new dispatch loop.
pub fn call_closure(
    cx: &mut Cx,
    f: Gc<Object>,
    this: Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Value> {
    let Some((code, env)) = script_parts(&f) else {
        return Err(cx.type_error("Function expected"));
    };
    let stack = cx.rt.stack();
    let base = stack.len();
    let r = (|| {
        let heap = cx.heap();
        for &a in args {
            stack.push(heap, a)?;
        }
        let this = prepare_this(cx, f, code, this, new_target)?;
        let fp = push_frame(cx, f, code, env, this, new_target, base, args.len(), None)?;
        run(cx, Pos { fp, pc: 0, code })
    })();
    stack.truncate(base);
    // Back at the bottom: give back the chunks a deep recursion took (no frame is running,
    // so nothing addresses them).
    stack.shrink();
    r
}

/// The receiver of a new frame: `this` coerced for sloppy functions, or a new object for a
/// base constructor called with `new`; the hole for a derived constructor.
fn prepare_this(
    cx: &mut Cx,
    f: Gc<Object>,
    code: Gc<Code>,
    this: Value,
    new_target: Value,
) -> JsResult<Value> {
    if !new_target.is_undefined() {
        if code.has(flags::DERIVED) {
            return Ok(Value::HOLE);
        }
        let proto =
            crate::ops::prototype_from_constructor(cx, new_target, Intrinsic::ObjectPrototype)?;
        let _ = f;
        return Ok(cx
            .new_object_with(crate::object::ObjectClass::Ordinary, proto)?
            .to_value());
    }
    if code.has(flags::CLASS_CONSTRUCTOR) {
        // The callee's realm makes the error (§10.2.1 step 2: the callee context is current).
        let mut fcx = Cx::new(cx.rt, f.realm());
        return Err(ops::error_msg(
            &mut fcx,
            crate::ErrorKind::TypeError,
            &["Class constructor ", " cannot be invoked without 'new'"],
            code.name,
        ));
    }
    if code.has(flags::STRICT) || code.has(flags::ARROW) {
        return Ok(this);
    }
    if this.is_nullish() {
        return Ok(f.realm().global());
    }
    if Object::from_value(this).is_some() {
        return Ok(this);
    }
    Ok(crate::convert::to_object(cx, this)?.to_value())
}

/// Calls script function `callee` from the frame at `caller` (returning to `ret`): the
/// receiver prepared, its frame pushed, the realm switched; the position to run from.
///
/// A plain call whose receiver needs no preparation (a strict or arrow callee, or an object
/// receiver; not a class constructor) takes no detour through [`prepare_this`].
#[allow(clippy::too_many_arguments)]
#[inline]
fn enter_frame(
    cx: &mut Cx,
    callee: Gc<Object>,
    (code, env): (Gc<Code>, Value),
    this: Value,
    new_target: Value,
    args: usize,
    argc: usize,
    caller: (usize, usize),
) -> JsResult<Pos> {
    let realm = callee.realm();
    let this = if !new_target.is_undefined() || code.has(flags::CLASS_CONSTRUCTOR) {
        prepare_this(cx, callee, code, this, new_target)?
    } else if code.has(flags::STRICT | flags::ARROW) || Object::from_value(this).is_some() {
        this
    } else if this.is_nullish() {
        realm.global()
    } else {
        prepare_this(cx, callee, code, this, new_target)?
    };
    let fp = push_frame(
        cx,
        callee,
        code,
        env,
        this,
        new_target,
        args,
        argc,
        Some(caller),
    )?;
    cx.realm = realm;
    Ok(Pos { fp, pc: 0, code })
}

/// Pops the frame at `fp` (not an entry frame): the realm switched back, the caller's position.
#[inline]
fn leave_frame(cx: &mut Cx, st: &Stack, fp: usize) -> Pos {
    let caller = st.int(fp, H_CALLER) as usize;
    let ret = st.int(fp, H_RET_PC) as usize;
    leave_to(cx, st, fp, caller, ret)
}

/// [`leave_frame`] with the caller's fp and return pc already read from the header.
#[inline]
fn leave_to(cx: &mut Cx, st: &Stack, fp: usize, caller: usize, ret: usize) -> Pos {
    st.v.truncate(fp - HEADER);
    let callee = Object::from_value(st.header(caller, H_CALLEE)).expect("callee");
    cx.realm = callee.realm();
    Pos {
        fp: caller,
        pc: ret,
        code: code_of(&callee).expect("script function"),
    }
}

/// Runs from `pos` until the entry frame returns.
fn run(cx: &mut Cx, pos: Pos) -> JsResult<Value> {
    run_with(cx, pos, Value::UNDEFINED)
}

/// Runs from `pos` with `acc` in the accumulator until the entry frame returns or suspends.
fn run_with(cx: &mut Cx, mut pos: Pos, mut acc: Value) -> JsResult<Value> {
    let entry_fp = pos.fp;
    loop {
        let r = exec::exec(cx, &mut pos, &mut acc, entry_fp);
        let st = Stack { v: cx.rt.stack() };
        match r {
            Ok(Exit::Suspend(v)) => {
                let fp = pos.fp;
                if fp == entry_fp {
                    return Ok(v);
                }
                pos = leave_frame(cx, &st, fp);
                acc = v;
            }
            Ok(Exit::Return(v)) => {
                let fp = pos.fp;
                let v = match complete_construct(cx, &st, fp, v) {
                    Ok(v) => v,
                    Err(t) => {
                        pos.pc = pos.pc.saturating_sub(1);
                        match unwind(cx, &mut pos, t, entry_fp, &mut acc) {
                            Ok(()) => continue,
                            Err(t) => return Err(t),
                        }
                    }
                };
                if fp == entry_fp {
                    return Ok(v);
                }
                pos = leave_frame(cx, &st, fp);
                acc = v;
            }
            Err(t) => unwind(cx, &mut pos, t, entry_fp, &mut acc)?,
        }
    }
}

/// A constructor frame's result: an object returned explicitly, else `this`.
fn complete_construct(cx: &mut Cx, st: &Stack, fp: usize, v: Value) -> JsResult<Value> {
    if st.header(fp, H_NEW_TARGET).is_undefined() || Object::from_value(v).is_some() {
        return Ok(v);
    }
    let callee = Object::from_value(st.header(fp, H_CALLEE)).expect("callee");
    let code = code_of(&callee).expect("script function");
    // These errors come after the callee's context is gone (§10.2.2 [[Construct]] steps
    // 10–12): the calling script frame's realm makes them.
    let caller = st.int(fp, H_CALLER);
    let realm = (caller >= 0)
        .then(|| Object::from_value(st.header(caller as usize, H_CALLEE)))
        .flatten()
        .map_or(cx.realm, |c| c.realm());
    let cx = Cx::new(cx.rt, realm);
    if code.has(flags::DERIVED) && !v.is_undefined() {
        return Err(cx.type_error("Derived constructors may only return object or undefined"));
    }
    let this = st.header(fp, H_THIS);
    if this.is_hole() {
        return Err(cx.throw(
            crate::ErrorKind::ReferenceError,
            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
        ));
    }
    Ok(this)
}

/// Finds a handler for `t` from `pos` outwards; on success `pos` and `acc` are set to run it.
/// Termination unwinds everything.
fn unwind(cx: &mut Cx, pos: &mut Pos, t: Throw, entry_fp: usize, acc: &mut Value) -> JsResult<()> {
    let v = match t {
        Throw::Terminated => return Err(Throw::Terminated),
        Throw::OutOfMemory => cx.intrinsic(Intrinsic::OutOfMemoryError),
        Throw::Value(v) => v,
    };
    let st = Stack { v: cx.rt.stack() };
    stack_trace::on_throw(cx, v, pos.fp, pos.pc);
    cx.rt.note_throw(v, pos.code.to_value(), pos.pc as u32);
    loop {
        if let Some((handler, env_reg)) = pos.code.handler_for(pos.pc as u32) {
            let env = st.get(pos.fp + env_reg as usize);
            st.set_header(pos.fp, H_ENV, env);
            // Drop anything above the frame's registers (nothing, between instructions).
            cx.rt.stack().truncate(pos.fp + pos.code.registers as usize);
            pos.pc = handler as usize;
            *acc = v;
            cx.rt.note_caught();
            return Ok(());
        }
        if pos.fp == entry_fp {
            return Err(Throw::Value(v));
        }
        let fp = pos.fp;
        let caller = st.int(fp, H_CALLER) as usize;
        let ret = st.int(fp, H_RET_PC) as usize;
        cx.rt.stack().truncate(fp - HEADER);
        let callee = Object::from_value(st.header(caller, H_CALLEE)).expect("callee");
        cx.realm = callee.realm();
        *pos = Pos {
            fp: caller,
            pc: ret - 1,
            code: code_of(&callee).expect("script function"),
        };
    }
}

/// Runs a compiled script's top-level code with `this` = the global object.
pub fn run_script(cx: &mut Cx, code: Gc<Code>) -> JsResult<Value> {
    let realm = cx.realm;
    // The script's "function": a closure over no environment, so frames look alike.
    let f = ops::make_closure(cx, code, Value::UNDEFINED)?;
    let r = call_closure(cx, f, realm.global(), &[], Value::UNDEFINED);
    cx.realm = realm;
    r
}
