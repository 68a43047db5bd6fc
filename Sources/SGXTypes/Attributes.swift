/// ATTRIBUTES (SDM 34.7.1): the enclave's attribute flags and the XSAVE feature request
/// mask (XFRM). 16 bytes: 0 flags u64 · 8 xfrm u64.
public struct Attributes: SGXStructure, Hashable {
    public static let byteCount = 16

    /// Attribute flag bits (low 64 bits of ATTRIBUTES).
    public struct Flags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// Set by EINIT once the enclave is initialised.
        public static let initted = Flags(rawValue: 0x1)
        /// Debug enclave: EDBGRD/EDBGWR allowed, keys differ from production.
        public static let debug = Flags(rawValue: 0x2)
        /// 64-bit enclave.
        public static let mode64Bit = Flags(rawValue: 0x4)
        public static let provisionKey = Flags(rawValue: 0x10)
        public static let einitTokenKey = Flags(rawValue: 0x20)
        /// Key separation and sharing (CONFIGID, ISVFAMILYID, ISVEXTPRODID).
        public static let kss = Flags(rawValue: 0x80)
        public static let aexNotify = Flags(rawValue: 0x400)
    }

    public var flags: Flags
    /// XSAVE-feature request mask: which extended states the enclave may use.
    public var xfrm: UInt64

    public init(flags: Flags, xfrm: UInt64) {
        self.flags = flags
        self.xfrm = xfrm
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "ATTRIBUTES")
        flags = Flags(rawValue: bytes.loadLE(UInt64.self, at: 0))
        xfrm = bytes.loadLE(UInt64.self, at: 8)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(flags.rawValue, at: 0)
        out.storeLE(xfrm, at: 8)
        return out
    }
}
