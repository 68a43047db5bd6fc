import Synchronization

/// One thread parked on a ``WaitQueue``.
final class Waiter: @unchecked Sendable {
    let tcs: UInt64
    let woken = Atomic<UInt32>(0)
    var next: Waiter?

    init(tcs: UInt64) { self.tcs = tcs }
}

/// A FIFO of sleeping threads, the common core of ``Mutex``, ``Condition`` and ``Once``:
/// a thread parks itself only while a condition (checked under the queue's spin lock)
/// still holds, spins briefly, then sleeps on its TCS's host event; a waker takes
/// waiters off the queue, marks them woken in enclave memory and sets their host events.
///
/// A waiter leaves only when a waker marked it in enclave memory, so a bogus or early
/// return from the host's wait OCALL just sends it back to sleep.
final class WaitQueue: @unchecked Sendable {
    private let spinLock = Atomic<UInt32>(0)
    private var head: Waiter?
    private var tail: Waiter?

    /// Spins before sleeping on the host (each spin is one PAUSE).
    static let spinsBeforeSleep = 2_000

    private func lock() {
        while spinLock.exchange(1, ordering: .acquiring) != 0 {
            while spinLock.load(ordering: .relaxed) != 0 { sgx_sync_cpu_relax() }
        }
    }

    private func unlock() { spinLock.store(0, ordering: .releasing) }

    /// Parks the calling thread if `shouldSleep()` (evaluated under the queue lock, so no
    /// wake-up between it and the enqueue is lost) returns true; returns once woken.
    func park(while shouldSleep: () -> Bool) {
        lock()
        guard shouldSleep() else { unlock(); return }
        let me = Waiter(tcs: sgx_sync_tcs_index())
        if let tail { tail.next = me } else { head = me }
        tail = me
        unlock()
        var spins = 0
        while me.woken.load(ordering: .acquiring) == 0 {
            if spins < Self.spinsBeforeSleep {
                spins += 1
                sgx_sync_cpu_relax()
            } else {
                HostEvent.wait()
            }
        }
    }

    /// Wakes the longest-waiting thread; false when none was waiting.
    @discardableResult
    func unparkOne() -> Bool {
        lock()
        guard let first = head else { unlock(); return false }
        head = first.next
        if head == nil { tail = nil }
        first.next = nil
        unlock()
        first.woken.store(1, ordering: .releasing)
        HostEvent.wake(first.tcs)
        return true
    }

    /// Wakes every waiting thread; returns how many.
    @discardableResult
    func unparkAll() -> Int {
        lock()
        var current = head
        head = nil
        tail = nil
        unlock()
        var targets: [UInt64] = []
        while let waiter = current {
            current = waiter.next
            waiter.next = nil
            waiter.woken.store(1, ordering: .releasing)
            targets.append(waiter.tcs)
        }
        if !targets.isEmpty { HostEvent.wake(targets) }
        return targets.count
    }
}
