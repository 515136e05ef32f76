//! [`Runtime`], its builder, and the shared state every handle keeps alive.
//!
//! Ownership: the user's [`Runtime`] and every [`Context`]/[`JsValue`] hold an `Rc<Shared>`.
//! `Shared` owns the VM runtime (memory manager + heap) and, in a separate `Rc`, the host-side
//! state ([`HostState`]: host-function closures, the context table, a caught panic). The heap is
//! torn down when the last `Rc<Shared>` goes, whichever handle that is.

use crate::context::CtxInner;
use crate::function::HostFn;
use crate::{Context, JsError, JsValue};
use conch_mm::{AllocationCallback, MemoryEvent, MemoryManager};
use conch_vm::RuntimeAttributes;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The state shared by a runtime and all its handles.
pub(crate) struct Shared {
    /// Declared first: dropped (heap unmapped) before `host`, which the heap's finalizers reach
    /// through a raw pointer.
    pub(crate) vm: conch_vm::Runtime,
    pub(crate) host: Rc<HostState>,
}

/// Host-side bookkeeping, in its own allocation so that GC finalizers can reach it through a
/// raw pointer (stored in host-function objects) while `Shared` is being dropped.
pub(crate) struct HostState {
    /// Upgraded by host-function calls to make handles for `this` and the arguments.
    pub(crate) shared: Weak<Shared>,
    /// Host-function closures by id (the id is in the function object's `internal[0]`).
    pub(crate) closures: RefCell<HashMap<u64, Rc<HostFn>>>,
    /// Closures whose function object was collected: dropped at the next safe point (never
    /// inside the collector). Capacity ≥ `closures.len()` + its length, so a finalizer's push
    /// never allocates.
    // Host memory, one entry per host function the host made (not script-growable); grown
    // fallibly by `function::create`.
    #[allow(clippy::disallowed_types)]
    pub(crate) dead: RefCell<Vec<Rc<HostFn>>>,
    pub(crate) next_id: Cell<u64>,
    /// One `CtxInner` per realm, by the realm cell's address.
    pub(crate) contexts: RefCell<HashMap<usize, Weak<CtxInner>>>,
    /// A panic caught in a host function, re-raised when control is back in the API caller.
    // The payload `catch_unwind` hands over: at most one, boxed by the panic machinery.
    #[allow(clippy::disallowed_types)]
    pub(crate) panic: RefCell<Option<Box<dyn Any + Send>>>,
    /// The host's rejection tracker (see [`Runtime::set_rejection_tracker`]).
    pub(crate) rejection: RefCell<Option<Rc<RejectionFn>>>,
}

/// The closure type of [`Runtime::set_rejection_tracker`].
pub(crate) type RejectionFn = dyn Fn(&Context, &JsValue, &JsValue, bool);

impl HostState {
    /// Drops closures of collected functions (a safe point: no collection is under way).
    pub(crate) fn drain_dead(&self) {
        let dead = match self.dead.try_borrow_mut() {
            Ok(mut d) if !d.is_empty() => std::mem::take(&mut *d),
            _ => return,
        };
        // Dropped with no borrow held: a closure's captures may call back into the API.
        drop(dead);
    }

    /// Re-raises a panic a host function caught (the engine unwound normally meanwhile).
    pub(crate) fn resume_panic(&self) {
        let p = self.panic.try_borrow_mut().ok().and_then(|mut p| p.take());
        if let Some(p) = p {
            std::panic::resume_unwind(p);
        }
    }

    /// Drops every closure (breaks cycles through handles the closures captured).
    pub(crate) fn release_closures(&self) {
        let all = std::mem::take(&mut *self.closures.borrow_mut());
        let dead = std::mem::take(&mut *self.dead.borrow_mut());
        let tracker = self.rejection.take();
        drop(all);
        drop(dead);
        drop(tracker);
    }
}

impl Shared {
    /// The end of every API operation: drop dead closures, re-raise a host function's panic.
    pub(crate) fn leave(&self) {
        self.host.drain_dead();
        self.host.resume_panic();
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        // JsDisposeRuntime's order: pending finalizers (ours drop host closures) first.
        self.vm.heap().run_all_callbacks_for_teardown();
        self.host.release_closures();
    }
}

