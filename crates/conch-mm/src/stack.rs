//! The current thread's stack: its bounds as the OS reports them and the stack pointer.
//!
//! Used by the collector (conservative scanning from the stack pointer up to the base) and by
//! every recursive path (parser, compiler, interpreter, marking) to throw
//! "Maximum call stack size exceeded" before the native stack overflows: compare
//! [`current_sp`] against a [`StackLimit`], never count recursion.

use std::cell::Cell;

/// Bytes kept free below the limit for the error path and for callees that do not check.
pub const STACK_HEADROOM: usize = 128 * 1024;

thread_local! {
    // Plain integers: no heap memory behind this thread-local.
    static BOUNDS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// The current stack pointer (approximately: the address of a local on stable targets without
/// inline assembly support).
#[inline(always)]
pub fn current_sp() -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let sp: usize;
        // SAFETY: reads the stack pointer register; no memory access, no side effects.
        unsafe {
            core::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags))
        };
        sp
    }
    #[cfg(target_arch = "aarch64")]
    {
        let sp: usize;
        // SAFETY: reads the stack pointer register; no memory access, no side effects.
        unsafe {
            core::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags))
        };
        sp
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let x = 0u8;
        std::hint::black_box(&x) as *const u8 as usize
    }
}

/// Declares the stack the current thread runs on, for hosts that run the runtime on a stack
/// the OS does not report as the thread's (fibers, coroutines, a stack of their own):
/// `(low, high)` are its lowest usable address and its base. Call it after switching to that
/// stack and before using the runtime there; call [`reset_stack_bounds`] after switching back.
/// Without it, the collector refuses to scan a stack pointer outside the OS-reported bounds
/// (see [`sp_within_bounds`]).
pub fn set_stack_bounds(low: usize, high: usize) {
    BOUNDS.with(|b| b.set((low, high)));
}

/// Forgets the bounds set by [`set_stack_bounds`]: the next query asks the OS again.
pub fn reset_stack_bounds() {
    BOUNDS.with(|b| b.set((0, 0)));
}

/// Whether the current stack pointer lies within the cached bounds of this thread's stack. The
/// conservative scanner reads from the stack pointer up to the base: outside the bounds (a host
/// on a fiber that did not declare its stack) that range is not the stack, and reading it could
/// fault, so the collector refuses to run instead.
pub fn sp_within_bounds() -> bool {
    let (low, high) = stack_bounds();
    let sp = current_sp();
    low <= sp && sp < high
}

/// `(low, high)`: the lowest usable address and the base (highest address) of the current
/// thread's stack, from `pthread_getattr_np` (or [`set_stack_bounds`]); cached per thread.
pub fn stack_bounds() -> (usize, usize) {
    let cached = BOUNDS.with(|b| b.get());
    if cached.1 != 0 {
        return cached;
    }
    let bounds = query_bounds();
    BOUNDS.with(|b| b.set(bounds));
    bounds
}

/// The main thread's bounds without `pthread_getattr_np`, which on the main thread reads and
/// parses all of `/proc/self/maps` (a fifth of `conch empty.js`'s instructions): the top is
/// the kernel's `startstack` (`/proc/self/stat` field 28; every frame lies below it), the
/// bottom that minus `RLIMIT_STACK` (8 MiB if unlimited: stopping early is safe).
#[cfg(target_os = "linux")]
fn main_thread_bounds() -> Option<(usize, usize)> {
    // SAFETY: getpid and the gettid syscall have no preconditions.
    let main = unsafe { libc::getpid() as libc::c_long == libc::syscall(libc::SYS_gettid) };
    if !main {
        return None;
    }
    let mut buf = [0u8; 1024];
    // SAFETY: a NUL-terminated path; `read` writes at most `buf.len()` bytes into `buf`; the
    // descriptor is ours and closed once.
    let n = unsafe {
        let fd = libc::open(
            c"/proc/self/stat".as_ptr(),
            libc::O_RDONLY | libc::O_CLOEXEC,
        );
        if fd < 0 {
            return None;
        }
        let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
        libc::close(fd);
        n
    };
    let start = startstack(buf.get(..usize::try_from(n).ok()?)?)?;
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is a valid out-pointer.
    if unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut rl) } != 0 {
        return None;
    }
    let size = if rl.rlim_cur == libc::RLIM_INFINITY {
        8 << 20
    } else {
        usize::try_from(rl.rlim_cur).ok()?
    };
    let high = start.checked_add(4095)? & !4095;
    let low = high.checked_sub(size)?;
    let sp = current_sp();
    (low < sp && sp < high).then_some((low, high))
}

