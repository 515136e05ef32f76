//! A runtime: one memory manager, one heap, its contexts.

use conch_gc::Heap;
use conch_mm::{MemoryManager, OutOfMemory};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// `JsRuntimeAttributes` bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuntimeAttributes(pub u32);

impl RuntimeAttributes {
    /// Every defined bit (ChakraCore's `JsRuntimeAttributeDisableExecutablePageAllocation` is the
    /// highest, 0x100).
    pub const ALL: u32 = 0x1ff;
    /// `JsRuntimeAttributeAllowScriptInterrupt`.
    pub const ALLOW_SCRIPT_INTERRUPT: u32 = 0x2;
    /// `JsRuntimeAttributeEnableIdleProcessing`.
    pub const ENABLE_IDLE_PROCESSING: u32 = 0x4;
    /// `JsRuntimeAttributeDisableEval`.
    pub const DISABLE_EVAL: u32 = 0x10;

    /// Whether `bit` is set.
    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// A runtime. Used by one thread at a time; the memory manager's queries work from any thread.
pub struct Runtime {
    mm: Arc<MemoryManager>,
    heap: Heap,
    attributes: RuntimeAttributes,
    disabled: Arc<AtomicBool>,
}

impl Runtime {
    /// A new runtime over a fresh memory manager.
    pub fn new(attributes: RuntimeAttributes) -> Result<Runtime, OutOfMemory> {
        Self::with_memory_manager(MemoryManager::new(), attributes)
    }

    /// A new runtime over the given memory manager (tests inject OS failures this way).
    pub fn with_memory_manager(
        mm: Arc<MemoryManager>,
        attributes: RuntimeAttributes,
    ) -> Result<Runtime, OutOfMemory> {
        let heap = Heap::new(mm.clone())?;
        Ok(Runtime {
            mm,
            heap,
            attributes,
            disabled: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The memory manager.
    pub fn memory_manager(&self) -> &Arc<MemoryManager> {
        &self.mm
    }

    /// The heap.
    pub fn heap(&self) -> &Heap {
        &self.heap
    }

    /// The attributes it was created with.
    pub fn attributes(&self) -> RuntimeAttributes {
        self.attributes
    }

    /// The execution-disabled flag (shared so another thread can set it).
    pub fn disabled_flag(&self) -> &Arc<AtomicBool> {
        &self.disabled
    }

    /// Whether execution is disabled.
    pub fn is_disabled(&self) -> bool {
        self.disabled.load(Ordering::Acquire)
    }
}
