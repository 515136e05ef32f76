//! Host functions (`JsCreateFunction`, `JsCreateNamedFunction`, `JsCreateEnhancedFunction`)
//! and calls (`JsCallFunction`, `JsConstructObject`).
//!
//! A host function is a function object whose entry point is [`host_entry`]; the host's
//! callback address is kept in `internal[0]` (as a number: addresses are below 2^47, exact in a
//! double), the kind in `internal[1]`, and the callback state in the external-data word.
//! Semantics follow JSRT.md §3.13: `arguments[0]` is `this`; a construct call gets a fresh
//! object created from the function's `prototype` and the callback's object result (if any)
//! replaces it; `NULL` → `undefined`; an exception recorded with `JsSetException` during the
//! callback is thrown after it returns and its return value is ignored.

use crate::api::{clear, put, script, val, Fail, Ref, Res};
use crate::{guard, value_in, JsErrorCode, JsErrorCode as E};
use conch_gc::{Gc, GcVec, Value};
use conch_vm::builtins::{create_function, FunctionOptions};
use conch_vm::{ops, Cx, Intrinsic, JsResult, Name, Object, ObjectClass, Throw};
use std::ffi::c_void;

type NativeFunction = unsafe extern "C" fn(Ref, bool, *mut Ref, u16, *mut c_void) -> Ref;

/// `JsNativeFunctionInfo`: what an enhanced host function is told about its call.
#[repr(C)]
pub struct NativeFunctionInfo {
    /// `this`.
    pub this_arg: Ref,
    /// `new.target` (`undefined` for a call).
    pub new_target_arg: Ref,
    /// Whether the call is a construct call.
    pub is_construct_call: bool,
}

type EnhancedNativeFunction =
    unsafe extern "C" fn(Ref, *mut Ref, u16, *mut NativeFunctionInfo, *mut c_void) -> Ref;

/// Arguments (with `this`) passed to a host function from a buffer on the stack, not a GC vector.
const INLINE_ARGS: usize = 16;

const PLAIN: i32 = 0;
const ENHANCED: i32 = 1;

