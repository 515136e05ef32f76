//! [`Context`]: a realm, and the place values are made.

use crate::function;
use crate::runtime::Shared;
use crate::{JsError, JsValue, Runtime};
use conch_gc::{Gc, OutOfMemory, Value};
use conch_vm::builtins::promise;
use conch_vm::ops::{self, PropertyDescriptor};
use conch_vm::script::SyntaxPosition;
use conch_vm::{Cx, Intrinsic, JsResult, JsString, Name, Object, ObjectClass, Symbol, Throw};
use std::fmt;
use std::rc::Rc;

/// One realm of a runtime as the API holds it: the realm cell is in the heap's root table for
/// as long as this exists. There is at most one per realm (see `HostState::contexts`).
pub(crate) struct CtxInner {
    pub(crate) shared: Rc<Shared>,
    pub(crate) realm: Gc<conch_vm::Context>,
}

impl Drop for CtxInner {
    fn drop(&mut self) {
        if let Ok(mut m) = self.shared.host.contexts.try_borrow_mut() {
            m.remove(&self.realm.addr());
        }
        self.shared.vm.heap().release_root(self.realm.addr());
    }
}

/// Whether an operation may run script: decides how refused memory is reported
/// (ARCHITECTURE.md §3).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Property access, calls, conversions: out-of-memory becomes the realm's pre-allocated
    /// "Out of memory" error, thrown as an exception.
    Script,
    /// Pure allocation: out-of-memory is [`JsError::OutOfMemory`].
    Alloc,
}

impl CtxInner {
    /// The `CtxInner` of `realm`, made (and the realm rooted) if there is none.
    pub(crate) fn for_realm(
        shared: &Rc<Shared>,
        realm: Gc<conch_vm::Context>,
    ) -> Result<Rc<CtxInner>, OutOfMemory> {
        let existing = shared
            .host
            .contexts
            .borrow()
            .get(&realm.addr())
            .and_then(|w| w.upgrade());
        if let Some(c) = existing {
            return Ok(c);
        }
        shared.vm.heap().add_root(realm.addr())?;
        let c = Rc::new(CtxInner {
            shared: shared.clone(),
            realm,
        });
        shared
            .host
            .contexts
            .borrow_mut()
            .insert(realm.addr(), Rc::downgrade(&c));
        Ok(c)
    }

    /// Runs `f` with an engine context for this realm and turns its failure into a
    /// [`JsError`] (rooting a thrown value). Every API operation that enters the engine goes
    /// through here.
    pub(crate) fn run<T>(
        self: &Rc<Self>,
        mode: Mode,
        f: impl FnOnce(&mut Cx) -> JsResult<T>,
    ) -> Result<T, JsError> {
        let r = {
            let mut cx = Cx::new(&self.shared.vm, self.realm);
            f(&mut cx)
        };
        let r = r.map_err(|t| self.error_from(t, mode));
        self.shared.leave();
        r
    }

    /// Like [`CtxInner::run`] for operations that run script the host handed over (scripts,
    /// modules, jobs): the throw site is cleared first, and a failure carries
    /// [`ErrorDetails`](crate::ErrorDetails) — the syntax error's position in `file` if `f`
    /// reported one, else the site of the last throw.
    #[allow(clippy::disallowed_types)] // the site's file name: host memory, fallible
    pub(crate) fn run_script<T>(
        self: &Rc<Self>,
        file: &str,
        f: impl FnOnce(&mut Cx, &mut Option<SyntaxPosition>) -> JsResult<T>,
    ) -> Result<T, JsError> {
        let vm = &self.shared.vm;
        vm.clear_throw_location();
        let mut position = None;
        let (r, site) = {
            let mut cx = Cx::new(vm, self.realm);
            let r = f(&mut cx, &mut position);
            // Root a thrown value before anything below allocates.
            let failed = r.is_err();
            let r = r.map_err(|t| self.error_from(t, Mode::Script));
            let site = match (failed, position) {
                (false, _) => None,
                (true, Some(p)) => Some((rust_str(file), p.line, p.column)),
                (true, None) => vm
                    .last_throw_location()
                    .map(|(f, l, c)| (rust_string(&cx, f), l, c)),
            };
            (r, site)
        };
        self.shared.leave();
        r.map_err(|e| e.with_site(site))
    }

