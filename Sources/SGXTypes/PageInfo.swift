/// PAGEINFO (Intel SDM Vol. 3D, 34.14 "Page Information (PAGEINFO)"): the operand of
/// EADD, EEXTEND-style page instructions and EWB/ELDU. 32 bytes, 32-byte aligned.
///
/// Layout: 0 LINADDR u64 · 8 SRCPGE u64 · 16 SECINFO/PCMD u64 · 24 SECS u64.
public struct PageInfo: SGXStructure, Hashable {
    public static let byteCount = 32

    /// PAGEINFO.LINADDR: linear address of the enclave page.
    public var linearAddress: UInt64
    /// PAGEINFO.SRCPGE: address of the source page in ordinary memory.
    public var sourcePage: UInt64
    /// PAGEINFO.SECINFO (or PCMD for EWB/ELDU): address of the SECINFO.
    public var secInfo: UInt64
    /// PAGEINFO.SECS: address of the enclave's SECS page.
    public var secs: UInt64

    public init(linearAddress: UInt64, sourcePage: UInt64, secInfo: UInt64, secs: UInt64) {
        self.linearAddress = linearAddress
        self.sourcePage = sourcePage
        self.secInfo = secInfo
        self.secs = secs
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "PAGEINFO")
        linearAddress = bytes.loadLE(at: 0)
        sourcePage = bytes.loadLE(at: 8)
        secInfo = bytes.loadLE(at: 16)
        secs = bytes.loadLE(at: 24)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(linearAddress, at: 0)
        out.storeLE(sourcePage, at: 8)
        out.storeLE(secInfo, at: 16)
        out.storeLE(secs, at: 24)
        return out
    }
}