fn host_entry(
    cx: &mut Cx,
    callee: Gc<Object>,
    this: Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Value> {
    if args.len() >= u16::MAX as usize {
        return Err(cx.type_error("Too many arguments passed to a host function"));
    }
    let construct = !new_target.is_undefined();
    let this = if construct {
        let proto = ops::prototype_from_constructor(cx, new_target, Intrinsic::ObjectPrototype)?;
        cx.new_object_with(ObjectClass::Ordinary, proto)?.to_value()
    } else {
        this
    };
    // arguments[0] is `this`. Up to INLINE_ARGS values go in a buffer on this frame (the
    // conservative stack scan keeps them alive); longer lists in a GC vector reachable from this
    // frame, allocated fallibly (refused memory is the usual out-of-memory completion).
    let mut inline = [Value::UNDEFINED; INLINE_ARGS];
    let spilled = GcVec::<Value>::new();
    let (argp, argc) = if args.len() < INLINE_ARGS {
        inline[0] = this;
        inline[1..=args.len()].copy_from_slice(args);
        (inline.as_mut_ptr() as *mut Ref, args.len() + 1)
    } else {
        spilled.reserve(cx.heap(), args.len() + 1)?;
        spilled.push(cx.heap(), this)?;
        for &a in args {
            spilled.push(cx.heap(), a)?;
        }
        // Cells: the host may write into the array it is given.
        (
            spilled.cells().as_ptr().cast_mut() as *mut Ref,
            spilled.len(),
        )
    };
    let argc = argc as u16;
    let addr = callee.internal(0).as_number().unwrap_or(0.0) as usize;
    let kind = callee.internal(1).as_int().unwrap_or(PLAIN);
    let state = callee.external_data() as *mut c_void;
    let had_exception = cx.rt.has_exception();
    let callee_ref = callee.to_value().to_bits() as Ref;
    let r = if kind == ENHANCED {
        // SAFETY: the address is the host's non-null JsEnhancedNativeFunction.
        let f: EnhancedNativeFunction = unsafe { std::mem::transmute(addr) };
        let mut info = NativeFunctionInfo {
            this_arg: this.to_bits() as Ref,
            new_target_arg: new_target.to_bits() as Ref,
            is_construct_call: construct,
        };
        // SAFETY: the host callback with a valid argument array of `argc` values.
        unsafe { f(callee_ref, argp, argc, &mut info, state) }
    } else {
        // SAFETY: the address is the host's non-null JsNativeFunction.
        let f: NativeFunction = unsafe { std::mem::transmute(addr) };
        // SAFETY: as above.
        unsafe { f(callee_ref, construct, argp, argc, state) }
    };
    std::hint::black_box((&inline, &spilled));
    // Execution disabled during the callback (by it, or a watchdog): script does not go on
    // (ChakraCore rethrows its terminated-error object after the callback returns).
    if cx.rt.is_disabled() {
        return Err(Throw::Terminated);
    }
    if !had_exception && cx.rt.has_exception() {
        let e = cx.rt.take_exception().unwrap_or(Value::UNDEFINED);
        return Err(Throw::Value(e));
    }
    let result = if r.is_null() {
        Value::UNDEFINED
    } else {
        match Value::from_bits(r as u64) {
            Some(v) if v.cell_addr().is_none_or(|a| cx.heap().is_cell(a)) => v,
            _ => return Err(cx.type_error("Host function returned an invalid value")),
        }
    };
    if construct && Object::from_value(result).is_none() {
        return Ok(this);
    }
    Ok(result)
}

fn create(cx: &mut Cx, name: Value, addr: usize, kind: i32, state: *mut c_void) -> Res<Gc<Object>> {
    let f = create_function(
        cx,
        host_entry,
        FunctionOptions {
            name,
            length: 0,
            constructor: true,
        },
    )?;
    Object::set_internal(f, 0, Value::number(addr as f64));
    Object::set_internal(f, 1, Value::int(kind));
    Object::set_external_data(f, state as usize);
    // Host functions are constructors with an ordinary `prototype` object.
    let proto = cx.new_object()?;
    let ck = cx.name(Name::constructor);
    conch_vm::ops::define_own_property(
        cx,
        proto,
        ck,
        &ops::PropertyDescriptor::data(f.to_value(), conch_vm::attrs::HIDDEN),
    )?;
    let pk = cx.name(Name::prototype);
    ops::define_own_property(
        cx,
        f,
        pk,
        &ops::PropertyDescriptor::data(proto.to_value(), conch_vm::attrs::WRITABLE),
    )?;
    Ok(f)
}

fn name_value(cx: &mut Cx, rt: &crate::JsrtRuntime, name: Ref) -> Res<Value> {
    let v = val(rt, name)?;
    if conch_vm::JsString::from_value(v).is_none() {
        return Err(E::InvalidArgument.into());
    }
    let _ = cx;
    Ok(v)
}

/// Creates a host function.
#[no_mangle]
pub extern "C" fn JsCreateFunction(
    native_function: Option<NativeFunction>,
    callback_state: *mut c_void,
    function: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, _| {
            clear(function)?;
            let f = native_function.ok_or(Fail::Code(E::NullArgument))?;
            let empty = cx.name(Name::empty).to_raw();
            let fo = create(cx, empty, f as usize, PLAIN, callback_state)?;
            put(function, fo.to_value())
        })
    })
}

/// Creates a host function with a `name` (a string).
#[no_mangle]
pub extern "C" fn JsCreateNamedFunction(
    name: Ref,
    native_function: Option<NativeFunction>,
    callback_state: *mut c_void,
    function: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(function)?;
            let n = name_value(cx, rt, name)?;
            let f = native_function.ok_or(Fail::Code(E::NullArgument))?;
            let fo = create(cx, n, f as usize, PLAIN, callback_state)?;
            put(function, fo.to_value())
        })
    })
}

/// Creates an enhanced host function (receives `this`, `new.target` and the construct flag in
/// a `JsNativeFunctionInfo`); `metadata`, if a string, is its name.
#[no_mangle]
pub extern "C" fn JsCreateEnhancedFunction(
    native_function: Option<EnhancedNativeFunction>,
    metadata: Ref,
    callback_state: *mut c_void,
    function: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(function)?;
            let f = native_function.ok_or(Fail::Code(E::NullArgument))?;
            let n = if metadata.is_null() {
                cx.name(Name::empty).to_raw()
            } else {
                let m = val(rt, metadata)?;
                match conch_vm::JsString::from_value(m) {
                    Some(_) => m,
                    None => cx.name(Name::empty).to_raw(),
                }
            };
            let fo = create(cx, n, f as usize, ENHANCED, callback_state)?;
            put(function, fo.to_value())
        })
    })
}

