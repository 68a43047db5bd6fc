import Synchronization

/// Runs a piece of code exactly once across all enclave threads, the counterpart of
/// `pthread_once` / Intel's `sgx_thread_once`. Threads that arrive while the first is
/// still running wait (spinning, then sleeping on their host events) until it finishes.
/// A body that calls back into the same `Once` deadlocks, as with `pthread_once`.
public final class Once: @unchecked Sendable {
    // 0 not run, 1 running, 2 done.
    private let state = Atomic<UInt32>(0)
    private let waiters = WaitQueue()

    public init() {}

    /// True once the body has finished.
    public var isDone: Bool { state.load(ordering: .acquiring) == 2 }

    /// Runs `body` if no thread has yet; returns after it has finished (on whichever thread).
    public func run(_ body: () -> Void) {
        if state.load(ordering: .acquiring) == 2 { return }
        if state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged {
            body()
            state.store(2, ordering: .releasing)
            waiters.unparkAll()
            return
        }
        while state.load(ordering: .acquiring) != 2 {
            waiters.park { state.load(ordering: .acquiring) == 1 }
        }
    }
}
