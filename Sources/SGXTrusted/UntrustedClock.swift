import SGXTypes
import Synchronization

private let lastMonotonic = Atomic<UInt64>(0)

/// The host's clocks, read through the runtime OCALL `sgx_ocall_clock` (the host's
/// `clock_gettime(CLOCK_REALTIME)` and `clock_gettime(CLOCK_MONOTONIC)`).
///
/// - Important: **Host-controlled.** The host can report any time it likes, stop the
///   clock, or jump it. Never base a security decision (certificate validity, lease or
///   replay windows) on it. The only guarantee the enclave adds is that
///   ``Reading/monotonicNanoseconds`` never goes backwards within one enclave.
public enum UntrustedClock {
    /// One reading of both host clocks.
    public struct Reading: Sendable {
        /// Host wall-clock time, nanoseconds since 1970-01-01 UTC (host-controlled).
        public var wallNanoseconds: UInt64
        /// Host monotonic time in nanoseconds (host-controlled; clamped by the enclave so
        /// it never decreases).
        public var monotonicNanoseconds: UInt64
    }

    /// Reads both host clocks with one OCALL. Throws the host's status if it refused.
    public static func read() throws(SGXError) -> Reading {
        var wall: UInt64 = 0
        var monotonic: UInt64 = 0
        do {
            try sgx_ocall_clock(&wall, &monotonic)
        } catch {
            throw SGXError(error.status, "host clock OCALL failed")
        }
        // Clamp: a monotonic reading below one already handed out is replaced by it.
        var previous = lastMonotonic.load(ordering: .relaxed)
        while true {
            if monotonic <= previous { monotonic = previous; break }
            let (exchanged, current) = lastMonotonic.compareExchange(expected: previous, desired: monotonic, ordering: .relaxed)
            if exchanged { break }
            previous = current
        }
        return Reading(wallNanoseconds: wall, monotonicNanoseconds: monotonic)
    }

    /// Host wall-clock time in nanoseconds since 1970 (host-controlled).
    public static func wallNanoseconds() throws(SGXError) -> UInt64 { try read().wallNanoseconds }

    /// Host monotonic time in nanoseconds (host-controlled, never decreasing).
    public static func monotonicNanoseconds() throws(SGXError) -> UInt64 { try read().monotonicNanoseconds }
}