    pub(crate) fn error_from(self: &Rc<Self>, t: Throw, mode: Mode) -> JsError {
        let t = match (t, mode) {
            (Throw::OutOfMemory, Mode::Script) => {
                Throw::Value(self.realm.intrinsic(Intrinsic::OutOfMemoryError))
            }
            (t, _) => t,
        };
        match t {
            // If even the root-table entry for the exception is refused, the host hears
            // "out of memory" (the exception value stays reachable only from this frame).
            Throw::Value(v) => match JsValue::from_raw(self, v) {
                Ok(h) => JsError::Exception(h, None),
                Err(OutOfMemory) => JsError::OutOfMemory,
            },
            Throw::OutOfMemory => JsError::OutOfMemory,
            Throw::Terminated => JsError::Terminated,
        }
    }

    /// Panics unless `v` belongs to this runtime (mixing runtimes is a host bug, like indexing
    /// out of bounds).
    pub(crate) fn check_same(&self, v: &JsValue) {
        assert!(
            Rc::ptr_eq(&self.shared, &v.ctx.shared),
            "a conch::JsValue was used with a context of another runtime"
        );
    }
}

/// A JavaScript context (realm): a global object with its own intrinsics (`Object`, `Array`,
/// `Error`, …). Values are created through a context; operations on a value run in the context
/// it came from.
///
/// Cloning is cheap (a reference count); clones are the same context (`==`). The realm stays
/// alive while a `Context` or any value from it exists.
#[derive(Clone)]
pub struct Context {
    pub(crate) inner: Rc<CtxInner>,
}

impl PartialEq for Context {
    fn eq(&self, other: &Context) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Eq for Context {}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Context({:#x})", self.inner.realm.addr())
    }
}

/// The kinds of error object [`Context::error`] makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Error`.
    Error,
    /// `EvalError`.
    EvalError,
    /// `RangeError`.
    RangeError,
    /// `ReferenceError`.
    ReferenceError,
    /// `SyntaxError`.
    SyntaxError,
    /// `TypeError`.
    TypeError,
    /// `URIError`.
    UriError,
}

impl ErrorKind {
    fn to_vm(self) -> conch_vm::ErrorKind {
        use conch_vm::ErrorKind as K;
        match self {
            ErrorKind::Error => K::Error,
            ErrorKind::EvalError => K::EvalError,
            ErrorKind::RangeError => K::RangeError,
            ErrorKind::ReferenceError => K::ReferenceError,
            ErrorKind::SyntaxError => K::SyntaxError,
            ErrorKind::TypeError => K::TypeError,
            ErrorKind::UriError => K::UriError,
        }
    }
}

impl Context {
    /// A new context of `runtime` (same as [`Runtime::context`]). Fails with
    /// [`JsError::OutOfMemory`] when the realm cannot be allocated.
    pub fn new(runtime: &Runtime) -> Result<Context, JsError> {
        let shared = runtime.shared();
        let realm = conch_vm::builtins::create_realm(&shared.vm);
        let r = match realm {
            Ok(realm) => CtxInner::for_realm(shared, realm)
                .map(|inner| Context { inner })
                .map_err(|_| JsError::OutOfMemory),
            // Realm creation runs no script: anything but termination is memory.
            Err(Throw::Terminated) => Err(JsError::Terminated),
            Err(_) => Err(JsError::OutOfMemory),
        };
        shared.leave();
        r
    }

    fn alloc(&self, f: impl FnOnce(&mut Cx) -> JsResult<Value>) -> Result<JsValue, JsError> {
        let inner = &self.inner;
        inner.run(Mode::Alloc, |cx| {
            let v = f(cx)?;
            Ok(JsValue::from_raw(inner, v)?)
        })
    }

    /// The global object.
    pub fn global(&self) -> Result<JsValue, JsError> {
        self.alloc(|cx| Ok(cx.realm.global()))
    }

    /// `undefined`.
    pub fn undefined(&self) -> JsValue {
        JsValue::primitive(&self.inner, Value::UNDEFINED)
    }

    /// `null`.
    pub fn null(&self) -> JsValue {
        JsValue::primitive(&self.inner, Value::NULL)
    }

