import Synchronization

/// A condition variable used with a ``Mutex``, the counterpart of Intel's
/// `sgx_thread_cond_t`: threads wait for a predicate over state the mutex protects.
///
/// Waiting sleeps on the TCS's host event (runtime OCALL `sgx_ocall_thread_wait`); signal and
/// broadcast wake sleepers through `sgx_ocall_thread_wake` / `sgx_ocall_thread_wake_multiple`. As with
/// every condition variable, `wait` may return without a signal (and a host can cause
/// that at will), so always wait in a loop over the predicate, or use
/// ``wait(_:until:)``.
public final class Condition: @unchecked Sendable {
    private let sequence = Atomic<UInt32>(0)
    private let waiters = WaitQueue()

    public init() {}

    /// Atomically releases `mutex` and sleeps until signalled; holds `mutex` again on
    /// return. The caller must hold `mutex`.
    public func wait(_ mutex: Mutex) {
        let seen = sequence.load(ordering: .acquiring)
        mutex.unlock()
        waiters.park { sequence.load(ordering: .acquiring) == seen }
        mutex.lockContended()
    }

    /// Waits until `predicate()` (evaluated holding `mutex`) is true.
    public func wait(_ mutex: Mutex, until predicate: () -> Bool) {
        while !predicate() { wait(mutex) }
    }

    /// Wakes one waiting thread, if any.
    public func signal() {
        sequence.add(1, ordering: .releasing)
        waiters.unparkOne()
    }

    /// Wakes every waiting thread.
    public func broadcast() {
        sequence.add(1, ordering: .releasing)
        waiters.unparkAll()
    }
}
