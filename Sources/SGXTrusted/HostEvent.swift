import SGXTypes

/// The host-side event of each TCS, through the runtime OCALLs `sgx_ocall_thread_wait`,
/// `sgx_ocall_thread_wake` and `sgx_ocall_thread_wake_multiple` (Runtime/swift_sgx_runtime.edl;
/// the counterpart of Intel's
/// `sgx_thread_wait_untrusted_event_ocall` / `sgx_thread_set_untrusted_event_ocall` /
/// `sgx_thread_set_multiple_untrusted_events_ocall`).
///
/// The host decides when a wait returns: it may return at once, late, or never. Callers
/// therefore treat every return as a hint and re-check their condition in enclave memory;
/// statuses from the host are ignored (a failed wait is a spurious wake-up).
enum HostEvent {
    /// Most TCS indices one wake-multiple OCALL carries.
    static let wakeBatch = 256

    /// Sleeps the calling TCS on its host event until some thread sets it (or the host
    /// returns early).
    static func wait() {
        _ = try? sgx_ocall_thread_wait(sgx_sync_tcs_index())
    }

    /// Sets the host event of TCS `tcs`.
    static func wake(_ tcs: UInt64) {
        _ = try? sgx_ocall_thread_wake(tcs)
    }

    /// Sets the host events of all `targets`, in batches of ``wakeBatch``.
    static func wake(_ targets: [UInt64]) {
        if targets.count == 1 { return wake(targets[0]) }
        var start = 0
        while start < targets.count {
            let count = min(wakeBatch, targets.count - start)
            _ = try? sgx_ocall_thread_wake_multiple(Array(targets[start..<(start + count)]), count)
            start += count
        }
    }
}
