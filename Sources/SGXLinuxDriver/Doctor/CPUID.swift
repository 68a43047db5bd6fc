internal import CSGXLinuxDriver

/// The four registers one CPUID query returns.
public struct CPUIDRegisters: Sendable, Hashable {
    public var eax: UInt32
    public var ebx: UInt32
    public var ecx: UInt32
    public var edx: UInt32

    public init(eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0) {
        self.eax = eax
        self.ebx = ebx
        self.ecx = ecx
        self.edx = edx
    }
}

/// CPUID on the host (untrusted code may run it; enclaves may not).
public enum CPUID {
    /// CPUID(`leaf`, `subleaf`), or nil when `leaf` is above the highest basic leaf
    /// (CPUID.0:EAX), where the CPU would answer with another leaf's data.
    public static func query(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters? {
        var out: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &out) { csgx_cpuid(leaf, subleaf, $0.baseAddress!.assumingMemoryBound(to: UInt32.self)) }
        return valid == 1 ? CPUIDRegisters(eax: out.0, ebx: out.1, ecx: out.2, edx: out.3) : nil
    }
}
