//! Per-object data that only host objects need (JsRT's traced/custom external objects, private
//! properties, embedder data, external indexed storage), kept out of `Object` so ordinary
//! objects pay one pointer for all of it. Allocated on first use (`Object::host_data_mut`).
//!
//! Also `RawData`: an untyped byte buffer on the GC heap (the inline slots of external objects,
//! `JsAllocRawData`).

use crate::kinds;
use conch_gc::{CellType, Gc, Heap, OutOfMemory, Trace, Tracer, Value};
use std::cell::Cell;

/// Called while the object is being marked: `(tracer, host trace callback address, object's
/// external data)`. The JsRT layer supplies it; the VM only stores it (no host calls here).
pub type HostTraceFn = fn(&mut Tracer, usize, usize);

/// The element type of external indexed storage (`JsTypedArrayType` order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum ElementType {
    Int8 = 0,
    Uint8 = 1,
    Uint8Clamped = 2,
    Int16 = 3,
    Uint16 = 4,
    Int32 = 5,
    Uint32 = 6,
    Float32 = 7,
    Float64 = 8,
    /// BigInt64Array elements (typed arrays only; `read`/`write` see them as numbers, the
    /// typed-array code converts BigInts itself).
    BigInt64 = 9,
    /// BigUint64Array elements (as `BigInt64`).
    BigUint64 = 10,
    /// Float16Array elements (IEEE 754 binary16).
    Float16 = 11,
}

impl ElementType {
    /// From a `JsTypedArrayType` value.
    pub fn from_u32(v: u32) -> Option<ElementType> {
        use ElementType::*;
        Some(match v {
            0 => Int8,
            1 => Uint8,
            2 => Uint8Clamped,
            3 => Int16,
            4 => Uint16,
            5 => Int32,
            6 => Uint32,
            7 => Float32,
            8 => Float64,
            _ => return None,
        })
    }
    /// Bytes per element.
    pub fn size(self) -> usize {
        use ElementType::*;
        match self {
            Int8 | Uint8 | Uint8Clamped => 1,
            Int16 | Uint16 | Float16 => 2,
            Int32 | Uint32 | Float32 => 4,
            Float64 | BigInt64 | BigUint64 => 8,
        }
    }
}

/// Host memory used as an object's indexed properties (`JsSetIndexedPropertiesToExternalData`).
#[derive(Clone, Copy, Debug)]
pub struct ExternalElements {
    /// Start of the host's buffer.
    pub data: usize,
    /// Element type.
    pub kind: ElementType,
    /// Number of elements.
    pub length: u32,
}

/// Host-object data of one object.
pub struct HostData {
    /// The host's trace callback (`JsTraceCallback` address; 0 = none) and the VM-side
    /// function that calls it while marking.
    pub trace_cb: Cell<usize>,
    /// See [`HostTraceFn`].
    pub trace_fn: Cell<Option<HostTraceFn>>,
    /// Inline slot storage (a [`RawData`] cell) when the object was created with
    /// `inlineSlotSize > 0`; the object's external data then points into it.
    pub inline_slots: Cell<Value>,
    /// The interceptor cell of a custom external object (`undefined` otherwise).
    pub interceptor: Cell<Value>,
    /// Whether the custom external object's initialize trap already ran.
    pub initialized: Cell<bool>,
    /// The store behind `JsPrivate*Property` (an ordinary object; `undefined` until first set).
    pub private_store: Cell<Value>,
    /// `JsSetEmbedderData`'s value (`undefined` if none).
    pub embedder_data: Cell<Value>,
    /// External indexed storage, if set.
    pub external_elements: Cell<Option<ExternalElements>>,
}

// SAFETY: reports every value field.
unsafe impl Trace for HostData {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.inline_slots.get());
        t.mark_value(self.interceptor.get());
        t.mark_value(self.private_store.get());
        t.mark_value(self.embedder_data.get());
    }
}

impl CellType for HostData {
    const KIND: u16 = kinds::HOST_DATA;
    const NAME: &'static str = "HostData";
}

