//! Conservative scanning of the current thread's stack and registers (ARCHITECTURE.md §6, §13).
//!
//! This module reads memory Rust does not own (the whole stack above the current frame), so it
//! reads it with volatile word loads, and it is the only place that does. Callee-saved registers
//! are first copied into a local array, so values a caller keeps only in a register are seen too.

use conch_mm::stack::{current_sp, stack_bounds};

#[inline(always)]
fn spill_registers() -> [usize; 8] {
    let mut regs = [0usize; 8];
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
            in(reg) regs.as_mut_ptr(),
            options(nostack, preserves_flags)
        );
    }
    regs
}

/// Calls `f` with every word of the current thread's stack (from the current stack pointer to
/// the stack base) and of the callee-saved registers.
#[inline(never)]
pub(crate) fn scan_stack(f: &mut dyn FnMut(usize)) {
    let regs = std::hint::black_box(spill_registers());
    for &r in &regs {
        f(r);
    }
    scan_from_here(f);
    std::hint::black_box(&regs);
}

#[inline(never)]
fn scan_from_here(f: &mut dyn FnMut(usize)) {
    let (_, high) = stack_bounds();
    let mut p = current_sp() & !7;
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
    let mut buf = [0usize; 4096];
    for w in buf.iter_mut() {
        // SAFETY: writing our own local array; volatile so it is not optimised away.
        unsafe { std::ptr::write_volatile(w, 0) };
    }
    std::hint::black_box(&buf);
}