/// A JavaScript runtime: one memory manager, one heap, any number of [`Context`]s.
///
/// Dropping the `Runtime` *disposes* it for the host: every host-function closure is dropped
/// (breaking reference cycles through handles they captured; calling such a function later
/// throws a `TypeError`). Handles that outlive the `Runtime` stay valid and usable — they keep
/// the heap alive — and the heap's memory is returned when the last of them is dropped.
pub struct Runtime {
    shared: Rc<Shared>,
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("memory_usage", &self.memory_usage())
            .field("memory_limit", &self.memory_limit())
            .finish()
    }
}

/// Options for a new [`Runtime`].
#[derive(Default)]
pub struct RuntimeBuilder {
    limit: Option<usize>,
    callback: Option<AllocationCallback>,
}

impl fmt::Debug for RuntimeBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeBuilder")
            .field("limit", &self.limit)
            .field("callback", &self.callback.is_some())
            .finish()
    }
}

impl RuntimeBuilder {
    /// The memory limit in bytes (default: none). Acquisitions that would exceed it fail; the
    /// runtime's own creation counts too.
    pub fn memory_limit(mut self, bytes: usize) -> Self {
        self.limit = Some(bytes);
        self
    }

    /// The host's allocation callback: told of every acquisition before it happens
    /// ([`MemoryEvent::Allocate`], return `false` to refuse it), of every release
    /// ([`MemoryEvent::Free`]) and of every failure ([`MemoryEvent::Failure`]). It runs on the
    /// runtime's thread, under no lock, and must not call back into the engine (it is `Send`,
    /// so it cannot hold a handle anyway).
    pub fn allocation_callback<F>(mut self, f: F) -> Self
    where
        F: Fn(MemoryEvent, usize) -> bool + Send + Sync + 'static,
    {
        self.callback = Some(Arc::new(f));
        self
    }

    /// Creates the runtime. Fails with [`JsError::OutOfMemory`] if the limit or the callback
    /// refuses the memory the runtime needs to exist.
    pub fn build(self) -> Result<Runtime, JsError> {
        let mm = MemoryManager::new();
        if let Some(limit) = self.limit {
            mm.set_limit(limit);
        }
        if self.callback.is_some() {
            mm.set_callback(self.callback);
        }
        let attrs = RuntimeAttributes(RuntimeAttributes::ALLOW_SCRIPT_INTERRUPT);
        let vm =
            conch_vm::Runtime::with_memory_manager(mm, attrs).map_err(|_| JsError::OutOfMemory)?;
        let shared = Rc::new_cyclic(|me| Shared {
            vm,
            host: Rc::new(HostState {
                shared: me.clone(),
                closures: RefCell::new(HashMap::new()),
                #[allow(clippy::disallowed_types)] // empty: allocates nothing
                dead: RefCell::new(Vec::new()),
                next_id: Cell::new(1),
                contexts: RefCell::new(HashMap::new()),
                panic: RefCell::new(None),
                rejection: RefCell::new(None),
            }),
        });
        Ok(Runtime { shared })
    }
}

impl Runtime {
    /// A runtime with no memory limit and no allocation callback.
    ///
    /// Fails only if the OS refuses the memory the runtime needs to exist.
    pub fn new() -> Result<Runtime, JsError> {
        Runtime::builder().build()
    }

    /// Options for a new runtime.
    pub fn builder() -> RuntimeBuilder {
        RuntimeBuilder::default()
    }

    /// A new context (realm) with its own global object and intrinsics.
    pub fn context(&self) -> Result<Context, JsError> {
        Context::new(self)
    }

    pub(crate) fn shared(&self) -> &Rc<Shared> {
        &self.shared
    }

    /// Bytes the runtime's memory manager holds (accepted acquisitions minus releases).
    pub fn memory_usage(&self) -> usize {
        self.shared.vm.memory_manager().usage()
    }

    /// The memory limit in bytes (`usize::MAX` = none).
    pub fn memory_limit(&self) -> usize {
        self.shared.vm.memory_manager().limit()
    }

