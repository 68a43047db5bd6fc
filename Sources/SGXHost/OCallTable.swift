import SGXTypes

/// One OCALL as the host sees it: the untrusted frame the enclave built, and the right to
/// make nested ECALLs into the same enclave while the OCALL runs (Intel's "ECALL from an
/// OCALL", which the enclave's runtime permits only while this OCALL is outstanding).
public struct OCall {
    /// The marshalling frame, in untrusted memory (the enclave's OCALL stack area).
    public let frame: UnsafeMutableRawPointer?
    let instance: EnclaveInstance

    /// Nested ECALL on the TCS this thread already occupies.
    public func ecall(_ index: UInt32, frame: UnsafeMutableRawPointer?) throws(SGXError) {
        try instance.call(UInt64(index), frame: frame)
    }

    /// True when `[pointer, pointer + count)` lies wholly outside the enclave: what the
    /// host must check before trusting a pointer the enclave handed it.
    public func isOutsideEnclave(_ pointer: UnsafeRawPointer?, count: Int) -> Bool {
        instance.isOutside(pointer, count: count)
    }
}

/// The host's OCALL implementations, by index (index order of the EDL's untrusted block).
/// A handler returns an `sgx_status_t` value (0 for success) that the enclave receives.
public struct OCallTable: Sendable {
    public typealias Handler = @Sendable (OCall) -> UInt32
    var handlers: [Handler?] = []

    public init() {}

    public init(_ handlers: [Handler]) { self.handlers = handlers }

    /// Sets the handler for `index`.
    public subscript(index: Int) -> Handler? {
        get { index < handlers.count ? handlers[index] : nil }
        set {
            while handlers.count <= index { handlers.append(nil) }
            handlers[index] = newValue
        }
    }
}
