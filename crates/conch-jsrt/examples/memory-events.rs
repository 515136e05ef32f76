//! An example host: drives the JsRT C API (the same exports `libconch_jsrt.so` has) and prints
//! every memory event the runtime reports, then fills an array under a 4 MiB limit until the
//! runtime answers out-of-memory, collects, and disposes.

use conch_jsrt::*;
use std::ffi::c_void;

extern "C" {
    fn JsCreateRuntime(a: u32, ts: *mut c_void, rt: *mut *mut c_void) -> JsErrorCode;
    fn JsSetRuntimeMemoryAllocationCallback(
        rt: *mut c_void,
        s: *mut c_void,
        cb: Option<unsafe extern "C" fn(*mut c_void, u32, usize) -> bool>,
    ) -> JsErrorCode;
    fn JsSetRuntimeMemoryLimit(rt: *mut c_void, l: usize) -> JsErrorCode;
    fn JsGetRuntimeMemoryUsage(rt: *mut c_void, u: *mut usize) -> JsErrorCode;
    fn JsCreateContext(rt: *mut c_void, c: *mut *mut c_void) -> JsErrorCode;
    fn JsSetCurrentContext(c: *mut c_void) -> JsErrorCode;
    fn JsCreateArray(n: u32, r: *mut *mut c_void) -> JsErrorCode;
    fn JsCreateObject(r: *mut *mut c_void) -> JsErrorCode;
    fn JsIntToNumber(i: i32, r: *mut *mut c_void) -> JsErrorCode;
    fn JsSetIndexedProperty(o: *mut c_void, i: *mut c_void, v: *mut c_void) -> JsErrorCode;
    fn JsCollectGarbage(rt: *mut c_void) -> JsErrorCode;
    fn JsDisposeRuntime(rt: *mut c_void) -> JsErrorCode;
}

unsafe extern "C" fn on_event(_state: *mut c_void, ev: u32, size: usize) -> bool {
    let name = ["Allocate", "Free", "Failure"]
        .get(ev as usize)
        .unwrap_or(&"?");
    println!("  memory event: {name:<8} {size:>9} bytes");
    true
}

fn main() {
    // SAFETY: plain JsRT calls with valid out-pointers, as a C host would make them.
    unsafe {
        let mut rt = std::ptr::null_mut();
        assert_eq!(
            JsCreateRuntime(0, std::ptr::null_mut(), &mut rt),
            JsErrorCode::NoError
        );
        JsSetRuntimeMemoryAllocationCallback(rt, std::ptr::null_mut(), Some(on_event));
        JsSetRuntimeMemoryLimit(rt, 4 << 20);
        println!("runtime created; limit 4 MiB");
        let mut ctx = std::ptr::null_mut();
        println!("JsCreateContext -> {:?}", JsCreateContext(rt, &mut ctx));
        JsSetCurrentContext(ctx);
        let mut arr = std::ptr::null_mut();
        JsCreateArray(0, &mut arr);
        let mut n = 0;
        let err = loop {
            let (mut o, mut idx) = (std::ptr::null_mut(), std::ptr::null_mut());
            let e = JsCreateObject(&mut o);
            if e != JsErrorCode::NoError {
                break e;
            }
            JsIntToNumber(n, &mut idx);
            let e = JsSetIndexedProperty(arr, idx, o);
            if e != JsErrorCode::NoError {
                break e;
            }
            n += 1;
        };
        let mut usage = 0;
        JsGetRuntimeMemoryUsage(rt, &mut usage);
        println!("filled {n} objects, then {err:?}; usage {usage} bytes (≤ limit)");
        arr = std::ptr::null_mut();
        std::hint::black_box(&arr);
        JsSetCurrentContext(std::ptr::null_mut());
        println!("JsCollectGarbage -> {:?}", JsCollectGarbage(rt));
        JsGetRuntimeMemoryUsage(rt, &mut usage);
        println!("usage after collection: {usage} bytes");
        println!("JsDisposeRuntime -> {:?}", JsDisposeRuntime(rt));
    }
}