/// Field 28 (`startstack`) of a `/proc/PID/stat` line.
#[cfg(any(target_os = "linux", test))]
fn startstack(text: &[u8]) -> Option<usize> {
    // The command name (field 2) may hold spaces and parentheses: count fields after the last
    // ')'. The field after it is field 3, so field 28 is the 26th.
    let rest = &text[text.iter().rposition(|&c| c == b')')? + 1..];
    let field = rest
        .split(|&c| c == b' ')
        .filter(|f| !f.is_empty())
        .nth(25)?;
    let mut start: usize = 0;
    for &c in field {
        if !c.is_ascii_digit() {
            return None;
        }
        start = start.checked_mul(10)?.checked_add(usize::from(c - b'0'))?;
    }
    Some(start)
}

#[cfg(target_os = "linux")]
fn query_bounds() -> (usize, usize) {
    if let Some(b) = main_thread_bounds() {
        return b;
    }
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; we destroy it after use.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return fallback_bounds();
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 || addr.is_null() {
            return fallback_bounds();
        }
        let low = addr as usize;
        let mut high = low + size;
        // The main thread's reported size may be the rlimit, larger than what is mapped above
        // the current frame; the base is still right. Guard against a bogus base below us.
        let sp = current_sp();
        if high < sp {
            high = sp + 64 * 1024;
        }
        (low, high)
    }
}

#[cfg(not(target_os = "linux"))]
fn query_bounds() -> (usize, usize) {
    fallback_bounds()
}

fn fallback_bounds() -> (usize, usize) {
    // Unknown stack: assume 512 KiB below the current point and 64 KiB above.
    let sp = current_sp();
    (sp.saturating_sub(512 * 1024), sp + 64 * 1024)
}

/// A stack-pointer limit for recursion checks.
#[derive(Clone, Copy, Debug)]
pub struct StackLimit(usize);

impl StackLimit {
    /// The limit for the current thread: its stack's low end plus [`STACK_HEADROOM`].
    pub fn current_thread() -> StackLimit {
        let (low, high) = stack_bounds();
        let headroom = STACK_HEADROOM.min((high - low) / 4);
        StackLimit(low + headroom)
    }

    /// A limit at an explicit address (tests; hosts with their own stack rules).
    pub fn at(addr: usize) -> StackLimit {
        StackLimit(addr)
    }

    /// True if the stack pointer is below the limit: the caller must fail with
    /// "Maximum call stack size exceeded" instead of recursing.
    #[inline(always)]
    pub fn exceeded(&self) -> bool {
        current_sp() < self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore)] // the OS stack (pthread_getattr_np, inline asm): Miri has neither
    fn bounds_contain_the_stack_pointer() {
        let (low, high) = stack_bounds();
        let sp = current_sp();
        assert!(low < sp && sp < high, "{low:x} < {sp:x} < {high:x}");
        assert!(!StackLimit::current_thread().exceeded());
    }

    #[test]
    fn startstack_is_field_28_even_with_parentheses_in_the_name() {
        let line = b"4242 (a) (b c) S 1 4242 4242 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 \
            12345 1000000 200 18446744073709551615 1 1 140737488347136 0 0 0 0 0 0 0 0 0 17 \
            0 0 0 0 0 0\n";
        assert_eq!(startstack(line), Some(140737488347136));
        assert_eq!(startstack(b"1 (x) S 1 2"), None);
    }

    #[inline(never)]
    fn depth(limit: &StackLimit, n: usize) -> usize {
        if limit.exceeded() {
            return n;
        }
        let pad = std::hint::black_box([0u8; 256]);
        depth(limit, n + 1) + pad[0] as usize
    }

    #[test]
    #[cfg_attr(miri, ignore)] // the OS stack (pthread_getattr_np, inline asm): Miri has neither
    fn declared_bounds_are_checked_against_the_stack_pointer() {
        assert!(sp_within_bounds());
        let here = current_sp();
        // A stack declared elsewhere (as a host on a fiber would, but with a wrong range).
        set_stack_bounds(here + (1 << 20), here + (2 << 20));
        assert!(!sp_within_bounds());
        reset_stack_bounds();
        assert!(sp_within_bounds());
    }

    #[test]
    #[cfg_attr(miri, ignore)] // the OS stack (pthread_getattr_np, inline asm): Miri has neither
    fn deep_recursion_stops_at_the_limit_on_small_threads() {
        let h = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| depth(&StackLimit::current_thread(), 0))
            .unwrap();
        assert!(h.join().unwrap() > 10);
    }
}
