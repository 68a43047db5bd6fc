/// What the CPU says about SGX, decoded from CPUID register values (Intel SDM Vol. 2A,
/// "CPUID", leaf 07H and leaf 12H; Vol. 3D, 34.7.2 "Intel SGX Resource Enumeration Leaves").
/// Pure: build it from any register values (``init(leaf7:leaf12:)``) or from this CPU
/// (``current()``).
///
/// | source | bits | meaning |
/// |---|---|---|
/// | CPUID.(07H,0):EBX | 2 | SGX supported |
/// | CPUID.(07H,0):ECX | 30 | SGX_LC: Flexible Launch Control (needed by the in-kernel driver) |
/// | CPUID.(12H,0):EAX | 0, 1 | SGX1, SGX2 leaf functions |
/// | CPUID.(12H,0):EBX | 31:0 | MISCSELECT bits the CPU supports |
/// | CPUID.(12H,0):EDX | 7:0, 15:8 | log2 of the largest enclave outside / inside 64-bit mode |
/// | CPUID.(12H,n≥2):EAX | 3:0 | sub-leaf type: 0 no more sections, 1 an EPC section |
/// | CPUID.(12H,n≥2) | EAX 31:12 + EBX 19:0 | the section's physical base (bits 31:12, 51:32) |
/// | CPUID.(12H,n≥2) | ECX 31:12 + EDX 19:0 | the section's size (bits 31:12, 51:32) |
public struct SGXCPUSupport: Sendable, Hashable {
    /// One EPC (Enclave Page Cache) section.
    public struct EPCSection: Sendable, Hashable {
        public var physicalBase: UInt64
        public var size: UInt64
    }

    public var sgx: Bool
    public var flexibleLaunchControl: Bool
    public var sgx1: Bool
    public var sgx2: Bool
    public var miscSelect: UInt32
    /// Largest enclave in 64-bit mode, in bytes (0 when unknown).
    public var maxEnclaveSize64: UInt64
    /// Largest enclave outside 64-bit mode, in bytes (0 when unknown).
    public var maxEnclaveSize32: UInt64
    public var epcSections: [EPCSection]

    /// Sum of the EPC section sizes.
    public var totalEPCSize: UInt64 { epcSections.reduce(0) { $0 + $1.size } }

    /// Decodes leaf 07H subleaf 0 and leaf 12H subleaves 0, 1, 2, ... (`leaf12[n]` is
    /// subleaf n; pass none when the CPU has no leaf 12H or no SGX). Section subleaves are
    /// read until the first one whose type is not 1.
    public init(leaf7: CPUIDRegisters?, leaf12: [CPUIDRegisters]) {
        sgx = (leaf7?.ebx ?? 0) & (1 << 2) != 0
        flexibleLaunchControl = (leaf7?.ecx ?? 0) & (1 << 30) != 0
        let capabilities = sgx ? leaf12.first : nil
        sgx1 = (capabilities?.eax ?? 0) & 1 != 0
        sgx2 = (capabilities?.eax ?? 0) & 2 != 0
        miscSelect = capabilities?.ebx ?? 0
        let edx = capabilities?.edx ?? 0
        let log32 = edx & 0xff, log64 = (edx >> 8) & 0xff
        maxEnclaveSize32 = capabilities != nil && log32 < 64 ? 1 << UInt64(log32) : 0
        maxEnclaveSize64 = capabilities != nil && log64 < 64 ? 1 << UInt64(log64) : 0
        var sections: [EPCSection] = []
        if sgx {
            for registers in leaf12.dropFirst(2) {
                guard registers.eax & 0xf == 1 else { break }
                let base = UInt64(registers.eax & 0xffff_f000) | UInt64(registers.ebx & 0xf_ffff) << 32
                let size = UInt64(registers.ecx & 0xffff_f000) | UInt64(registers.edx & 0xf_ffff) << 32
                sections.append(EPCSection(physicalBase: base, size: size))
            }
        }
        epcSections = sections
    }

    /// This CPU's answers (leaf 12H only when the CPU reports SGX and has the leaf).
    public static func current() -> SGXCPUSupport {
        current(query: CPUID.query(leaf:subleaf:))
    }

    /// The answers of `query`, which returns nil for leaves above the highest basic leaf.
    public static func current(query: (UInt32, UInt32) -> CPUIDRegisters?) -> SGXCPUSupport {
        let leaf7 = query(7, 0)
        var leaf12: [CPUIDRegisters] = []
        if (leaf7?.ebx ?? 0) & (1 << 2) != 0 {
            for subleaf in UInt32(0)..<UInt32(66) { // at most 64 EPC sections
                guard let registers = query(0x12, subleaf) else { break }
                leaf12.append(registers)
                if subleaf >= 2 && registers.eax & 0xf != 1 { break }
            }
        }
        return SGXCPUSupport(leaf7: leaf7, leaf12: leaf12)
    }
}
