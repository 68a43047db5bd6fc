import SGXTypes

/// The host-side event of each TCS, through the runtime OCALLs `ocallThreadWait`,
/// `ocallThreadWake` and `ocallThreadWakeMultiple` (the counterpart of Intel's
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
        let tcs = sgx_sync_tcs_index()
        _ = ocall(EnclaveABI.ocallThreadWait, frameSize: 8, prepare: { $0.store(tcs, at: 0) }) { status, _ in status }
    }

    /// Sets the host event of TCS `tcs`.
    static func wake(_ tcs: UInt64) {
        _ = ocall(EnclaveABI.ocallThreadWake, frameSize: 8, prepare: { $0.store(tcs, at: 0) }) { status, _ in status }
    }

    /// Sets the host events of all `targets`, in batches of ``wakeBatch``.
    static func wake(_ targets: [UInt64]) {
        if targets.count == 1 { return wake(targets[0]) }
        var start = 0
        while start < targets.count {
            let count = min(wakeBatch, targets.count - start)
            let first = start
            _ = ocall(EnclaveABI.ocallThreadWakeMultiple, frameSize: 16 + 8 * count, prepare: { frame in
                frame.store(UInt64(frame.address + 16), at: 0)
                frame.store(UInt64(count), at: 8)
                for i in 0..<count { frame.store(targets[first + i], at: 16 + 8 * i) }
            }) { status, _ in status }
            start += count
        }
    }
}