fn arg_list<'a>(rt: &crate::JsrtRuntime, arguments: *mut Ref, count: u16) -> Res<&'a [Value]> {
    if arguments.is_null() || count == 0 {
        return Err(E::InvalidArgument.into());
    }
    // SAFETY: the host passes `count` readable JsValueRefs (JsRT contract); Value is a
    // transparent 64-bit word like JsValueRef.
    let s = unsafe { std::slice::from_raw_parts(arguments as *const u64, count as usize) };
    for &bits in s {
        value_in(rt, bits)?;
    }
    // SAFETY: every word was validated as a Value encoding above; same size and alignment.
    Ok(unsafe { std::slice::from_raw_parts(arguments as *const Value, count as usize) })
}

/// Calls `function` with `arguments[0]` as `this` and the rest as arguments.
#[no_mangle]
pub extern "C" fn JsCallFunction(
    function: Ref,
    arguments: *mut Ref,
    argument_count: u16,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            if !result.is_null() {
                clear(result)?;
            }
            let f = val(rt, function)?;
            if !Object::from_value(f).is_some_and(|o| o.is_callable()) {
                return Err(E::InvalidArgument.into());
            }
            let args = arg_list(rt, arguments, argument_count)?;
            let r = ops::call(cx, f, args[0], &args[1..])?;
            if !result.is_null() {
                put(result, r)?;
            }
            Ok(())
        })
    })
}

/// `new function(...arguments[1..])` (`arguments[0]` is ignored, as in ChakraCore).
#[no_mangle]
pub extern "C" fn JsConstructObject(
    function: Ref,
    arguments: *mut Ref,
    argument_count: u16,
    result: *mut Ref,
) -> JsErrorCode {
    guard(|| {
        script(|cx, rt| {
            clear(result)?;
            let f = val(rt, function)?;
            if !Object::from_value(f).is_some_and(|o| o.is_callable()) {
                return Err(E::InvalidArgument.into());
            }
            let args = arg_list(rt, arguments, argument_count)?;
            let r = ops::construct(cx, f, &args[1..], Value::UNDEFINED)?;
            put(result, r)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::JsCollectGarbage;
    use crate::strings::tests::Env;
    use crate::values::{JsIntToNumber, JsNumberToInt};
    use std::ptr::null_mut;

    /// Returns the sum of its integer arguments after checking `this` (the state) and the
    /// count, with a collection in between (the arguments must survive it).
    unsafe extern "C" fn sum(
        _callee: Ref,
        _construct: bool,
        args: *mut Ref,
        argc: u16,
        state: *mut c_void,
    ) -> Ref {
        // SAFETY: the engine passes `argc` arguments; the state is the test's runtime handle.
        let args = unsafe { std::slice::from_raw_parts(args, argc as usize) };
        assert_eq!(JsCollectGarbage(state), E::NoError);
        let mut total = 0;
        for &a in &args[1..] {
            let mut i = 0;
            assert_eq!(JsNumberToInt(a, &mut i), E::NoError);
            total += i;
        }
        let mut r = null_mut();
        assert_eq!(
            JsIntToNumber(total * 1000 + argc as i32, &mut r),
            E::NoError
        );
        r
    }

    #[test]
    fn host_functions_get_short_and_long_argument_lists() {
        let e = Env::new();
        let mut f = null_mut();
        assert_eq!(JsCreateFunction(Some(sum), e.rt, &mut f), E::NoError);
        // Around the inline buffer's size: 1..=15 arguments inline, 16 and more spilled.
        for argc in [1u16, 2, 15, 16, 17, 40, 300] {
            let mut args = [null_mut(); 300];
            for (i, a) in args.iter_mut().enumerate().take(argc as usize) {
                assert_eq!(JsIntToNumber(i as i32, a), E::NoError);
            }
            let mut r = null_mut();
            assert_eq!(
                JsCallFunction(f, args.as_mut_ptr(), argc, &mut r),
                E::NoError
            );
            let mut got = 0;
            assert_eq!(JsNumberToInt(r, &mut got), E::NoError);
            let n = argc as i32 - 1;
            assert_eq!(got, n * (n + 1) / 2 * 1000 + argc as i32, "argc {argc}");
        }
    }
}