    /// Sets the memory limit. It may be below the current usage: then every further
    /// acquisition fails until usage drops below it.
    pub fn set_memory_limit(&self, bytes: usize) {
        self.shared.vm.memory_manager().set_limit(bytes);
    }

    /// Replaces (or with `None` removes) the allocation callback; see
    /// [`RuntimeBuilder::allocation_callback`].
    // The host's one callback, boxed by the host: not script-controlled.
    #[allow(clippy::disallowed_types)]
    pub fn set_allocation_callback(
        &self,
        f: Option<Box<dyn Fn(MemoryEvent, usize) -> bool + Send + Sync + 'static>>,
    ) {
        let cb: Option<AllocationCallback> = f.map(Arc::from);
        self.shared.vm.memory_manager().set_callback(cb);
    }

    /// Installs the module loader that `import` declarations and `import()` in every context
    /// of this runtime go through, replacing any earlier one (see
    /// [`Runtime::remove_module_loader`]).
    ///
    /// `loader(referrer, specifier)` gets the canonical name of the importing module (or the
    /// file name of the importing script) and the specifier as written, and returns the
    /// imported module's canonical name and source text. A module already loaded under that
    /// name in the importing realm is reused (its source is then ignored). An `Err(message)`
    /// fails the import with a `TypeError` of that message.
    ///
    /// The loader runs while the engine is inside the import: it may inspect its arguments
    /// and read files, but must not call back into this runtime. A panic in it is caught, the
    /// import fails, and the panic resumes in the host code that made the outermost API call.
    /// The loader is dropped with the [`Runtime`].
    // The host's names and texts: host memory.
    #[allow(clippy::disallowed_types)]
    pub fn set_module_loader<F>(&self, loader: F)
    where
        F: Fn(&str, &str) -> Result<(String, String), String> + 'static,
    {
        let l: Rc<dyn conch_vm::module::ModuleLoader> = Rc::new(ClosureLoader {
            f: loader,
            host: Rc::downgrade(&self.shared.host),
            sources: RefCell::new(HashMap::new()),
        });
        self.shared.vm.set_module_loader(Some(l));
    }

    /// Removes the module loader: importing then fails with a `TypeError`.
    pub fn remove_module_loader(&self) {
        self.shared.vm.set_module_loader(None);
    }

    /// Installs the rejection tracker (HTML's `HostPromiseRejectionTracker`), replacing any
    /// earlier one: `tracker(context, promise, reason, handled)` runs when a promise is
    /// rejected while no handler is attached (`handled == false`), and again when a handler
    /// is later attached to such a promise (`handled == true`). A host typically records the
    /// unhandled ones and reports those still unhandled after [`Context::run_jobs`].
    ///
    /// The tracker runs inside the engine, in the middle of the rejection: keep it short. It
    /// may use its arguments and the API like a host function does. It cannot fail the
    /// rejection; a panic in it is caught and resumes in the host code that made the outermost
    /// API call. It is dropped with the [`Runtime`] (or by
    /// [`Runtime::remove_rejection_tracker`]).
    pub fn set_rejection_tracker<F>(&self, tracker: F)
    where
        F: Fn(&Context, &JsValue, &JsValue, bool) + 'static,
    {
        let f: Rc<RejectionFn> = Rc::new(tracker);
        let old = self.shared.host.rejection.replace(Some(f));
        let state = Rc::as_ptr(&self.shared.host) as usize;
        self.shared
            .vm
            .set_rejection_hook(Some((rejection_trampoline, state)));
        drop(old);
    }

    /// Removes the rejection tracker.
    pub fn remove_rejection_tracker(&self) {
        self.shared.vm.set_rejection_hook(None);
        let old = self.shared.host.rejection.take();
        drop(old);
    }

    /// Runs a full garbage collection now. Values held by handles (anywhere) and by Rust locals
    /// of the calling thread survive; host-function closures whose function object died are
    /// dropped.
    pub fn collect_garbage(&self) {
        self.shared.vm.collect_garbage();
        self.shared.leave();
    }