    /// A boolean.
    pub fn boolean(&self, b: bool) -> JsValue {
        JsValue::primitive(&self.inner, Value::bool(b))
    }

    /// A number (NaNs are canonicalised).
    pub fn number(&self, n: f64) -> JsValue {
        JsValue::primitive(&self.inner, Value::number(n))
    }

    /// A string with the contents of `s` (UTF-8 → UTF-16). Strings longer than the engine's
    /// maximum length fail with [`JsError::OutOfMemory`], as in JsRT.
    pub fn string(&self, s: &str) -> Result<JsValue, JsError> {
        if s.len() > conch_vm::MAX_STRING_LENGTH
            && s.encode_utf16().count() > conch_vm::MAX_STRING_LENGTH
        {
            return Err(JsError::OutOfMemory);
        }
        self.alloc(|cx| Ok(JsString::from_str(cx.heap(), s)?.to_value()))
    }

    /// A new symbol with an optional description (`Symbol(description)`).
    pub fn symbol(&self, description: Option<&str>) -> Result<JsValue, JsError> {
        self.alloc(|cx| {
            let d = match description {
                Some(d) => JsString::from_str(cx.heap(), d)?.to_value(),
                None => Value::UNDEFINED,
            };
            Ok(Symbol::new(cx.heap(), d)?.to_value())
        })
    }

    /// A new ordinary object (`{}`).
    pub fn object(&self) -> Result<JsValue, JsError> {
        self.alloc(|cx| Ok(cx.new_object()?.to_value()))
    }

    /// A new array with the given `length` (holes, no elements).
    pub fn array(&self, length: u32) -> Result<JsValue, JsError> {
        self.alloc(|cx| {
            let proto = cx.intrinsic(Intrinsic::ArrayPrototype);
            let a = cx.new_object_with(ObjectClass::Array, proto)?;
            if length > 0 {
                let key = cx.name(Name::length);
                let d = PropertyDescriptor {
                    value: Some(Value::number(length as f64)),
                    ..Default::default()
                };
                ops::define_own_property(cx, a, key, &d)?;
            }
            Ok(a.to_value())
        })
    }

    /// A new error object of `kind` with `message` (`new TypeError(message)`), for instance
    /// for a host function to throw with `Err(JsError::from(..))`.
    pub fn error(&self, kind: ErrorKind, message: &str) -> Result<JsValue, JsError> {
        self.alloc(|cx| Ok(cx.error_object(kind.to_vm(), message)?.to_value()))
    }

    /// A new function, named `name`, whose calls run the Rust closure `f(context, this, args)`.
    ///
    /// The closure's `Ok` value is the call's result; an `Err` is thrown into the caller:
    /// [`JsError::Exception`]'s value as is, [`JsError::OutOfMemory`] as the "Out of memory"
    /// error, [`JsError::Terminated`] as termination. A panic in the closure unwinds through no
    /// engine frame: it is caught at the closure, the engine unwinds normally as for
    /// termination, and the panic resumes in the host code that made the outermost API call.
    ///
    /// The function is not a constructor (`construct` on it throws a `TypeError`).
    ///
    /// # Where the closure lives
    ///
    /// The closure is host memory: it sits in the runtime's host-side table under a numeric
    /// id; the function object carries the id in its first internal slot and the table's
    /// address as its external data. A GC finalizer registered for the function object removes
    /// the closure from the table when the object is collected; the closure is then dropped at
    /// the next API call (never inside the collector, since its captures may run arbitrary
    /// `Drop` code). Dropping the [`Runtime`] drops all closures at once, which also breaks
    /// reference cycles through handles a closure captured (a closure that captures its own
    /// function's handle would otherwise keep it, and the heap, alive). Calling the function
    /// after that throws a `TypeError`.
    pub fn function<F>(&self, name: &str, f: F) -> Result<JsValue, JsError>
    where
        F: Fn(&Context, &JsValue, &[JsValue]) -> Result<JsValue, JsError> + 'static,
    {
        function::create(&self.inner, name, Rc::new(f))
    }

