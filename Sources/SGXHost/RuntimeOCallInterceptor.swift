import SGXTypes

/// One runtime OCALL (index ≥ `EnclaveABI.runtimeOCallBase`) as seen by a test's
/// interceptor: it may answer it itself (writing anything into the frame and returning
/// any status), or ``forward()`` it to the real host implementation first and then
/// tamper with the answer. For tests that play a hostile host.
@_spi(Testing)
public struct RuntimeOCallRequest: @unchecked Sendable {
    public let index: UInt32
    /// The untrusted frame the enclave passed (host memory; may be nil).
    public let frame: UnsafeMutableRawPointer?
    /// Start and size of the enclave's address range (ELRANGE), for answers that point
    /// into the enclave.
    public let enclaveBase: UInt64
    public let enclaveSize: UInt64
    let instance: EnclaveInstance

    /// Runs the real host implementation and returns its status.
    public func forward() -> UInt32 { instance.runtimeOCallUnintercepted(index, frame: frame) }

    /// The u64 at byte `offset` of the frame. Runtime frames follow the EDL frame layout of
    /// `swift_sgx_runtime.edl` (return value at 0, then one slot per parameter).
    public func u64(at offset: Int) -> UInt64 {
        frame!.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// Overwrites the u64 at byte `offset` of the frame.
    public func setU64(_ value: UInt64, at offset: Int) {
        frame!.storeBytes(of: value, toByteOffset: offset, as: UInt64.self)
    }

    /// The untrusted buffer whose address the frame holds at `offset` (where an `[out]`
    /// parameter's answer goes), as the enclave set it.
    public func buffer(at offset: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: UInt(u64(at: offset)))!
    }
}

@_spi(Testing)
public typealias RuntimeOCallInterceptor = @Sendable (RuntimeOCallRequest) -> UInt32

extension Enclave {
    /// Replaces the host's answers to runtime OCALLs (nil restores the real ones).
    @_spi(Testing)
    public func setRuntimeOCallInterceptor(_ interceptor: RuntimeOCallInterceptor?) {
        instance.runtimeServices.interceptor.withLock { $0 = interceptor }
    }
}

extension EnclaveInstance {
    /// The interceptor's answer, if a test installed one.
    func interceptedRuntimeOCall(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32? {
        guard let interceptor = runtimeServices.interceptor.withLock({ $0 }) else { return nil }
        return interceptor(RuntimeOCallRequest(index: index, frame: frame, enclaveBase: base,
                                               enclaveSize: size, instance: self))
    }
}
