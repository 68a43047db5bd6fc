import SGXTypes

/// The fixed secrets of the simulated CPU, chosen to equal those of Intel's SGX SDK in
/// simulation mode (`sdk/simulation/tinst/deriv.cpp`, `t_instructions.cpp`, `rts_sim.h`),
/// so that an enclave identity gets the same keys here as under Intel's simulator.
///
/// - Important: These are **public test values**, printed in Intel's sources and in this
///   project's documentation (Docs/simulation.md). Anything sealed or MACed in simulation
///   mode is readable and forgeable by anyone. Never use a simulation enclave for secrets.
public enum SimulatedKeyHierarchy {
    /// The per-key-name base key ("fuse key") that EGETKEY and EREPORT CMAC the
    /// derivation data with.
    public static func baseKey(_ name: KeyRequest.KeyName) -> [UInt8] {
        switch name {
        case .seal: [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]
        case .report: repeated([0xff, 0x00], 8)
        case .einitToken: repeated([0xaa, 0x55], 8)
        case .provision: repeated([0xbb, 0xaa, 0xbb, 0xee, 0xff, 0x00, 0x00, 0xdd], 2)
        case .provisionSeal: Array("PROVISIONSEALKEY".utf8)
        }
    }

    /// The simulated OwnerEpoch (the CSR_SGX_OWNEREPOCH MSR): ASCII "THISISOWNEREPOCH".
    public static let ownerEpoch: [UInt8] = Array("THISISOWNEREPOCH".utf8)

    private static func repeated(_ pattern: [UInt8], _ times: Int) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<times { out += pattern }
        return out
    }
}

/// The CPU security versions the simulated CPU knows, as in Intel's simulator (which its
/// `sgx_config_cpusvn` tool switches between). They are ordered: a key request may name
/// the CPU's own CPUSVN or an older one, never a newer one (EGETKEY's CPUSVN check).
public enum SimulatedCPUSVN: Int, Sendable, CaseIterable, Comparable {
    case downgraded = 0
    case `default` = 1
    case upgraded = 2

    /// The 16-byte CPUSVN value.
    public var bytes: [UInt8] {
        switch self {
        case .default: [0x48, 0x20, 0xf3, 0x37, 0x6a, 0xe6, 0xb2, 0xf2, 0x03, 0x4d, 0x3b, 0x7a, 0x4b, 0x48, 0xa7, 0x78]
        case .upgraded: [0x53, 0x39, 0xae, 0x8c, 0x93, 0xae, 0x8f, 0x3c, 0xe4, 0x32, 0xdb, 0x92, 0x4d, 0x0f, 0x07, 0x33]
        case .downgraded: [0x64, 0xea, 0x4f, 0x3f, 0xa0, 0x03, 0x0c, 0x36, 0x38, 0x3c, 0x32, 0x2d, 0x4f, 0x3a, 0x8d, 0x4f]
        }
    }

    /// The level a 16-byte CPUSVN names, or nil for a value this CPU never had.
    public init?(bytes: [UInt8]) {
        guard let level = Self.allCases.first(where: { $0.bytes == bytes }) else { return nil }
        self = level
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
