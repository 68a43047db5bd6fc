import SGXTypes

/// Who an enclave is: what EINIT would put into the SECS from its SIGSTRUCT and
/// measurement (SDM 34.7 "SGX Enclave Control Structure").
public struct EnclaveIdentity: Sendable, Hashable {
    /// MRENCLAVE: SHA-256 of the ECREATE/EADD/EEXTEND record stream.
    public var mrenclave: [UInt8]
    /// MRSIGNER: SHA-256 of the signer's RSA modulus (little-endian).
    public var mrsigner: [UInt8]
    public var attributes: Attributes
    public var miscSelect: UInt32
    public var isvProdID: UInt16
    public var isvSvn: UInt16
    public var debug: Bool { attributes.flags.contains(.debug) }
}