    /// A handle that can stop script running in this runtime from any thread.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle {
            flag: self.shared.vm.disabled_flag().clone(),
        }
    }

    /// Allows script to run again after [`InterruptHandle::disable_execution`].
    pub fn enable_execution(&self) {
        self.shared
            .vm
            .disabled_flag()
            .store(false, Ordering::Release);
    }

    /// Whether execution is disabled.
    pub fn is_execution_disabled(&self) -> bool {
        self.shared.vm.is_disabled()
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Dispose for the host: closures (and the handles they captured) go now. The heap
        // itself stays while handles remain.
        self.shared.host.release_closures();
        self.shared.vm.set_module_loader(None);
    }
}

/// The engine's rejection hook for [`Runtime::set_rejection_tracker`]: `state` is the address
/// of the runtime's [`HostState`].
fn rejection_trampoline(
    cx: &mut conch_vm::Cx,
    promise: conch_gc::Gc<conch_vm::Object>,
    reason: conch_gc::Value,
    handled: bool,
    state: usize,
) {
    // SAFETY: `state` was set by `set_rejection_tracker` to the `HostState` of the runtime
    // whose engine calls this hook; that `HostState` is dropped only after the engine (see
    // `Shared`), so it is alive.
    let host = unsafe { &*(state as *const HostState) };
    let Some(shared) = host.shared.upgrade() else {
        return; // being torn down
    };
    let f = host.rejection.try_borrow().ok().and_then(|f| f.clone());
    let Some(f) = f else {
        return;
    };
    // Without memory for the handles the host is not told (the hook cannot fail).
    let Ok(ctx) = CtxInner::for_realm(&shared, cx.realm) else {
        return;
    };
    let (Ok(p), Ok(r)) = (
        JsValue::from_raw(&ctx, promise.to_value()),
        JsValue::from_raw(&ctx, reason),
    ) else {
        return;
    };
    let context = Context::from_inner(ctx);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        f(&context, &p, &r, handled)
    }));
    if let Err(payload) = result {
        if let Ok(mut slot) = host.panic.try_borrow_mut() {
            slot.get_or_insert(payload);
        }
    }
}

/// The host's loader closure as the engine's [`conch_vm::module::ModuleLoader`]: `resolve`
/// calls the closure and keeps the source until the engine asks `load` for it.
struct ClosureLoader<F> {
    f: F,
    host: Weak<HostState>,
    /// Sources returned by `resolve`, by canonical name, until `load` takes them.
    // Host memory: the host's own module texts.
    #[allow(clippy::disallowed_types)]
    sources: RefCell<HashMap<String, String>>,
}

// Host memory throughout: names and texts the host's closure made.
#[allow(
    clippy::disallowed_types,
    clippy::disallowed_macros,
    clippy::disallowed_methods
)]
impl<F> conch_vm::module::ModuleLoader for ClosureLoader<F>
where
    F: Fn(&str, &str) -> Result<(String, String), String>,
{
    fn resolve(&self, referrer: &str, specifier: &str) -> Result<String, String> {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            (self.f)(referrer, specifier)
        }));
        match r {
            Ok(Ok((name, source))) => {
                if let Ok(mut m) = self.sources.try_borrow_mut() {
                    m.insert(name.clone(), source);
                }
                Ok(name)
            }
            Ok(Err(message)) => Err(message),
            Err(payload) => {
                if let Some(host) = self.host.upgrade() {
                    if let Ok(mut p) = host.panic.try_borrow_mut() {
                        p.get_or_insert(payload);
                    }
                }
                Err(String::from("the module loader panicked"))
            }
        }
    }

    fn load(&self, name: &str) -> Result<String, String> {
        self.sources
            .try_borrow_mut()
            .ok()
            .and_then(|mut m| m.remove(name))
            .ok_or_else(|| format!("Cannot load module '{name}': the loader did not resolve it"))
    }
}

/// Stops script in a runtime from any thread (`JsDisableRuntimeExecution`): every operation
/// that would run script then fails with [`JsError::Terminated`] until
/// [`Runtime::enable_execution`]. Termination cannot be caught by script.
#[derive(Clone, Debug)]
pub struct InterruptHandle {
    flag: Arc<AtomicBool>,
}

impl InterruptHandle {
    /// Disables execution.
    pub fn disable_execution(&self) {
        self.flag.store(true, Ordering::Release);
    }
}
