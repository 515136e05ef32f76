//! Generators (ARCHITECTURE.md §9 "Generators and async"): a suspended frame's header and
//! registers move into the generator object (a GC array in its internal slot); resuming copies
//! them back onto the register stack and runs a nested dispatch loop from the saved pc.
//!
//! The generator function's code keeps the generator object in the register right after its
//! parameters and the resume mode in the next one (`code.params`, `code.params + 1`).

use super::code::Code;
use super::{code_of, run_with, Pos, Stack, HEADER, H_ARGS, H_CALLEE, H_CALLER, H_RET_PC};
use crate::builtins::iter_result;
use crate::cx::{Cx, JsResult, Throw};
use crate::object::{Object, ObjectClass};
use conch_gc::{Gc, GcArray, Value};

/// How a generator is resumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `next(v)`
    Next = 0,
    /// `throw(e)`
    Throw = 1,
    /// `return(v)`
    Return = 2,
}

impl Mode {
    /// The method's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mode::Next => "next",
            Mode::Throw => "throw",
            Mode::Return => "return",
        }
    }
}

/// `[[GeneratorState]]` values (internal slot 0, low bits).
pub(super) const SUSPENDED_START: i32 = 0;
pub(super) const SUSPENDED_YIELD: i32 = 1;
pub(super) const EXECUTING: i32 = 2;
pub(super) const COMPLETED: i32 = 3;
/// Flag: the state of an async function (resumed by promise jobs, no iterator results).
pub(super) const ASYNC: i32 = 8;

/// Saves the frame at `fp` (header and registers) into the generator `g`, to resume at `pc`.
pub(super) fn suspend(
    cx: &mut Cx,
    st: &Stack,
    fp: usize,
    code: Gc<Code>,
    g: Gc<Object>,
    pc: usize,
    state: i32,
) -> JsResult<()> {
    let n = HEADER + code.registers as usize;
    let arr = GcArray::<Value>::new(cx.heap(), n)?;
    for i in 0..n {
        arr.push_within_capacity(st.get(fp - HEADER + i));
    }
    let flags = g.internal(0).as_int().unwrap_or(0) & (ASYNC | super::async_gen::ASYNC_GEN);
    Object::set_internal(g, 1, arr.to_value());
    Object::set_internal(g, 2, Value::int(pc as i32));
    Object::set_internal(g, 0, Value::int(state | flags));
    Ok(())
}

fn saved_frame(v: Value) -> Option<Gc<GcArray<Value>>> {
    // SAFETY: internal slot 1 of a generator only ever holds the GcArray<Value> `suspend`
    // made (or undefined).
    v.cell_addr()
        .and_then(|a| unsafe { Gc::<GcArray<Value>>::from_addr(a) })
}

/// `GeneratorResume` / `GeneratorResumeAbrupt`.
pub fn resume(cx: &mut Cx, this: Value, mode: Mode, value: Value) -> JsResult<Value> {
    let g = Object::from_value(this).filter(|o| {
        o.class() == ObjectClass::Generator
            && o.internal(0).as_int().unwrap_or(COMPLETED) & super::async_gen::ASYNC_GEN == 0
    });
    let Some(g) = g else {
        return Err(crate::builtins::error::shown::incompatible_receiver(
            cx,
            &["[Generator].prototype.", mode.name()],
            this,
        ));
    };
    let raw = g.internal(0).as_int().unwrap_or(COMPLETED);
    let flags = raw & ASYNC;
    let state = raw & !ASYNC;
    if state == EXECUTING {
        return Err(cx.type_error("Generator is already running"));
    }
    if flags != 0 && state == SUSPENDED_YIELD {
        // An async function resumed by a promise job: the mode register says how.
    } else if state == COMPLETED || (state == SUSPENDED_START && mode != Mode::Next) {
        Object::set_internal(g, 0, Value::int(COMPLETED));
        Object::set_internal(g, 1, Value::UNDEFINED);
        return match mode {
            Mode::Next => iter_result(cx, Value::UNDEFINED, true),
            Mode::Return => iter_result(cx, value, true),
            Mode::Throw => Err(Throw::Value(value)),
        };
    }
    Object::set_internal(g, 0, Value::int(EXECUTING | flags));
    let r = restore_and_run(cx, g, mode, value, state == SUSPENDED_YIELD);
    match r {
        Ok(v) if g.internal(0).as_int() == Some(SUSPENDED_YIELD | flags) => Ok(v),
        Ok(v) => {
            Object::set_internal(g, 0, Value::int(COMPLETED | flags));
            if flags != 0 {
                return Ok(v);
            }
            iter_result(cx, v, true)
        }
        Err(t) => {
            Object::set_internal(g, 0, Value::int(COMPLETED | flags));
            Object::set_internal(g, 1, Value::UNDEFINED);
            Err(t)
        }
    }
}

/// Copies the suspended frame of `g` back onto the register stack and runs it from its saved
/// pc with `value` in the accumulator (and `mode` in the mode register when `set_mode`), until
/// it returns, throws or suspends again.
pub(super) fn restore_and_run(
    cx: &mut Cx,
    g: Gc<Object>,
    mode: Mode,
    value: Value,
    set_mode: bool,
) -> JsResult<Value> {
    let Some(frame) = saved_frame(g.internal(1)) else {
        return Err(cx.type_error("Generator has no frame"));
    };
    let pc = g.internal(2).as_int().unwrap_or(0) as usize;
    let stack = cx.rt.stack();
    let base = stack.len();
    let n = frame.len();
    if base + n > cx.rt.stack_cap() {
        return Err(Throw::Value(
            cx.intrinsic(crate::Intrinsic::StackOverflowError),
        ));
    }
    // The frame in one chunk of the stack (it may start a new one, above `base`).
    let at = stack.push_frame(cx.heap(), &[], 0, 0, n, Value::UNDEFINED)?;
    for i in 0..n {
        stack.set(at + i, frame.get(i).unwrap_or(Value::UNDEFINED));
    }
    let fp = at + HEADER;
    let st = Stack { v: stack };
    st.set_header(fp, H_CALLER, Value::int(-1));
    st.set_header(fp, H_RET_PC, Value::int(0));
    st.set_header(fp, H_ARGS, Value::int(fp as i32));
    let callee = Object::from_value(st.header(fp, H_CALLEE)).expect("generator function");
    let code = code_of(&callee).expect("script function");
    if set_mode {
        st.set(fp + code.params as usize + 1, Value::int(mode as i32));
    }
    Object::set_internal(g, 1, Value::UNDEFINED);
    let saved = cx.realm;
    cx.realm = callee.realm();
    let r = cx
        .check()
        .and_then(|()| run_with(cx, Pos { fp, pc, code }, value));
    cx.rt.stack().truncate(base);
    cx.realm = saved;
    r
}

/// The continuation an `await` registers on the awaited promise: resumes the async function
/// (internal(0)) with the value, normally (internal(1) = 0) or by throwing it (1).
pub(super) fn async_continue(
    cx: &mut Cx,
    f: Gc<Object>,
    _: Value,
    args: &[Value],
    _: Value,
) -> JsResult<Value> {
    let mode = if f.internal(1).as_int() == Some(1) {
        Mode::Throw
    } else {
        Mode::Next
    };
    let v = args.first().copied().unwrap_or(Value::UNDEFINED);
    let g = f.internal(0);
    if let Some(go) = Object::from_value(g) {
        if go.internal(0).as_int().unwrap_or(0) & super::async_gen::ASYNC_GEN != 0 {
            return super::async_gen::resume_after_await(cx, go, mode, v);
        }
    }
    resume(cx, g, mode, v)
}
