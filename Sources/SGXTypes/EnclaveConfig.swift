/// The enclave's build-time configuration, embedded in the image as the `.sgx_config`
/// section (128 bytes, read-only, measured as part of the image). It fixes the layout
/// (heap, stacks, TCS count) and the identity fields the signer puts into SIGSTRUCT, and
/// records whether the trusted instruction layer is simulated, so that a simulation image
/// and a hardware image never share an MRENCLAVE.
///
/// Layout: 0 magic "SGXSWCFG" · 8 version u32 = 1 · 12 tcsCount u32 · 16 heapSize u64 ·
/// 24 stackSize u64 · 32 tcsPolicy u32 · 36 ssaFrameSize u32 (pages) · 40 nssa u32 ·
/// 44 isvProdID u16 · 46 isvSvn u16 · 48 debug u8 · 49 mode u8 · 50 rsvd 6 ·
/// 56 miscSelect u32 · 60 miscMask u32 · 64 ATTRIBUTES 16 · 80 attribute mask 16 · 96 rsvd 32.
public struct EnclaveConfig: SGXStructure, Hashable {
    public static let byteCount = 128
    public static let magic: [UInt8] = Array("SGXSWCFG".utf8)
    public static let pageSize: UInt64 = 4096

    /// How host threads are matched to TCSs (Intel's `TCSPolicy`).
    public enum TCSPolicy: UInt32, Sendable {
        /// A host thread keeps its TCS (and its thread-local data) across ECALLs.
        case bound = 0
        /// A TCS is taken for one ECALL and given back afterwards.
        case unbound = 1
    }

    /// Which trusted instruction layer the image was built with.
    public enum Mode: UInt8, Sendable {
        case simulation = 0
        case hardware = 1
    }

    public var tcsCount: UInt32 = 4
    public var heapSize: UInt64 = 16 << 20
    public var stackSize: UInt64 = 256 << 10
    public var tcsPolicy: TCSPolicy = .unbound
    public var ssaFrameSize: UInt32 = 1
    public var nssa: UInt32 = 2
    public var isvProdID: UInt16 = 0
    public var isvSvn: UInt16 = 0
    public var debug: Bool = true
    public var mode: Mode = .simulation
    public var miscSelect: UInt32 = 0
    public var miscMask: UInt32 = 0xffff_ffff
    /// Requested attributes (MODE64BIT is always added; DEBUG follows `debug`). XFRM
    /// defaults to x87 | SSE | AVX (0x7): BoringSSL's fast AES-GCM needs AVX, and Intel's
    /// signer mask leaves the AVX bit unchecked, as Intel's loader enables it when the OS does.
    public var attributes = Attributes(flags: [.mode64Bit], xfrm: 0x7)
    /// Which attribute bits the signature binds (SIGSTRUCT.ATTRIBUTEMASK).
    public var attributeMask = Attributes(flags: Attributes.Flags(rawValue: ~UInt64(0x2)), xfrm: ~UInt64(0xe4))

    public init() {}

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "enclave config")
        guard bytes.bytes(at: 0, count: 8) == Self.magic else {
            throw .invalidMetadata("enclave config: bad magic (expected \"SGXSWCFG\")")
        }
        let version = bytes.loadLE(UInt32.self, at: 8)
        guard version == 1 else { throw .invalidMetadata("enclave config: unsupported version \(version)") }
        tcsCount = bytes.loadLE(at: 12)
        heapSize = bytes.loadLE(at: 16)
        stackSize = bytes.loadLE(at: 24)
        guard let policy = TCSPolicy(rawValue: bytes.loadLE(at: 32)) else {
            throw .invalidMetadata("enclave config: unknown TCS policy \(bytes.loadLE(UInt32.self, at: 32))")
        }
        tcsPolicy = policy
        ssaFrameSize = bytes.loadLE(at: 36)
        nssa = bytes.loadLE(at: 40)
        isvProdID = bytes.loadLE(at: 44)
        isvSvn = bytes.loadLE(at: 46)
        debug = bytes[48] != 0
        guard let mode = Mode(rawValue: bytes[49]) else {
            throw .invalidMetadata("enclave config: unknown mode \(bytes[49])")
        }
        self.mode = mode
        miscSelect = bytes.loadLE(at: 56)
        miscMask = bytes.loadLE(at: 60)
        attributes = try Attributes(bytes: bytes.bytes(at: 64, count: 16))
        attributeMask = try Attributes(bytes: bytes.bytes(at: 80, count: 16))
        try validate()
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.store(Self.magic, at: 0)
        out.storeLE(UInt32(1), at: 8)
        out.storeLE(tcsCount, at: 12)
        out.storeLE(heapSize, at: 16)
        out.storeLE(stackSize, at: 24)
        out.storeLE(tcsPolicy.rawValue, at: 32)
        out.storeLE(ssaFrameSize, at: 36)
        out.storeLE(nssa, at: 40)
        out.storeLE(isvProdID, at: 44)
        out.storeLE(isvSvn, at: 46)
        out[48] = debug ? 1 : 0
        out[49] = mode.rawValue
        out.storeLE(miscSelect, at: 56)
        out.storeLE(miscMask, at: 60)
        out.store(attributes.bytes, at: 64)
        out.store(attributeMask.bytes, at: 80)
        return out
    }

    /// Checks the ranges the layout depends on; the message names the field.
    public func validate() throws(SGXError) {
        guard (1...1024).contains(tcsCount) else {
            throw .invalidMetadata("tcsCount must be between 1 and 1024, got \(tcsCount)")
        }
        guard heapSize >= Self.pageSize, heapSize % Self.pageSize == 0, heapSize <= 1 << 40 else {
            throw .invalidMetadata("heapSize must be a non-zero multiple of 4096 up to 1 TiB, got \(heapSize)")
        }
        guard stackSize >= 4 * Self.pageSize, stackSize % Self.pageSize == 0, stackSize <= 1 << 32 else {
            throw .invalidMetadata("stackSize must be a multiple of 4096 of at least 16 KiB, got \(stackSize)")
        }
        guard ssaFrameSize >= 1, ssaFrameSize <= 16 else {
            throw .invalidMetadata("ssaFrameSize must be 1...16 pages, got \(ssaFrameSize)")
        }
        guard nssa >= 1, nssa <= 8 else { throw .invalidMetadata("nssa must be 1...8, got \(nssa)") }
    }
}
