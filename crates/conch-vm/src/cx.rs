//! The execution context handed to every operation that may run script or throw: the runtime,
//! the current realm, and the error type.

use crate::object::attrs;
use crate::object::{Object, ObjectClass};
use crate::realm::{Context, Intrinsic};
use crate::runtime::{Name, Runtime};
use crate::string::JsString;
use crate::PropertyKey;
use conch_gc::{Gc, Heap, OutOfMemory, Value};
use conch_mm::stack::StackLimit;

/// Why an operation did not complete normally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throw {
    /// A thrown JavaScript value.
    Value(Value),
    /// Memory was refused. Becomes the realm's pre-allocated "Out of memory" error where script
    /// can see it ([`Cx::materialize`]), or `JsErrorOutOfMemory` where it cannot.
    OutOfMemory,
    /// Execution was disabled by the host (`JsDisableRuntimeExecution`); cannot be caught.
    Terminated,
}

impl From<OutOfMemory> for Throw {
    fn from(_: OutOfMemory) -> Throw {
        Throw::OutOfMemory
    }
}

/// The result of an operation that may throw.
pub type JsResult<T> = Result<T, Throw>;

/// The runtime and the current realm.
pub struct Cx<'a> {
    /// The runtime.
    pub rt: &'a Runtime,
    /// The current realm.
    pub realm: Gc<Context>,
    stack: StackLimit,
}

/// The error constructors `Cx::error` can build.
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
    /// `SuppressedError`.
    SuppressedError,
    /// `AggregateError`.
    AggregateError,
}

impl ErrorKind {
    /// The prototype intrinsic of this kind.
    pub fn prototype(self) -> Intrinsic {
        match self {
            ErrorKind::Error => Intrinsic::ErrorPrototype,
            ErrorKind::EvalError => Intrinsic::EvalErrorPrototype,
            ErrorKind::RangeError => Intrinsic::RangeErrorPrototype,
            ErrorKind::ReferenceError => Intrinsic::ReferenceErrorPrototype,
            ErrorKind::SyntaxError => Intrinsic::SyntaxErrorPrototype,
            ErrorKind::TypeError => Intrinsic::TypeErrorPrototype,
            ErrorKind::UriError => Intrinsic::UriErrorPrototype,
            ErrorKind::SuppressedError => Intrinsic::SuppressedErrorPrototype,
            ErrorKind::AggregateError => Intrinsic::AggregateErrorPrototype,
        }
    }
}

impl<'a> Cx<'a> {
    /// A context for `realm`.
    pub fn new(rt: &'a Runtime, realm: Gc<Context>) -> Cx<'a> {
        Cx {
            rt,
            realm,
            stack: StackLimit::current_thread(),
        }
    }

    /// The heap.
    pub fn heap(&self) -> &'a Heap {
        self.rt.heap()
    }

    /// An intrinsic of the current realm.
    pub fn intrinsic(&self, i: Intrinsic) -> Value {
        self.realm.intrinsic(i)
    }

    /// The key of an engine name.
    pub fn name(&self, n: Name) -> PropertyKey {
        self.rt.name(n)
    }

    /// A new ordinary object with `%Object.prototype%`.
    pub fn new_object(&self) -> JsResult<Gc<Object>> {
        Ok(Context::new_object(
            self.realm,
            self.heap(),
            ObjectClass::Ordinary,
            self.intrinsic(Intrinsic::ObjectPrototype),
        )?)
    }

    /// A new object of `class` with the given prototype.
    pub fn new_object_with(&self, class: ObjectClass, proto: Value) -> JsResult<Gc<Object>> {
        Ok(Context::new_object(self.realm, self.heap(), class, proto)?)
    }

    /// A one-of-a-kind object (a prototype, the global object): its own shape tree, so the
    /// many properties it gets do not teach ordinary objects of the same prototype to
    /// reserve inline slots they will not use.
    pub fn new_singleton(&self, class: ObjectClass, proto: Value) -> JsResult<Gc<Object>> {
        let root =
            crate::object::Shape::new_root(self.heap(), self.realm.to_value(), class, proto, 0, 0)?;
        Ok(Object::with_shape(self.heap(), root)?)
    }

    /// A string value from Rust text.
    pub fn string(&self, s: &str) -> JsResult<Gc<JsString>> {
        Ok(JsString::from_str(self.heap(), s)?)
    }

    /// A new error object of `kind` with `message` as an own non-enumerable property.
    pub fn error_object(&self, kind: ErrorKind, message: &str) -> JsResult<Gc<Object>> {
        let msg = self.string(message)?;
        self.error_object_with(kind, msg.to_value())
    }

    /// A new error object of `kind`; `message` is a string value or `undefined` (none).
    pub fn error_object_with(&self, kind: ErrorKind, message: Value) -> JsResult<Gc<Object>> {
        let e = self.new_object_with(ObjectClass::Error, self.intrinsic(kind.prototype()))?;
        if !message.is_undefined() {
            let key = self.name(Name::message).to_raw();
            Object::put_named(
                self.heap(),
                e,
                key,
                crate::object::Prop {
                    value: message,
                    attrs: attrs::HIDDEN,
                },
            )?;
        }
        Ok(e)
    }

    /// A thrown error of `kind` (out-of-memory if the error itself cannot be allocated).
    pub fn throw(&self, kind: ErrorKind, message: &str) -> Throw {
        match self.error_object(kind, message) {
            Ok(e) => Throw::Value(e.to_value()),
            Err(t) => t,
        }
    }

    /// A thrown TypeError.
    pub fn type_error(&self, message: &str) -> Throw {
        self.throw(ErrorKind::TypeError, message)
    }

    /// A thrown RangeError.
    pub fn range_error(&self, message: &str) -> Throw {
        self.throw(ErrorKind::RangeError, message)
    }

    /// Turns `Throw::OutOfMemory` into the realm's pre-allocated "Out of memory" error, for
    /// places where script (or a host asking for the exception) sees it.
    pub fn materialize(&self, t: Throw) -> Throw {
        match t {
            Throw::OutOfMemory => Throw::Value(self.intrinsic(Intrinsic::OutOfMemoryError)),
            t => t,
        }
    }

    /// Fails with the pre-allocated "Maximum call stack size exceeded" RangeError when the native stack is
    /// nearly exhausted, or with `Terminated` when the host disabled execution.
    #[inline]
    pub fn check(&self) -> JsResult<()> {
        if self.stack.exceeded() {
            return Err(Throw::Value(self.intrinsic(Intrinsic::StackOverflowError)));
        }
        if self.rt.is_disabled() {
            return Err(Throw::Terminated);
        }
        Ok(())
    }
}
