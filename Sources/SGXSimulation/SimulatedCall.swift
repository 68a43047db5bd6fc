internal import CSGXHost
import SGXTypes

extension SimulationBackEnd {
    /// Serves one OCALL during ``call(_:frame:ocall:context:)``: `(context, index, frame)`,
    /// returning the OCALL's `sgx_status_t`.
    public typealias OCallFunction = @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt64) -> UInt32

    /// The simulator's fast path for a whole ECALL (or INIT) on the calling thread: takes
    /// the TCS this thread already occupies (a nested ECALL from an OCALL), its bound TCS
    /// under the `.bound` policy, or a free one; enters with this thread's untrusted stack
    /// for the nesting level; serves every OCALL through `ocall` until the enclave returns.
    /// Throws the status the enclave returned, `enclaveCrashed` (now or earlier),
    /// `outOfTCS`, `invalidState` for a busy TCS, `outOfMemory` when no untrusted stack is left.
    @inline(__always)
    public func call(_ op: UInt64, frame: UInt64, ocall: OCallFunction, context: UnsafeMutableRawPointer?) throws(SGXError) {
        var status: UInt32 = 0
        let exit = sgx_host_call(state, op, frame, ocall, context, &status)
        if exit == SGX_HOST_EXIT_RETURN && status == 0 { return }
        try raise(exit: exit, status: status)
    }

    private func raise(exit: Int32, status: UInt32) throws(SGXError) {
        switch exit {
        case SGX_HOST_EXIT_RETURN:
            let known = SGXStatus(rawValue: status) ?? .unexpected
            throw SGXError(known, known == .unexpected && status != 1 ? "enclave returned status 0x\(String(status, radix: 16))" : "")
        case SGX_HOST_EXIT_CRASH:
            throw SGXError(.enclaveCrashed, crashReason.map(EnclaveABI.CrashReason.describe) ?? "enclave crashed")
        case SGX_HOST_EXIT_OUT_OF_TCS:
            throw SGXError(.outOfTCS, "all \(state.pointee.tcs_count) TCSs are in use")
        case SGX_HOST_EXIT_TCS_BUSY:
            throw SGXError(.invalidState, "EENTER on a busy TCS (the hardware raises #GP)")
        default:
            throw SGXError(.outOfMemory, "no untrusted stack for this thread (nesting too deep or out of memory)")
        }
    }

    /// Runs `body` with the INIT frame (`sgx_cpu_features_frame_t`): the host's CPUID values,
    /// which the enclave cannot read itself (CPUID is illegal inside an enclave).
    public static func withCPUFeaturesFrame<R>(_ body: (UnsafeMutableRawPointer) throws(SGXError) -> R) throws(SGXError) -> R {
        var features = sgx_host_cpu_features_t()
        sgx_host_cpu_features(&features)
        return try withUnsafeMutablePointer(to: &features) { (pointer) throws(SGXError) -> R in
            try body(UnsafeMutableRawPointer(pointer))
        }
    }
}
