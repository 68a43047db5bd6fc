/// TCS, the Thread Control Structure (Intel SDM Vol. 3D, 34.8 "Thread Control Structure
/// (TCS)"): one per enclave thread; EENTER takes its address. 4096 bytes.
///
/// Layout: 0 STATE u64 · 8 FLAGS u64 · 16 OSSA u64 · 24 CSSA u32 · 28 NSSA u32 ·
/// 32 OENTRY u64 · 40 AEP u64 · 48 OFSBASGX u64 · 56 OGSBASGX u64 · 64 FSLIMIT u32 ·
/// 68 GSLIMIT u32 · 72 rsvd 4024 (must be zero; `init(bytes:)` rejects anything else).
public struct TCS: SGXStructure, Hashable {
    public static let byteCount = 4096

    /// TCS.FLAGS bits.
    public struct Flags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// DBGOPTIN: a debugger may single-step and set breakpoints in a debug enclave.
        public static let debugOptIn = Flags(rawValue: 0x1)
        /// AEXNOTIFY: threads entered through this TCS get AEX notifications.
        public static let aexNotify = Flags(rawValue: 0x2)
    }

    /// TCS.STATE: for hardware use (whether the TCS is active); software sets 0.
    public var state: UInt64
    /// TCS.FLAGS.
    public var flags: Flags
    /// TCS.OSSA: offset of the first SSA frame from the enclave base (page-aligned).
    public var ossa: UInt64
    /// TCS.CSSA: the current SSA frame index.
    public var cssa: UInt32
    /// TCS.NSSA: the number of SSA frames.
    public var nssa: UInt32
    /// TCS.OENTRY: offset of the entry point from the enclave base.
    public var oentry: UInt64
    /// TCS.AEP: for hardware use (the asynchronous exit pointer saved by EENTER); software sets 0.
    public var aep: UInt64
    /// TCS.OFSBASGX: FS segment base, as an offset from the enclave base (page-aligned).
    public var ofsBase: UInt64
    /// TCS.OGSBASGX: GS segment base, as an offset from the enclave base (page-aligned).
    public var ogsBase: UInt64
    /// TCS.FSLIMIT: FS segment limit (32-bit mode only).
    public var fsLimit: UInt32
    /// TCS.GSLIMIT: GS segment limit (32-bit mode only).
    public var gsLimit: UInt32

    public init(
        state: UInt64 = 0, flags: Flags = [], ossa: UInt64, cssa: UInt32 = 0, nssa: UInt32,
        oentry: UInt64, aep: UInt64 = 0, ofsBase: UInt64 = 0, ogsBase: UInt64 = 0,
        fsLimit: UInt32 = 0xffff_ffff, gsLimit: UInt32 = 0xffff_ffff
    ) {
        self.state = state
        self.flags = flags
        self.ossa = ossa
        self.cssa = cssa
        self.nssa = nssa
        self.oentry = oentry
        self.aep = aep
        self.ofsBase = ofsBase
        self.ogsBase = ogsBase
        self.fsLimit = fsLimit
        self.gsLimit = gsLimit
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "TCS")
        try Self.checkReserved(bytes, at: 72, count: 4096 - 72, "TCS")
        state = bytes.loadLE(at: 0)
        flags = Flags(rawValue: bytes.loadLE(at: 8))
        ossa = bytes.loadLE(at: 16)
        cssa = bytes.loadLE(at: 24)
        nssa = bytes.loadLE(at: 28)
        oentry = bytes.loadLE(at: 32)
        aep = bytes.loadLE(at: 40)
        ofsBase = bytes.loadLE(at: 48)
        ogsBase = bytes.loadLE(at: 56)
        fsLimit = bytes.loadLE(at: 64)
        gsLimit = bytes.loadLE(at: 68)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(state, at: 0)
        out.storeLE(flags.rawValue, at: 8)
        out.storeLE(ossa, at: 16)
        out.storeLE(cssa, at: 24)
        out.storeLE(nssa, at: 28)
        out.storeLE(oentry, at: 32)
        out.storeLE(aep, at: 40)
        out.storeLE(ofsBase, at: 48)
        out.storeLE(ogsBase, at: 56)
        out.storeLE(fsLimit, at: 64)
        out.storeLE(gsLimit, at: 68)
        return out
    }
}
