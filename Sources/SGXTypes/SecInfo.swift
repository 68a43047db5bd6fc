/// SECINFO, the Security Information structure (Intel SDM Vol. 3D, 34.11 "Security
/// Information (SECINFO)"): a page's type and access rights, as given to EADD/EAUG/EMODPR.
/// 64 bytes, 64-byte aligned.
///
/// Layout: 0 FLAGS u64 (bit 0 R, 1 W, 2 X, 3 PENDING, 4 MODIFIED, 5 PR, bits 15:8 PAGE_TYPE,
/// all other bits reserved) · 8 rsvd 56. The first 48 bytes are what an EADD measurement
/// record carries, so `flags` is exactly the value in that record (a TCS page is 0x100, a
/// readable-writable regular page 0x203).
public struct SecInfo: SGXStructure, Hashable {
    public static let byteCount = 64

    /// SECINFO.FLAGS.PAGE_TYPE (bits 15:8), SDM Table 34-20.
    public enum PageType: UInt8, Sendable, CaseIterable {
        /// PT_SECS: the enclave's SECS page.
        case secs = 0
        /// PT_TCS: a Thread Control Structure page.
        case tcs = 1
        /// PT_REG: a regular code or data page.
        case regular = 2
        /// PT_VA: a Version Array page (EPC paging).
        case versionArray = 3
        /// PT_TRIM: a page being removed (SGX2 EMODT).
        case trim = 4
        /// PT_SS_FIRST: first page of a CET shadow stack.
        case shadowStackFirst = 5
        /// PT_SS_REST: other pages of a CET shadow stack.
        case shadowStackRest = 6
    }

    /// SECINFO.FLAGS permission and state bits (bits 7:0).
    public struct Permissions: OptionSet, Hashable, Sendable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// R: the page can be read from inside the enclave.
        public static let read = Permissions(rawValue: 0x1)
        /// W: the page can be written from inside the enclave.
        public static let write = Permissions(rawValue: 0x2)
        /// X: the page can be executed from inside the enclave.
        public static let execute = Permissions(rawValue: 0x4)
        /// PENDING (SGX2): the page was added by EAUG and awaits EACCEPT.
        public static let pending = Permissions(rawValue: 0x8)
        /// MODIFIED (SGX2): the page's type was changed by EMODT and awaits EACCEPT.
        public static let modified = Permissions(rawValue: 0x10)
        /// PR (SGX2): a permission restriction by EMODPR awaits EACCEPT.
        public static let permissionRestricted = Permissions(rawValue: 0x20)

        /// R|W|X.
        public static let all: Permissions = [.read, .write, .execute]
    }

    /// The bits of FLAGS that may be non-zero: bits 5:0 and the page type in 15:8.
    public static let definedFlagBits: UInt64 = 0xff3f

    /// SECINFO.FLAGS, as a raw 64-bit value (what an EADD measurement record carries).
    public var flags: UInt64

    /// The page type encoded in `flags` (bits 15:8); nil when `flags` was set to an
    /// undefined type.
    public var pageType: PageType? {
        PageType(rawValue: UInt8(truncatingIfNeeded: flags >> 8))
    }

    /// The permission and state bits of `flags` (bits 7:0).
    public var permissions: Permissions {
        get { Permissions(rawValue: flags & 0xff) }
        set { flags = (flags & ~0xff) | (newValue.rawValue & 0xff) }
    }

    /// A SECINFO for a page of `pageType` with `permissions`.
    public init(pageType: PageType, permissions: Permissions = []) {
        flags = UInt64(pageType.rawValue) << 8 | (permissions.rawValue & 0xff)
    }

    /// A SECINFO from its raw FLAGS; throws `invalidParameter` for reserved bits or an
    /// unknown page type.
    public init(flags: UInt64) throws(SGXError) {
        guard flags & ~Self.definedFlagBits == 0 else {
            throw SGXError(.invalidParameter, "SECINFO.FLAGS 0x\(String(flags, radix: 16)) has reserved bits set")
        }
        guard PageType(rawValue: UInt8(truncatingIfNeeded: flags >> 8)) != nil else {
            throw SGXError(.invalidParameter, "SECINFO.FLAGS 0x\(String(flags, radix: 16)) has unknown page type \((flags >> 8) & 0xff)")
        }
        self.flags = flags
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "SECINFO")
        try Self.checkReserved(bytes, at: 8, count: 56, "SECINFO")
        try self.init(flags: bytes.loadLE(UInt64.self, at: 0))
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(flags, at: 0)
        return out
    }
}
