import Synchronization

/// Holds a thread-local value; the slot keeps one retained reference.
class ThreadLocalBox {
    let owner: UInt64
    init(owner: UInt64) { self.owner = owner }
}

final class ThreadLocalValueBox<Value>: ThreadLocalBox {
    var value: Value
    init(owner: UInt64, value: Value) {
        self.value = value
        super.init(owner: owner)
    }
}

private let threadLocalIdentities = Atomic<UInt64>(0)

/// A value per TCS (enclave thread), kept in one of the 64 `tls_slots` of each thread data
/// page (`sgx_thread_data_t`) — the counterpart of Intel's `sgx_thread_key` / Rust-SGX's
/// `thread_local!`. Values live on the enclave heap.
///
/// A value belongs to the TCS, not to the host thread: it survives from one ECALL to the
/// next on the same TCS. Under the `bound` TCS policy a host thread keeps its TCS, so it
/// sees its own values again; under `unbound` the next ECALL may run on another TCS and
/// see that TCS's values (or none). Replacing or clearing a value releases the old one;
/// values of a `ThreadLocal` that has been destroyed are released lazily, when their TCS
/// next touches the slot.
///
/// Creating more than 64 thread-locals at once (less any slots the runtime uses) is a
/// programming error and ends the enclave.
public final class ThreadLocal<Value>: @unchecked Sendable {
    private let slot: Int
    private let identity: UInt64

    public init() {
        let slot = sgx_tls_slot_alloc()
        precondition(slot >= 0, "ThreadLocal: all 64 thread-local slots are in use")
        self.slot = Int(slot)
        identity = threadLocalIdentities.add(1, ordering: .relaxed).newValue
    }

    deinit {
        clear()
        sgx_tls_slot_free(Int32(slot))
    }

    /// This TCS's box, releasing a stale one left by an earlier owner of the slot.
    private func box() -> ThreadLocalValueBox<Value>? {
        let slots = sgx_tls_slots()
        guard let raw = slots[slot] else { return nil }
        let box = Unmanaged<ThreadLocalBox>.fromOpaque(raw).takeUnretainedValue()
        if box.owner == identity { return unsafeDowncast(box, to: ThreadLocalValueBox<Value>.self) }
        slots[slot] = nil
        Unmanaged<ThreadLocalBox>.fromOpaque(raw).release()
        return nil
    }

    /// This TCS's value, or nil if it has none; setting nil releases it.
    public var value: Value? {
        get { box()?.value }
        set {
            if let newValue {
                if let existing = box() {
                    existing.value = newValue
                } else {
                    let box: ThreadLocalBox = ThreadLocalValueBox(owner: identity, value: newValue)
                    sgx_tls_slots()[slot] = Unmanaged.passRetained(box).toOpaque()
                }
            } else {
                clear()
            }
        }
    }

    /// Runs `body` on this TCS's value, creating it with `initial` first if needed.
    public func withValue<Result>(initial: () -> Value, _ body: (inout Value) -> Result) -> Result {
        if let existing = box() { return body(&existing.value) }
        let created = ThreadLocalValueBox(owner: identity, value: initial())
        let base: ThreadLocalBox = created
        sgx_tls_slots()[slot] = Unmanaged.passRetained(base).toOpaque()
        return body(&created.value)
    }

    /// Releases this TCS's value.
    public func clear() {
        let slots = sgx_tls_slots()
        guard let raw = slots[slot] else { return }
        slots[slot] = nil
        Unmanaged<ThreadLocalBox>.fromOpaque(raw).release()
    }
}
