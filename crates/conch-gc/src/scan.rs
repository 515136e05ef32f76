//! Conservative scanning of the current thread's stack and registers (ARCHITECTURE.md §6, §13).
//!
//! This module reads memory Rust does not own (the whole stack above the current frame), so it
//! reads it with volatile word loads, and it is the only place that does. Callee-saved registers
//! are first copied into a local array, so values a caller keeps only in a register are seen too.
//!
//! Supported stacks: the thread's own stack as the OS reports it (`pthread_getattr_np`), or a
//! stack the host declared with `conch_mm::stack::set_stack_bounds` (fibers, coroutines). When
//! the stack pointer lies outside the known bounds, nothing is scanned and the collection is
//! refused ([`Heap::collection_error`](crate::Heap::collection_error)).
//!
//! Under Miri (which cannot run inline assembly or read memory Rust does not own) nothing is
//! scanned: only precise roots keep cells alive there, and the tests that rely on the stack are
//! ignored.

#[cfg(not(miri))]
use conch_mm::stack::{current_sp, stack_bounds};

/// Whether the stack can be scanned now (the stack pointer lies within the known bounds).
pub(crate) fn stack_scannable() -> bool {
    #[cfg(miri)]
    return true;
    #[cfg(not(miri))]
    conch_mm::stack::sp_within_bounds()
}

#[cfg(not(miri))]
#[inline(always)]
fn spill_registers() -> [usize; 12] {
    let mut regs = [0usize; 12];
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only copies register values into our own local array.
    unsafe {
        core::arch::asm!(
            "mov [{0}], rbx",
            "mov [{0} + 8], rbp",
            "mov [{0} + 16], r12",
            "mov [{0} + 24], r13",
            "mov [{0} + 32], r14",
            "mov [{0} + 40], r15",
            in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags)
        );
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: only copies register values into our own local array.
    unsafe {
        core::arch::asm!(
            "stp x19, x20, [{0}]",
            "stp x21, x22, [{0}, #16]",
            "stp x23, x24, [{0}, #32]",
            "stp x25, x26, [{0}, #48]",
            "stp x27, x28, [{0}, #64]",
            "str x29, [{0}, #80]",
            in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags)
        );
    }
    regs
}

/// Under Miri: scans nothing (see the module doc).
#[cfg(miri)]
pub(crate) fn scan_stack(_: &mut dyn FnMut(usize)) {}

/// Calls `f` with every word of the current thread's stack (from the current stack pointer to
/// the stack base) and of the callee-saved registers; nothing if the stack pointer lies outside
/// the known bounds.
#[cfg(not(miri))]
#[inline(never)]
pub(crate) fn scan_stack(f: &mut dyn FnMut(usize)) {
    let regs = std::hint::black_box(spill_registers());
    for &r in &regs {
        f(r);
    }
    scan_from_here(f);
    std::hint::black_box(&regs);
}

#[cfg(not(miri))]
#[inline(never)]
fn scan_from_here(f: &mut dyn FnMut(usize)) {
    let (low, high) = stack_bounds();
    let mut p = current_sp() & !7;
    if p < low || p >= high {
        return; // not the stack we know: reading up to `high` could fault (see the module doc)
    }
    while p + 8 <= high {
        // SAFETY: [sp, stack base) is this thread's mapped stack; reading it is sound even
        // though Rust does not own those words (they are plain integers to us).
        let w = unsafe { std::ptr::read_volatile(std::ptr::with_exposed_provenance::<usize>(p)) };
        f(w);
        p += 8;
    }
}

/// Overwrites a stretch of dead stack below the current frame, so stale copies of pointers left
/// there by earlier, deeper calls do not keep garbage alive.
#[inline(never)]
pub fn clear_dead_stack() {
    // Uninitialised, so the only stores are the volatile ones (an initialised array costs a
    // memset of the same size first).
    let mut buf = std::mem::MaybeUninit::<[usize; 4096]>::uninit();
    let p = buf.as_mut_ptr().cast::<usize>();
    for i in 0..4096 {
        // SAFETY: in bounds of our own local array; volatile so it is not optimised away.
        unsafe { std::ptr::write_volatile(p.add(i), 0) };
    }
    std::hint::black_box(&buf);
}