    /// Runs `source` as a classic script named `file_name` in this context, then runs the
    /// promise jobs it queued (see [`Context::run_jobs`]); returns the script's completion
    /// value (`eval("1 + 2", ..)` is `3`).
    ///
    /// A value the script throws, or a job throws, is [`JsError::Exception`] with
    /// [`ErrorDetails`](crate::ErrorDetails): its message, and the file, line and column of
    /// the throw (for a syntax error: of the error in `source`).
    pub fn eval(&self, source: &str, file_name: &str) -> Result<JsValue, JsError> {
        let inner = &self.inner;
        inner.run_script(file_name, |cx, position| {
            let v = conch_vm::script::eval_script(cx, source, file_name, position)?;
            // Rooted before jobs run (they may collect).
            let h = JsValue::from_raw(inner, v)?;
            promise::run_jobs(cx)?;
            Ok(h)
        })
    }

    /// Runs every queued promise job (reactions of settled promises, `queueMicrotask`
    /// callbacks), including jobs those jobs queue, until the queue is empty. The first job
    /// that throws stops the run with its exception (with details as for [`Context::eval`]);
    /// later jobs stay queued.
    pub fn run_jobs(&self) -> Result<(), JsError> {
        self.inner.run_script("", |cx, _| promise::run_jobs(cx))
    }

    /// Whether promise jobs are waiting to be run by [`Context::run_jobs`].
    pub fn has_pending_jobs(&self) -> bool {
        self.inner.shared.vm.has_pending_jobs()
    }

    /// Runs `source` as an ECMAScript module named `name` (its canonical name: imports inside
    /// it are resolved relative to it through the loader of
    /// [`Runtime::set_module_loader`]), then runs the promise jobs. Returns the module's
    /// namespace object once its evaluation has completed, or `undefined` if it is still
    /// pending (a top-level `await` on something not yet settled).
    ///
    /// A syntax error, a failed import, or a rejected evaluation (a throw in the module or a
    /// dependency) is [`JsError::Exception`] with details as for [`Context::eval`].
    pub fn eval_module(&self, source: &str, name: &str) -> Result<JsValue, JsError> {
        let inner = &self.inner;
        inner.run_script(name, |cx, position| {
            let m = conch_vm::script::compile_module(cx, source, name, position)?;
            conch_vm::module::register(cx, name, m)?;
            let p = conch_vm::module::run(cx, m)?;
            // The module and its promise stay reachable from this frame (conservative scan).
            promise::run_jobs(cx)?;
            let (state, result) = match Object::from_value(p) {
                Some(o) => promise::state(o),
                None => (1, Value::UNDEFINED),
            };
            match state {
                1 => {
                    let ns = conch_vm::module::namespace_of(cx, m)?;
                    Ok(JsValue::from_raw(inner, ns.to_value())?)
                }
                2 => Err(Throw::Value(result)),
                _ => Ok(JsValue::primitive(inner, Value::UNDEFINED)),
            }
        })
    }

    /// Whether `v` belongs to this context's runtime.
    pub fn owns(&self, v: &JsValue) -> bool {
        Rc::ptr_eq(&self.inner.shared, &v.ctx.shared)
    }

    pub(crate) fn from_inner(inner: Rc<CtxInner>) -> Context {
        Context { inner }
    }
}

/// Downcast helper shared by the value methods.
pub(crate) fn object_of(v: Value) -> Option<Gc<Object>> {
    Object::from_value(v)
}

/// `s` as UTF-8 (lone surrogates become U+FFFD); empty if memory is refused.
// Host memory (a file name for error details), reserved fallibly.
#[allow(clippy::disallowed_types)]
pub(crate) fn rust_string(cx: &Cx, s: Gc<JsString>) -> String {
    let mut out = String::new();
    if let Ok(flat) = JsString::flatten(cx.heap(), s) {
        let mut bytes = 0usize;
        flat.to_rust(&mut |c| bytes += c.len_utf8());
        if out.try_reserve_exact(bytes).is_ok() {
            flat.to_rust(&mut |c| out.push(c));
        }
    }
    out
}

/// `s` copied, or empty if memory is refused.
#[allow(clippy::disallowed_types)] // as `rust_string`
fn rust_str(s: &str) -> String {
    let mut out = String::new();
    if out.try_reserve_exact(s.len()).is_ok() {
        out.push_str(s);
    }
    out
}
