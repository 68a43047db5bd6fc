import SGXTypes

/// The frame of the runtime's `SGX_OP_INIT` entry: the host's CPUID values, which the
/// enclave cannot read itself (CPUID faults inside an enclave). Layout of
/// `sgx_cpu_features_frame_t` in `CEnclaveRuntime/include/sgx_runtime.h` (32 bytes):
/// 0 magic "SSXCPUID" u64 · 8 CPUID.1:ECX · 12 CPUID.1:EDX (bit 30 set by the host: Intel
/// CPU, as BoringSSL expects) · 16 CPUID.(7,0):EBX · 20 CPUID.(7,0):ECX · 24 CPUID.(0DH,1):EAX · 28 zero.
struct CPUFeaturesFrame {
    static let magic: UInt64 = EnclaveABI.CPUFeatures.magic
    var leaf1ECX: UInt32 = 0
    var leaf1EDX: UInt32 = 0
    var leaf7EBX: UInt32 = 0
    var leaf7ECX: UInt32 = 0
    var leaf13Sub1EAX: UInt32 = 0

    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: EnclaveABI.CPUFeatures.size)
        for (index, byte) in withUnsafeBytes(of: Self.magic.littleEndian, Array.init).enumerated() { out[index] = byte }
        for (slot, value) in [leaf1ECX, leaf1EDX, leaf7EBX, leaf7ECX, leaf13Sub1EAX].enumerated() {
            for (index, byte) in withUnsafeBytes(of: value.littleEndian, Array.init).enumerated() { out[EnclaveABI.CPUFeatures.leaf1ECXOffset + slot * 4 + index] = byte }
        }
        return out
    }

    /// This CPU's values.
    static func current() -> CPUFeaturesFrame {
        var frame = CPUFeaturesFrame()
        let vendor = CPUID.query(leaf: 0, subleaf: 0)
        guard let vendor else { return frame }
        let intel = vendor.ebx == 0x756e_6547 && vendor.edx == 0x4965_6e69 && vendor.ecx == 0x6c65_746e // GenuineIntel
        if let leaf1 = CPUID.query(leaf: 1, subleaf: 0) {
            frame.leaf1ECX = leaf1.ecx
            frame.leaf1EDX = intel ? leaf1.edx | 1 << 30 : leaf1.edx & ~(1 << 30)
        }
        if let leaf7 = CPUID.query(leaf: 7, subleaf: 0) {
            frame.leaf7EBX = leaf7.ebx
            frame.leaf7ECX = leaf7.ecx
        }
        if let leaf13 = CPUID.query(leaf: 13, subleaf: 1) { frame.leaf13Sub1EAX = leaf13.eax }
        return frame
    }
}
