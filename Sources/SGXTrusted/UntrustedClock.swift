import SGXTypes
import Synchronization

private let lastMonotonic = Atomic<UInt64>(0)

/// The host's clocks, read through the runtime OCALL `ocallClock` (the host's
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
        let reply: (UInt32, UInt64, UInt64) = ocall(EnclaveABI.ocallClock, frameSize: 16, prepare: { frame in
            frame.store(UInt64(0), at: 0)
            frame.store(UInt64(0), at: 8)
        }) { status, frame in
            (status, frame?.load(UInt64.self, at: 0) ?? 0, frame?.load(UInt64.self, at: 8) ?? 0)
        }
        guard reply.0 == 0 else { throw SGXError(SGXStatus(rawValue: reply.0) ?? .unexpected, "host clock OCALL failed") }
        // Clamp: a monotonic reading below one already handed out is replaced by it.
        var previous = lastMonotonic.load(ordering: .relaxed)
        var monotonic = reply.2
        while true {
            if monotonic <= previous { monotonic = previous; break }
            let (exchanged, current) = lastMonotonic.compareExchange(expected: previous, desired: monotonic, ordering: .relaxed)
            if exchanged { break }
            previous = current
        }
        return Reading(wallNanoseconds: reply.1, monotonicNanoseconds: monotonic)
    }

    /// Host wall-clock time in nanoseconds since 1970 (host-controlled).
    public static func wallNanoseconds() throws(SGXError) -> UInt64 { try read().wallNanoseconds }

    /// Host monotonic time in nanoseconds (host-controlled, never decreasing).
    public static func monotonicNanoseconds() throws(SGXError) -> UInt64 { try read().monotonicNanoseconds }
}
