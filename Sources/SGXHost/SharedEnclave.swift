import SGXTypes

/// A reference-counted owner of an ``Enclave`` for code that calls it from several
/// threads or tasks: the enclave is destroyed when the last reference goes away, so no
/// ECALL can outlive it.
public final class SharedEnclave: Sendable {
    public let enclave: Enclave

    public init(_ enclave: consuming Enclave) {
        self.enclave = enclave
    }

    /// ECALL through the shared owner (see ``Enclave/ecall(_:frame:)``).
    @inline(__always)
    public func ecall(_ index: UInt32, frame: UnsafeMutableRawPointer? = nil) throws(SGXError) {
        try enclave.ecall(index, frame: frame)
    }
}
