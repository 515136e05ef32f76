//! The thread's current context and runtime: read by nearly every export, so it must be cheap.
//!
//! A `thread_local!` in a shared library uses the general-dynamic TLS model: every access calls
//! `__tls_get_addr`, which was a third of the cost of a `JsIntToNumber` + `JsNumberToInt` pair.
//! On x86-64 Linux with glibc the two words live instead in the static TLS block (the
//! initial-exec model, as glibc's own libraries and many allocators do): one load through the GOT
//! plus an `%fs`-relative access. The library is then marked `STATIC_TLS`; `dlopen` still works,
//! from the static TLS surplus glibc keeps for this (16 bytes are needed). Elsewhere (other
//! targets; musl, which may refuse to `dlopen` such a library), `thread_local!`.

#[cfg(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu"))]
mod imp {
    // 16 zero-initialised bytes in the thread-local BSS: [context, runtime]. Global but hidden,
    // so the accessor below can reach it from any codegen unit and nothing outside sees it.
    core::arch::global_asm!(
        ".pushsection .tbss,\"awT\",@nobits",
        ".p2align 3",
        ".globl conch_jsrt_tls_current",
        ".hidden conch_jsrt_tls_current",
        ".type conch_jsrt_tls_current,@object",
        ".size conch_jsrt_tls_current,16",
        "conch_jsrt_tls_current:",
        ".zero 16",
        ".popsection",
    );

    /// This thread's copy of the two words.
    #[inline(always)]
    fn slot() -> *mut usize {
        let p: usize;
        // SAFETY: initial-exec TLS access: the GOT entry holds the symbol's offset from the
        // thread pointer, and `%fs:0` holds the thread pointer itself (x86-64 System V TLS ABI).
        // Reads only; the result is this thread's 16-byte block.
        unsafe {
            core::arch::asm!(
                "mov {p}, qword ptr [rip + conch_jsrt_tls_current@GOTTPOFF]",
                "add {p}, qword ptr fs:[0]",
                p = out(reg) p,
                options(nostack, pure, readonly, preserves_flags),
            );
        }
        std::ptr::with_exposed_provenance_mut(p)
    }

    #[inline(always)]
    pub(crate) fn get() -> (usize, usize) {
        let p = slot();
        // SAFETY: `p` is this thread's own aligned 16-byte block; no other thread touches it.
        unsafe { (p.read(), p.add(1).read()) }
    }

    #[inline]
    pub(crate) fn set(ctx: usize, rt: usize) {
        let p = slot();
        // SAFETY: as in `get`.
        unsafe {
            p.write(ctx);
            p.add(1).write(rt);
        }
    }
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu")))]
mod imp {
    use std::cell::Cell;

    thread_local! {
        static CURRENT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    }

    #[inline]
    pub(crate) fn get() -> (usize, usize) {
        CURRENT.with(|c| c.get())
    }

    #[inline]
    pub(crate) fn set(ctx: usize, rt: usize) {
        CURRENT.with(|c| c.set((ctx, rt)));
    }
}

pub(crate) use imp::{get, set};