impl HostData {
    /// Empty host data.
    pub fn new(heap: &Heap) -> Result<Gc<HostData>, OutOfMemory> {
        heap.alloc(HostData {
            trace_cb: Cell::new(0),
            trace_fn: Cell::new(None),
            inline_slots: Cell::new(Value::UNDEFINED),
            interceptor: Cell::new(Value::UNDEFINED),
            initialized: Cell::new(false),
            private_store: Cell::new(Value::UNDEFINED),
            embedder_data: Cell::new(Value::UNDEFINED),
            external_elements: Cell::new(None),
        })
    }
}

/// An untyped byte buffer on the GC heap; its bytes follow the header in the same allocation,
/// so their address is stable for the cell's life (the heap never moves cells).
pub struct RawData {
    len: usize,
}

// SAFETY: raw bytes hold no references.
unsafe impl Trace for RawData {
    fn trace(&self, _t: &mut Tracer) {}
}

impl CellType for RawData {
    const KIND: u16 = kinds::RAW_DATA;
    const NAME: &'static str = "RawData";
}

impl RawData {
    /// A zeroed buffer of `len` bytes.
    pub fn new(heap: &Heap, len: usize) -> Result<Gc<RawData>, OutOfMemory> {
        heap.alloc_with_extra(RawData { len }, len)
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The address of its first byte (the bytes follow the payload: `alloc_with_extra`).
    pub fn bytes_addr(this: Gc<RawData>) -> usize {
        this.tail_start::<u8>().addr()
    }
    /// Downcasts a value.
    pub fn from_value(v: Value) -> Option<Gc<RawData>> {
        // SAFETY: cell values reaching the VM are cells of a live heap.
        v.cell_addr()
            .and_then(|a| unsafe { Gc::<RawData>::from_addr(a) })
    }
}

/// A binary16 value as a number.
pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    }
}

/// A number rounded to binary16 (round to nearest, ties to even, directly from the double).
pub fn f64_to_f16(d: f64) -> u16 {
    let b = d.to_bits();
    let sign = ((b >> 48) & 0x8000) as u16;
    if d.is_nan() {
        return 0x7e00;
    }
    let a = d.abs();
    if a >= 65520.0 {
        return sign | 0x7c00;
    }
    if a < 2f64.powi(-14) {
        // Subnormal (or rounds up to the smallest normal, whose bits follow on).
        return sign | (a * 2f64.powi(24)).round_ties_even() as u16;
    }
    let e = ((b >> 52) & 0x7ff) as i64 - 1023;
    let m = b & ((1u64 << 52) - 1);
    let mut q = m >> 42;
    let rem = m & ((1u64 << 42) - 1);
    let half = 1u64 << 41;
    if rem > half || (rem == half && q & 1 == 1) {
        q += 1;
    }
    sign | ((((e + 15) as u64) << 10) + q) as u16
}

/// `ToInt32`-style modular conversion of a number to the low `bits` bits (as u64).
fn modular(d: f64, bits: u32) -> u64 {
    if !d.is_finite() {
        return 0;
    }
    let t = d.trunc();
    let m = 2f64.powi(bits as i32);
    let r = t % m;
    let r = if r < 0.0 { r + m } else { r };
    r as u64
}

impl ExternalElements {
    /// Element `i` (caller checks `i < length`).
    pub fn read(&self, i: u32) -> f64 {
        debug_assert!(i < self.length);
        let p = self.data + i as usize * self.kind.size();
        // SAFETY: the host promised (JsSetIndexedPropertiesToExternalData's contract) that
        // `data` holds `length` elements of `kind` while the object uses it; `i < length`.
        // Unaligned reads: the host's pointer need not be aligned for the element type.
        unsafe {
            use ElementType::*;
            match self.kind {
                Int8 => *(p as *const i8) as f64,
                Uint8 | Uint8Clamped => *(p as *const u8) as f64,
                Int16 => (p as *const i16).read_unaligned() as f64,
                Uint16 => (p as *const u16).read_unaligned() as f64,
                Int32 => (p as *const i32).read_unaligned() as f64,
                Uint32 => (p as *const u32).read_unaligned() as f64,
                Float32 => (p as *const f32).read_unaligned() as f64,
                Float64 => (p as *const f64).read_unaligned(),
                BigInt64 => (p as *const i64).read_unaligned() as f64,
                BigUint64 => (p as *const u64).read_unaligned() as f64,
                Float16 => f16_to_f64((p as *const u16).read_unaligned()),
            }
        }
    }

