// A host program: its own test-sized data, not engine storage.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]
//! A small host: a runtime with a memory limit and an allocation callback, a context, objects,
//! a Rust closure called as a JavaScript function, an exception, and out-of-memory handled as
//! an error.
//!
//! Run with `cargo run -p conch --example basic`.

use conch::{ErrorKind, JsError, MemoryEvent, Runtime};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn main() -> Result<(), JsError> {
    let acquisitions = Arc::new(AtomicUsize::new(0));
    let seen = acquisitions.clone();
    let runtime = Runtime::builder()
        .memory_limit(32 << 20)
        .allocation_callback(move |event, bytes| {
            if event == MemoryEvent::Allocate {
                seen.fetch_add(1, Ordering::Relaxed);
            }
            if event == MemoryEvent::Failure {
                println!("  [memory] refused {bytes} bytes");
            }
            true // accept
        })
        .build()?;
    let ctx = runtime.context()?;
    println!(
        "runtime + context: {} KiB in {} acquisitions",
        runtime.memory_usage() >> 10,
        acquisitions.load(Ordering::Relaxed)
    );

    // Objects and properties.
    let point = ctx.object()?;
    point.set("x", &ctx.number(3.0))?;
    point.set("y", &ctx.number(4.0))?;
    point.set("label", &ctx.string("P")?)?;
    let keys: Vec<String> = point
        .keys()?
        .iter()
        .map(|k| k.to_string())
        .collect::<Result<_, _>>()?;
    println!("point keys: {keys:?}");

    // A Rust closure as a JavaScript function.
    let norm = ctx.function("norm", |ctx, this, _args| {
        let x = this.get("x")?.to_number()?;
        let y = this.get("y")?.to_number()?;
        if x.is_nan() || y.is_nan() {
            return Err(JsError::from(
                ctx.error(ErrorKind::TypeError, "norm needs numeric x and y")?,
            ));
        }
        Ok(ctx.number(x.hypot(y)))
    })?;
    ctx.global()?.set("norm", &norm)?;
    println!(
        "norm.call(point) = {}",
        norm.call(&point, &[])?.to_string()?
    );

    // An exception thrown by the closure arrives as JsError::Exception.
    match norm.call(&ctx.object()?, &[]) {
        Err(e @ JsError::Exception(..)) => println!("caught: {e}"),
        other => println!("unexpected: {other:?}"),
    }

    // Out of memory is an error, never an abort; the runtime stays usable.
    runtime.set_memory_limit(runtime.memory_usage() + (1 << 20));
    let list = ctx.array(0)?;
    let mut n = 0u32;
    let err = loop {
        let step = || -> Result<(), JsError> {
            let item = ctx.object()?;
            item.set("n", &ctx.number(n as f64))?;
            list.set(n, &item)
        };
        if let Err(e) = step() {
            break e;
        }
        n += 1;
    };
    println!(
        "after {n} objects: {err} (out of memory: {}), usage {} KiB of {} KiB",
        err.is_out_of_memory(),
        runtime.memory_usage() >> 10,
        runtime.memory_limit() >> 10
    );
    drop(list);
    drop(err);
    runtime.set_memory_limit(32 << 20);
    runtime.collect_garbage();
    let again = ctx.string("still usable")?;
    println!(
        "{}; usage now {} KiB",
        again.to_string()?,
        runtime.memory_usage() >> 10
    );
    Ok(())
}
