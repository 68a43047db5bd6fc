/// The 48-byte header of a DCAP ECDSA quote (`sgx_quote_header_t` in v3,
/// `sgx_quote4_header_t` in v4; the layout is the same, v4 names bytes 4..8 `tee_type`).
///
/// Layout: 0 version u16 · 2 att_key_type u16 · 4 tee_type u32 (reserved, 0, in v3) ·
/// 8 qe_svn u16 · 10 pce_svn u16 · 12 qe_vendor_id 16 · 28 user_data 20.
public struct QuoteHeader: SGXStructure, Hashable {
    public static let byteCount = 48

    /// Intel's QE vendor ID (`939a7233f79c4ca9940a0db3957f0607`).
    public static let intelQEVendorID: [UInt8] = [
        0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
    ]
    /// `att_key_type` for ECDSA over P-256 (`SGX_QL_ALG_ECDSA_P256`).
    public static let ecdsaP256: UInt16 = 2
    /// `tee_type` of an SGX quote.
    public static let teeTypeSGX: UInt32 = 0x0000_0000
    /// `tee_type` of a TDX quote (not an SGX enclave quote).
    public static let teeTypeTDX: UInt32 = 0x0000_0081

    public var version: UInt16
    public var attestationKeyType: UInt16
    public var teeType: UInt32
    /// Security version of the Quoting Enclave that made the quote.
    public var qeSVN: UInt16
    /// Security version of the Provisioning Certification Enclave.
    public var pceSVN: UInt16
    public var qeVendorID: [UInt8]
    /// 20 bytes chosen by the quoting library (Intel puts the QE ID in the first 16).
    public var userData: [UInt8]

    public init(version: UInt16, attestationKeyType: UInt16 = QuoteHeader.ecdsaP256,
                teeType: UInt32 = QuoteHeader.teeTypeSGX, qeSVN: UInt16, pceSVN: UInt16,
                qeVendorID: [UInt8] = QuoteHeader.intelQEVendorID,
                userData: [UInt8] = [UInt8](repeating: 0, count: 20)) {
        self.version = version
        self.attestationKeyType = attestationKeyType
        self.teeType = teeType
        self.qeSVN = qeSVN
        self.pceSVN = pceSVN
        self.qeVendorID = qeVendorID
        self.userData = userData
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "quote header")
        version = bytes.loadLE(UInt16.self, at: 0)
        attestationKeyType = bytes.loadLE(UInt16.self, at: 2)
        teeType = bytes.loadLE(UInt32.self, at: 4)
        qeSVN = bytes.loadLE(UInt16.self, at: 8)
        pceSVN = bytes.loadLE(UInt16.self, at: 10)
        qeVendorID = bytes.bytes(at: 12, count: 16)
        userData = bytes.bytes(at: 28, count: 20)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(version, at: 0)
        out.storeLE(attestationKeyType, at: 2)
        out.storeLE(teeType, at: 4)
        out.storeLE(qeSVN, at: 8)
        out.storeLE(pceSVN, at: 10)
        out.store(fixed(qeVendorID, 16), at: 12)
        out.store(fixed(userData, 20), at: 28)
        return out
    }
}
