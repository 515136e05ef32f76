//! The instruction table. `acc` is the accumulator; `rN` registers of the frame; `env` the
//! current environment (scope chain); constants are entries of the function's constant pool.
//! Binary operators compute `acc = r OP acc` (the left operand in the register).

use crate::Operand;

macro_rules! instructions {
    (
        $( $(#[doc = $doc:literal])* $name:ident ( $($k:ident),* ); )*
        [reserved: $($res:ident)*]
    ) => {
        /// An operation (the opcode byte). The unassigned bytes are `Reserved*` variants, so
        /// that every byte is an `Op` and the interpreter's dispatch needs no range check.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op {
            $( $(#[doc = $doc])* $name, )*
            $( #[doc(hidden)] $res, )*
        }

        // Every byte is a variant (add an instruction by removing a reserved name).
        const _: () = assert!(ALL.len() + [$( stringify!($res) ),*].len() == 256);

        const ALL: &[Op] = &[ $( Op::$name, )* ];

        impl Op {
            /// Every operation, in opcode order.
            pub const ALL: &'static [Op] = ALL;

            /// The operation with opcode `b`.
            #[inline]
            pub fn from_u8(b: u8) -> Option<Op> {
                if (b as usize) < ALL.len() {
                    Some(Op::from_byte(b))
                } else {
                    None
                }
            }

            /// The variant of byte `b`: an instruction, or a reserved byte (which no
            /// instruction stream holds).
            #[inline(always)]
            pub fn from_byte(b: u8) -> Op {
                // SAFETY: `Op` is `repr(u8)` with the implicit discriminants 0, 1, …, 255
                // (declaration order, no explicit values; 256 variants, asserted above), so
                // every byte is a valid `Op`. (The interpreter dispatches on this: a lookup in
                // a table would put a second load before every jump.)
                unsafe { std::mem::transmute::<u8, Op>(b) }
            }

            /// Whether this is a reserved byte rather than an instruction.
            pub fn is_reserved(self) -> bool {
                self as usize >= ALL.len()
            }

            /// Its name as the disassembler prints it.
            pub fn name(self) -> &'static str {
                match self {
                    $( Op::$name => stringify!($name), )*
                    $( Op::$res => "Reserved", )*
                }
            }

            /// Its operands, in encoding order.
            pub fn operands(self) -> &'static [Operand] {
                match self {
                    $( Op::$name => &[ $( Operand::$k ),* ], )*
                    $( Op::$res => &[], )*
                }
            }
        }
    };
}

instructions! {
    /// Prefix: the next instruction's scalable operands are two bytes.
    Wide();
    /// Prefix: the next instruction's scalable operands are four bytes.
    ExtraWide();
    /// Does nothing.
    Nop();
    /// `debugger` (no debugger attached: does nothing).
    Debugger();

    /// acc = undefined
    LdaUndefined();
    /// acc = null
    LdaNull();
    /// acc = true
    LdaTrue();
    /// acc = false
    LdaFalse();
    /// acc = the hole (an uninitialised binding)
    LdaHole();
    /// acc = the integer immediate
    LdaInt(Imm);
    /// acc = constant
    LdaConst(Const);
    /// acc = r
    Ldar(Reg);
    /// r = acc
    Star(Reg);
    /// dst = src (operands: src, dst)
    Mov(Reg, Reg);
    /// acc = this (the frame's receiver)
    LdaThis();
    /// acc = new.target
    LdaNewTarget();
    /// acc = the running function
    LdaCallee();

    /// Throws a ReferenceError ("Cannot access 'name' before initialization") if acc is the hole.
    ThrowIfHole(Const);
    /// Throws a TypeError ("Assignment to constant variable.").
    ThrowConstAssign(Const);
    /// Throws a ReferenceError ("name is not defined"): an unresolvable assignment target.
    ThrowRefError(Const);
    /// Throws a TypeError with the constant message.
    ThrowTypeError(Const);
    /// Throws a SyntaxError with the constant message (features the compiler defers to run time).
    ThrowSyntaxError(Const);

    /// env = a new environment of `count` slots (holes) whose parent is env
    PushEnv(Count);
    /// env = env's parent
    PopEnv();
    /// env = a copy of env (same parent, same slot values): a `for (let …)` iteration
    CopyEnv();
    /// r = env
    GetEnv(Reg);
    /// env = r
    SetEnv(Reg);
    /// acc = slot of the environment `depth` levels up (operands: depth, slot)
    LdaEnv(Count, Count);
    /// acc = env slot as `LdaEnv`, then a ReferenceError naming the constant if it is the
    /// hole (`LdaEnv` + `ThrowIfHole`; operands: depth, slot, name)
    LdaEnvChecked(Count, Count, Const);
    /// slot of the environment `depth` levels up = acc (operands: depth, slot)
    StaEnv(Count, Count);

    /// acc = the global binding `name` (lexical record, then global object); ReferenceError if
    /// missing. (operands: name, feedback)
    LdaGlobal(Const, Slot);
    /// As `LdaGlobal`, but undefined when missing (`typeof name`).
    LdaGlobalOrUndefined(Const, Slot);
    /// Assigns acc to the global binding `name` (strict code: ReferenceError if missing).
    StaGlobal(Const, Slot);
    /// Global declaration instantiation for a script: the constant lists its names and kinds.
    DeclareGlobals(Const);
    /// Initialises the global function or lexical binding `name` with acc (operands: name,
    /// kind: 0 function, 1 let/class, 2 const).
    InitGlobal(Const, Count);
    /// `delete name` of an unqualified global name: acc = result.
    DeleteGlobal(Const);

    /// acc = obj.name (operands: obj, name, feedback)
    GetNamed(Reg, Const, Slot);
    /// obj.name = acc (operands: obj, name, feedback)
    SetNamed(Reg, Const, Slot);
    /// acc = acc.name (operands: name, feedback)
    GetNamedAcc(Const, Slot);
    /// acc = this.name, `this` being the frame's receiver (operands: name, feedback)
    GetNamedThis(Const, Slot);
    /// this.name = acc (operands: name, feedback)
    SetNamedThis(Const, Slot);
    /// acc = obj[acc] (operands: obj, feedback)
    GetKeyed(Reg, Slot);
    /// obj[key] = acc (operands: obj, key, feedback)
    SetKeyed(Reg, Reg, Slot);
    /// CreateDataProperty(obj, name, acc) (operands: obj, name)
    DefineNamed(Reg, Const);
    /// CreateDataProperty(obj, key, acc) (operands: obj, key)
    DefineKeyed(Reg, Reg);
    /// Defines acc as the getter of obj[key] (operands: obj, key), enumerable.
    DefineGetter(Reg, Reg);
    /// Defines acc as the setter of obj[key] (operands: obj, key), enumerable.
    DefineSetter(Reg, Reg);
    /// Defines the field obj[key] = acc: a private element when key is a private name, else
    /// CreateDataPropertyOrThrow (static class fields).
    DefineField(Reg, Reg);
    /// Defines acc as a method (non-enumerable data) of obj[key]: class bodies.
    DefineMethod(Reg, Reg);
    /// Defines acc as a non-enumerable getter of obj[key]: class bodies.
    DefineClassGetter(Reg, Reg);
    /// Defines acc as a non-enumerable setter of obj[key]: class bodies.
    DefineClassSetter(Reg, Reg);
    /// Sets the `name` of the function in acc from the key in r (and a prefix constant index,
    /// 0 none, 1 "get", 2 "set").
    SetFunctionName(Reg, Count);
    /// Sets the prototype of the object in r to acc if acc is an object or null
    /// (`__proto__: v` in an object literal).
    SetProtoLiteral(Reg);
    /// acc = `delete obj.name` (operands: obj, name)
    DeleteNamed(Reg, Const);
    /// acc = `delete obj[acc]` (operand: obj)
    DeleteKeyed(Reg);
    /// Copies acc's own enumerable properties into the object in r (object spread).
    CopyDataProperties(Reg);
    /// Copies acc's own enumerable properties into a new object, leaving out the keys listed in
    /// registers (operands: first, count): an object rest pattern. acc = the new object.
    CopyRest(Reg, Count);
    /// acc = a new private name (a private symbol) described by the constant (`#x`).
    CreatePrivateName(Const);
    /// acc = the private element acc of the object in r (TypeError if it has none).
    GetPrivate(Reg);
    /// Sets the private element named by the symbol in r2 of the object in r1 to acc.
    SetPrivate(Reg, Reg);
    /// Adds the private field named by r2 to the object in r1 with value acc (TypeError if
    /// it is already there).
    DefinePrivate(Reg, Reg);
    /// Adds a private method (kind 0), getter (1) or setter (2) acc named by r2 to the object
    /// in r1.
    DefinePrivateMethod(Reg, Reg, Count);
    /// acc = whether the object in r has the private element acc (`#x in o`).
    HasPrivate(Reg);
    /// acc = whether the `with` object in r has a binding for the name (HasProperty, not
    /// blocked by `@@unscopables`).
    WithHas(Reg, Const);
    /// acc = the `with` object in r's binding for the name (GetBindingValue of an object
    /// environment: HasProperty again, then Get; gone meanwhile is `undefined`, or a
    /// ReferenceError in strict code).
    WithGet(Reg, Const);
    /// The `with` object in r's binding for the name = acc (SetMutableBinding of an object
    /// environment: HasProperty again, a ReferenceError in strict code if gone, then Set).
    WithSet(Reg, Const);
    /// acc = `r in acc`
    In(Reg);
    /// acc = `r instanceof acc`
    Instanceof(Reg);
    /// acc = `super[acc]`: Get(home.[[Prototype]], acc, receiver) (operands: home, receiver)
    GetSuper(Reg, Reg);
    /// `super[key] = acc`: Set(home.[[Prototype]], key, acc, receiver) (operands: home,
    /// receiver, key)
    SetSuper(Reg, Reg, Reg);
    /// Binds acc as the frame's `this` (a derived constructor after `super()`); a
    /// ReferenceError if it is already bound.
    BindThis();

    /// acc = r + acc
    Add(Reg);
    /// acc = r - acc
    Sub(Reg);
    /// acc = r * acc
    Mul(Reg);
    /// acc = r / acc
    Div(Reg);
    /// acc = r % acc
    Mod(Reg);
    /// acc = r ** acc
    Exp(Reg);
    /// acc = r | acc
    BitOr(Reg);
    /// acc = r ^ acc
    BitXor(Reg);
    /// acc = r & acc
    BitAnd(Reg);
    /// acc = r << acc
    Shl(Reg);
    /// acc = r >> acc
    Shr(Reg);
    /// acc = r >>> acc
    UShr(Reg);
    /// `++r` (or `r++` whose value is unused): r = acc = ToNumeric(r) + 1
    PreInc(Reg);
    /// `--r` (or `r--` whose value is unused): r = acc = ToNumeric(r) - 1
    PreDec(Reg);
    /// `r++` whose value is used: acc = ToNumeric(r), then r = acc + 1
    PostInc(Reg);
    /// `r--` whose value is used: acc = ToNumeric(r), then r = acc - 1
    PostDec(Reg);
    /// acc = acc + imm (a right operand that is an int32 literal; likewise below)
    AddInt(Imm);
    /// acc = acc - imm
    SubInt(Imm);
    /// acc = acc * imm
    MulInt(Imm);
    /// acc = acc | imm
    BitOrInt(Imm);
    /// acc = acc ^ imm
    BitXorInt(Imm);
    /// acc = acc & imm
    BitAndInt(Imm);
    /// acc = acc << imm
    ShlInt(Imm);
    /// acc = acc >> imm
    ShrInt(Imm);
    /// acc = acc >>> imm
    UShrInt(Imm);
    /// acc = r == acc
    Eq(Reg);
    /// acc = r != acc
    NotEq(Reg);
    /// acc = r === acc
    StrictEq(Reg);
    /// acc = r !== acc
    StrictNotEq(Reg);
    /// acc = r < acc
    Lt(Reg);
    /// acc = r > acc
    Gt(Reg);
    /// acc = r <= acc
    LtEq(Reg);
    /// acc = r >= acc
    GtEq(Reg);
    /// acc = acc + 1 (acc numeric)
    Inc();
    /// acc = acc - 1 (acc numeric)
    Dec();
    /// acc = -acc
    Negate();
    /// acc = ~acc
    BitNot();
    /// acc = !acc
    Not();
    /// acc = typeof acc
    TypeOf();
    /// acc = ToNumeric(acc)
    ToNumeric();
    /// acc = ToString(acc) (template substitutions)
    ToString();
    /// acc = ToPropertyKey(acc)
    ToPropertyKey();
    /// acc = ToObject(acc) (TypeError for null and undefined)
    ToObject();

    /// Jumps to the target.
    Jump(Jump);
    /// Jumps back to a loop head (polls the interrupt flag).
    JumpLoop(Jump);
    /// Jumps if ToBoolean(acc).
    JumpIfTrue(Jump);
    /// Jumps unless ToBoolean(acc).
    JumpIfFalse(Jump);
    /// acc = r < acc; jumps if that is false (a comparison fused with its branch).
    JumpIfNotLt(Reg, Jump);
    /// acc = r <= acc; jumps if that is false.
    JumpIfNotLtEq(Reg, Jump);
    /// acc = r > acc; jumps if that is false.
    JumpIfNotGt(Reg, Jump);
    /// acc = r >= acc; jumps if that is false.
    JumpIfNotGtEq(Reg, Jump);
    /// acc = r == acc; jumps if that is false.
    JumpIfNotEq(Reg, Jump);
    /// acc = r != acc; jumps if that is false.
    JumpIfNotNotEq(Reg, Jump);
    /// acc = r === acc; jumps if that is false.
    JumpIfNotStrictEq(Reg, Jump);
    /// acc = r !== acc; jumps if that is false.
    JumpIfNotStrictNotEq(Reg, Jump);
    /// Jumps if acc is null or undefined.
    JumpIfNullish(Jump);
    /// Jumps unless acc is null or undefined.
    JumpIfNotNullish(Jump);
    /// Jumps if acc is undefined.
    JumpIfUndefined(Jump);
    /// Jumps unless acc is undefined.
    JumpIfNotUndefined(Jump);

    /// acc = callee(this, args…) (operands: callee, this, first argument, count, feedback)
    Call(Reg, Reg, Reg, Count, Slot);
    /// acc = callee(args…) with the frame's receiver as `this` (operands: callee, first
    /// argument, count, feedback)
    CallThis(Reg, Reg, Count, Slot);
    /// acc = callee(args…) with `this` undefined: a plain call `f(…)` (operands: callee,
    /// first argument, count, feedback)
    CallUndefined(Reg, Reg, Count, Slot);
    /// acc = callee(this, ...array) (operands: callee, this, array of arguments)
    CallSpread(Reg, Reg, Reg);
    /// acc = new callee(args…) (operands: callee, first argument, count, feedback)
    New(Reg, Reg, Count, Slot);
    /// acc = new callee(...array) (operands: callee, array)
    NewSpread(Reg, Reg);
    /// acc = Construct(F.[[Prototype]], args…, newTarget) for `super(args…)` (operands: the
    /// class constructor F, new.target, first argument, count)
    SuperCall(Reg, Reg, Reg, Count);
    /// As `SuperCall` with the arguments in an array (operands: F, new.target, array)
    SuperCallSpread(Reg, Reg, Reg);
    /// A call that may be a direct `eval` (operands: callee, this value, first argument,
    /// count, the caller's scope descriptor): acc = the completion value, or the call's result
    /// when the callee is not %eval%.
    CallEval(Reg, Reg, Reg, Count, Const);
    /// Returns acc from the function.
    Return();
    /// A generator function's body starts: creates the generator object (into r), suspends
    /// the frame into it and returns it to the caller.
    GeneratorStart(Reg);
    /// Suspends the generator in r1 yielding acc (wrapped in an iterator result unless the
    /// count operand is 1: acc already is one, from `yield*`). On resume, r2 holds the resume
    /// mode (0 next, 1 throw, 2 return) and acc the value sent.
    Yield(Reg, Reg, Count);
    /// An async function starts: creates its promise (into r+2) and its suspendable state
    /// (into r); the body then runs until its first `await`.
    AsyncStart(Reg);
    /// `await acc` in the async function whose state is in r1: suspends until the awaited
    /// promise settles; on resume, r2 holds the mode (0 fulfilled, 1 rejected) and acc the
    /// value. The first suspension hands the function's promise to its caller.
    Await(Reg, Reg);
    /// `yield acc` in an async generator (state in r1, mode register r2): settles the oldest
    /// request with `{value: acc, done: false}`; continues at once with the next queued
    /// request (mode in r2, acc its value) or suspends until one comes.
    AsyncGenYield(Reg, Reg);
    /// Resolves the async function's promise (state in r) with acc; acc = the promise.
    AsyncResolve(Reg);
    /// Rejects the async function's promise (state in r) with acc; acc = the promise.
    AsyncReject(Reg);
    /// One step of `yield*` over the iterator record in r1 with the resume mode in r2 and the
    /// received value in acc: calls next/throw/return; when the inner iterator is done, acc =
    /// its value and it jumps (r2 is then 2 for a return completion, else 0); otherwise acc =
    /// the inner result object to yield as is.
    DelegateStep(Reg, Reg, Jump);
    /// Throws acc.
    Throw();

    /// acc = {}
    CreateObject();
    /// acc = a new array with room for `count` elements
    CreateArray(Count);
    /// Appends acc to the array in r (array literals).
    ArrayPush(Reg);
    /// Appends a hole to the array in r (elisions).
    ArrayPushHole(Reg);
    /// Appends every value iterated from acc to the array in r (spread).
    ArraySpread(Reg);
    /// acc = a closure of the nested function constant over env
    CreateClosure(Const);
    /// acc = a new class constructor from the constant, with the heritage in r (hole: none);
    /// r+1 receives the prototype object.
    CreateClass(Const, Reg);
    /// acc = the arguments object of the frame (unmapped)
    CreateArguments();
    /// acc = an array of the arguments from index `count` on (rest parameter)
    CreateRest(Count);
    /// acc = a new RegExp (operands: pattern, flags)
    CreateRegExp(Const, Const);
    /// acc = the frozen template object for the site (constant: [raw strings, cooked strings])
    GetTemplateObject(Const);
    /// Defines the instance fields listed in the array in acc (key, initialiser pairs) on the
    /// object in r: each initialiser is called with the object as `this`.
    InitFields(Reg);

    /// dst = the iterator of acc, dst+1 = its `next` method (`GetIterator(acc, sync)`)
    GetIterator(Reg);
    /// Calls next of the iterator record in r, r+1; jumps to the target when done, else acc =
    /// the value.
    IteratorStep(Reg, Jump);
    /// Closes the iterator record in r (IteratorClose, normal completion).
    IteratorClose(Reg);
    /// Closes the iterator record in r after a throw (errors from `return` are ignored), then
    /// rethrows acc.
    IteratorCloseThrow(Reg);
    /// dst = the async iterator of acc, dst+1 = its `next` (`GetIterator(acc, async)`, with
    /// the async-from-sync wrapper for sync iterables)
    GetAsyncIterator(Reg);
    /// acc is an iterator result: a TypeError unless it is an object; jumps when it is done,
    /// else acc = its value.
    IterResult(Jump);
    /// Calls the `return` method of the iterator in r (acc = its result), or jumps when it
    /// has none.
    IteratorReturn(Reg, Jump);
    /// `yield*` in an async generator: calls the inner iterator's next/throw/return (by the
    /// mode in r2) with acc; acc = the (not yet awaited) result. Jumps when the mode is throw
    /// or return and the iterator has no such method (acc unchanged).
    DelegateCall(Reg, Reg, Jump);
    /// acc is an iterator result: a TypeError unless it is an object; acc = its value, and
    /// jumps if it is done.
    IterResultDone(Jump);
    /// A TypeError unless acc is an object (an iterator's `return` result).
    ThrowIfNotObject();
    /// dst = a for-in enumerator over acc
    ForInPrepare(Reg);
    /// acc = the next key of the enumerator in r, or jumps to the target when there is none.
    ForInNext(Reg, Jump);

    /// acc = the binding behind entry i of the import table of the module environment d
    /// levels up (the hole while it is uninitialised)
    LdaImport(Count, Count);
    /// acc = `import.meta` of the running module
    ImportMeta();
    /// acc = `import(r1, r2)`: a promise for the namespace of the module r1 names (the
    /// phase n: 0 evaluation, 1 `import.defer`, 2 `import.source`)
    DynamicImport(Reg, Reg, Count);
    /// r = a new disposable resource stack, r+1 = its state (0), r+2 = false (`using`)
    NewDisposeStack(Reg);
    /// Adds acc to the disposable resource stack in r (hint n: 0 sync, 1 async):
    /// `CreateDisposableResource`; acc unchanged
    AddDisposable(Reg, Count);
    /// One step of `DisposeResources` over the stack in r (state in r+1): acc = the result of
    /// the next dispose call, r+2 = whether to await it; jumps when done
    DisposeNext(Reg, Jump);
    /// A dispose call threw acc: the completion (kind r1, value r2) becomes a throw of acc, or
    /// of a SuppressedError of acc over the pending exception
    DisposeError(Reg, Reg);
    /// acc = ToNumber(acc) (unary `+`: a TypeError for a BigInt)
    ToNumber();
    /// acc = a mapped arguments object (sloppy function, simple parameters): index i aliases
    /// slot k[i] of the current environment (k a constant array; -1: not mapped)
    CreateMappedArguments(Const);

    // Unassigned opcode bytes (see `Op::from_byte`).
    [reserved:
        R182 R183 R184 R185 R186 R187 R188 R189 R190 R191 R192 R193 R194 R195 R196 R197 R198
        R199 R200 R201 R202 R203 R204 R205 R206 R207 R208 R209 R210 R211 R212 R213 R214 R215
        R216 R217 R218 R219 R220 R221 R222 R223 R224 R225 R226 R227 R228 R229 R230 R231 R232
        R233 R234 R235 R236 R237 R238 R239 R240 R241 R242 R243 R244 R245 R246 R247 R248 R249
        R250 R251 R252 R253 R254 R255
    ]
}
