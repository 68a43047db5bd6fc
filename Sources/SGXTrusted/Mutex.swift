import Synchronization

/// A mutual-exclusion lock for enclave threads (one per TCS), the counterpart of Intel's
/// `sgx_thread_mutex_t`. Not recursive.
///
/// The lock word lives in enclave memory; a thread that cannot take it spins briefly,
/// then sleeps on its TCS's host event (runtime OCALL `sgx_ocall_thread_wait`) and is woken by
/// the unlocking thread (`sgx_ocall_thread_wake`). The host only decides *when* a sleeper runs
/// again, never who owns the lock: a spurious wake-up from the host sends the thread
/// back to check the lock word. A host that never wakes a sleeper can stall it (denial
/// of service is always in the host's power), but cannot break mutual exclusion.
///
/// A class so that every thread shares the same instance (keep it in a global or in a
/// shared object).
public final class Mutex: @unchecked Sendable {
    // 0 unlocked, 1 locked, 2 locked and a thread may be sleeping.
    private let state = Atomic<UInt32>(0)
    private let waiters = WaitQueue()

    /// Spins trying to take a contended lock before sleeping on the host.
    static let spins = 200

    public init() {}

    /// Takes the lock, waiting for it as long as needed.
    public func lock() {
        if state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged { return }
        for _ in 0..<Self.spins {
            sgx_sync_cpu_relax()
            if state.load(ordering: .relaxed) == 0,
               state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged { return }
        }
        lockContended()
    }

    /// Takes the lock marking it contended (so that the next unlock wakes a sleeper).
    func lockContended() {
        while state.exchange(2, ordering: .acquiring) != 0 {
            waiters.park { state.load(ordering: .acquiring) == 2 }
        }
    }

    /// Takes the lock if it is free; false if another thread holds it.
    public func tryLock() -> Bool {
        state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged
    }

    /// Releases the lock (the calling thread must hold it).
    public func unlock() {
        if state.exchange(0, ordering: .releasing) == 2 { waiters.unparkOne() }
    }

    /// Runs `body` holding the lock.
    public func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        lock()
        defer { unlock() }
        return try body()
    }
}
