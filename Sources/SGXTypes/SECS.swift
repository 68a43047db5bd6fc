/// SECS, the SGX Enclave Control Structure (Intel SDM Vol. 3D, 34.7 "SGX Enclave Control
/// Structure (SECS)"): the enclave-wide parameters that ECREATE takes and that the CPU keeps
/// in its own EPC page. 4096 bytes.
///
/// Layout: 0 size u64 · 8 baseaddr u64 · 16 ssaframesize u32 · 20 miscselect u32 ·
/// 24 rsvd 24 · 48 ATTRIBUTES 16 · 64 MRENCLAVE 32 · 96 rsvd 32 · 128 MRSIGNER 32 ·
/// 160 rsvd 32 · 192 CONFIGID 64 · 256 isvprodid u16 · 258 isvsvn u16 · 260 configsvn u16 ·
/// 262 rsvd 3834. `init(bytes:)` rejects non-zero reserved bytes, as ECREATE does.
public struct SECS: SGXStructure, Hashable {
    public static let byteCount = 4096

    /// SECS.SIZE: the enclave's size in bytes (a power of two, at least two pages).
    public var size: UInt64
    /// SECS.BASEADDR: the enclave's linear base address (naturally aligned to `size`).
    public var baseAddress: UInt64
    /// SECS.SSAFRAMESIZE: the size of one State Save Area frame, in pages.
    public var ssaFrameSize: UInt32
    /// SECS.MISCSELECT: which extended information the CPU saves to the SSA on an AEX.
    public var miscSelect: UInt32
    /// SECS.ATTRIBUTES.
    public var attributes: Attributes
    /// SECS.MRENCLAVE: the enclave's measurement (32 bytes).
    public var mrEnclave: [UInt8]
    /// SECS.MRSIGNER: SHA-256 of the signer's RSA modulus (32 bytes).
    public var mrSigner: [UInt8]
    /// SECS.CONFIGID: post-EINIT configuration identity chosen by the loader (64 bytes; KSS).
    public var configID: [UInt8]
    /// SECS.ISVPRODID: product ID of the enclave.
    public var isvProdID: UInt16
    /// SECS.ISVSVN: security version number of the enclave.
    public var isvSVN: UInt16
    /// SECS.CONFIGSVN: security version of the configuration (KSS).
    public var configSVN: UInt16

    public init(
        size: UInt64, baseAddress: UInt64 = 0, ssaFrameSize: UInt32, miscSelect: UInt32 = 0,
        attributes: Attributes, mrEnclave: [UInt8] = [UInt8](repeating: 0, count: 32),
        mrSigner: [UInt8] = [UInt8](repeating: 0, count: 32),
        configID: [UInt8] = [UInt8](repeating: 0, count: 64),
        isvProdID: UInt16 = 0, isvSVN: UInt16 = 0, configSVN: UInt16 = 0
    ) {
        self.size = size
        self.baseAddress = baseAddress
        self.ssaFrameSize = ssaFrameSize
        self.miscSelect = miscSelect
        self.attributes = attributes
        self.mrEnclave = mrEnclave
        self.mrSigner = mrSigner
        self.configID = configID
        self.isvProdID = isvProdID
        self.isvSVN = isvSVN
        self.configSVN = configSVN
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "SECS")
        try Self.checkReserved(bytes, at: 24, count: 24, "SECS")
        try Self.checkReserved(bytes, at: 96, count: 32, "SECS")
        try Self.checkReserved(bytes, at: 160, count: 32, "SECS")
        try Self.checkReserved(bytes, at: 262, count: 4096 - 262, "SECS")
        size = bytes.loadLE(at: 0)
        baseAddress = bytes.loadLE(at: 8)
        ssaFrameSize = bytes.loadLE(at: 16)
        miscSelect = bytes.loadLE(at: 20)
        attributes = try Attributes(bytes: bytes.bytes(at: 48, count: 16))
        mrEnclave = bytes.bytes(at: 64, count: 32)
        mrSigner = bytes.bytes(at: 128, count: 32)
        configID = bytes.bytes(at: 192, count: 64)
        isvProdID = bytes.loadLE(at: 256)
        isvSVN = bytes.loadLE(at: 258)
        configSVN = bytes.loadLE(at: 260)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(size, at: 0)
        out.storeLE(baseAddress, at: 8)
        out.storeLE(ssaFrameSize, at: 16)
        out.storeLE(miscSelect, at: 20)
        out.store(attributes.bytes, at: 48)
        out.storeField(mrEnclave, at: 64, count: 32)
        out.storeField(mrSigner, at: 128, count: 32)
        out.storeField(configID, at: 192, count: 64)
        out.storeLE(isvProdID, at: 256)
        out.storeLE(isvSVN, at: 258)
        out.storeLE(configSVN, at: 260)
        return out
    }
}