    /// Element `i` as a value: integer kinds as int32 (no float round trip), the others as
    /// numbers (caller checks `i < length`; BigInt kinds read as numbers).
    #[inline]
    pub fn read_value(&self, i: u32) -> Value {
        debug_assert!(i < self.length);
        let p = self.data + i as usize * self.kind.size();
        // SAFETY: as in `read`.
        unsafe {
            use ElementType::*;
            match self.kind {
                Int8 => Value::int(*(p as *const i8) as i32),
                Uint8 | Uint8Clamped => Value::int(*(p as *const u8) as i32),
                Int16 => Value::int((p as *const i16).read_unaligned() as i32),
                Uint16 => Value::int((p as *const u16).read_unaligned() as i32),
                Int32 => Value::int((p as *const i32).read_unaligned()),
                Float64 => Value::number((p as *const f64).read_unaligned()),
                _ => Value::number(self.read(i)),
            }
        }
    }

    /// The raw 64-bit word of element `i` (8-byte kinds; caller checks `i < length`).
    pub fn read_u64(&self, i: u32) -> u64 {
        debug_assert!(i < self.length && self.kind.size() == 8);
        // SAFETY: as in `read`.
        unsafe { ((self.data + i as usize * 8) as *const u64).read_unaligned() }
    }

    /// Stores a raw 64-bit word into element `i` (8-byte kinds; caller checks `i < length`).
    pub fn write_u64(&self, i: u32, w: u64) {
        debug_assert!(i < self.length && self.kind.size() == 8);
        // SAFETY: as in `read`.
        unsafe { ((self.data + i as usize * 8) as *mut u64).write_unaligned(w) }
    }

    /// Stores the int32 `n` into element `i` with the type's conversion (caller checks
    /// `i < length`): the integer kinds wrap or clamp without going through a double.
    pub fn write_int(&self, i: u32, n: i32) {
        debug_assert!(i < self.length);
        let p = self.data + i as usize * self.kind.size();
        // SAFETY: as in `read`.
        unsafe {
            use ElementType::*;
            match self.kind {
                Int8 | Uint8 => *(p as *mut u8) = n as u8,
                Uint8Clamped => *(p as *mut u8) = n.clamp(0, 255) as u8,
                Int16 | Uint16 => (p as *mut u16).write_unaligned(n as u16),
                Int32 | Uint32 => (p as *mut u32).write_unaligned(n as u32),
                _ => self.write(i, n as f64),
            }
        }
    }

    /// Stores `d` (already a number) into element `i` with the type's conversion (caller
    /// checks `i < length`).
    pub fn write(&self, i: u32, d: f64) {
        debug_assert!(i < self.length);
        let p = self.data + i as usize * self.kind.size();
        // SAFETY: as in `read`.
        unsafe {
            use ElementType::*;
            match self.kind {
                Int8 | Uint8 => *(p as *mut u8) = modular(d, 8) as u8,
                Uint8Clamped => {
                    // ToUint8Clamp: NaN → 0, clamp, round half to even.
                    let v = if d.is_nan() {
                        0.0
                    } else {
                        d.clamp(0.0, 255.0).round_ties_even()
                    };
                    *(p as *mut u8) = v as u8
                }
                Int16 | Uint16 => (p as *mut u16).write_unaligned(modular(d, 16) as u16),
                Int32 | Uint32 => (p as *mut u32).write_unaligned(modular(d, 32) as u32),
                Float32 => (p as *mut f32).write_unaligned(d as f32),
                Float64 => (p as *mut f64).write_unaligned(d),
                BigInt64 | BigUint64 => (p as *mut u64).write_unaligned(modular(d, 64)),
                Float16 => (p as *mut u16).write_unaligned(f64_to_f16(d)),
            }
        }
    }
}
