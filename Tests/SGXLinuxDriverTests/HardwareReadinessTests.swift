import SGXTypes
import Testing
@testable import SGXLinuxDriver

/// `swift-sgx doctor`'s logic: CPUID decoding from given register values, conclusions for
/// machines described by a fake probe, and what it says about this machine.
@Suite struct HardwareReadinessTests {
    /// Register values of an SGX-capable server: SGX, FLC, SGX1+SGX2, 2^56-byte enclaves,
    /// two EPC sections (0x4000_0000_0000 + 0x7F80_0000 and 0x8000_0000_0000 + 1 GiB).
    static let serverLeaf7 = CPUIDRegisters(eax: 0, ebx: 1 << 2 | 1 << 0, ecx: 1 << 30, edx: 0)
    static let serverLeaf12 = [
        CPUIDRegisters(eax: 0x3, ebx: 0x1, ecx: 0, edx: 0x381f),
        CPUIDRegisters(eax: 0x36, ebx: 0, ecx: 0xe7, edx: 0),
        CPUIDRegisters(eax: 0x0000_0001, ebx: 0x4000, ecx: 0x7f80_0001, edx: 0),
        CPUIDRegisters(eax: 0x0000_0001, ebx: 0x8000, ecx: 0x4000_0001, edx: 0),
        CPUIDRegisters(eax: 0, ebx: 0, ecx: 0, edx: 0),
        CPUIDRegisters(eax: 0x0000_0001, ebx: 0x9000, ecx: 0x1000_0001, edx: 0), // after the end: ignored
    ]

    @Test func decodesAnSGXServer() {
        let cpu = SGXCPUSupport(leaf7: Self.serverLeaf7, leaf12: Self.serverLeaf12)
        #expect(cpu.sgx && cpu.flexibleLaunchControl && cpu.sgx1 && cpu.sgx2)
        #expect(cpu.miscSelect == 1)
        #expect(cpu.maxEnclaveSize32 == 1 << 31)
        #expect(cpu.maxEnclaveSize64 == 1 << 56)
        #expect(cpu.epcSections == [
            .init(physicalBase: 0x4000_0000_0000, size: 0x7f80_0000),
            .init(physicalBase: 0x8000_0000_0000, size: 0x4000_0000),
        ])
        #expect(cpu.totalEPCSize == 0x7f80_0000 + 0x4000_0000)
    }

    @Test func sectionSizesAbove4GiBUseEDX() {
        let leaf12 = [CPUIDRegisters(eax: 1), CPUIDRegisters(),
                      CPUIDRegisters(eax: 0x8000_1001, ebx: 0x2, ecx: 0x0000_0001, edx: 0x10)]
        let cpu = SGXCPUSupport(leaf7: Self.serverLeaf7, leaf12: leaf12)
        #expect(cpu.epcSections == [.init(physicalBase: 0x2_8000_1000, size: 0x10_0000_0000)])
    }

    @Test func noSGXBitMeansNothingElseIsBelieved() {
        // Leaf 12H data is ignored when leaf 7 says no SGX (the CPU may echo another leaf).
        let cpu = SGXCPUSupport(leaf7: CPUIDRegisters(ebx: 0, ecx: 1 << 30), leaf12: Self.serverLeaf12)
        #expect(!cpu.sgx && !cpu.sgx1 && cpu.epcSections.isEmpty && cpu.maxEnclaveSize64 == 0)
        #expect(cpu.flexibleLaunchControl) // reported as the CPU says it
        #expect(SGXCPUSupport(leaf7: nil, leaf12: []).sgx == false)
    }

    @Test func queryStopsAtTheFirstInvalidSection() {
        var asked: [UInt32] = []
        let cpu = SGXCPUSupport.current { leaf, subleaf in
            if leaf == 0x12 { asked.append(subleaf) }
            switch leaf {
            case 7: return Self.serverLeaf7
            case 0x12: return Int(subleaf) < Self.serverLeaf12.count ? Self.serverLeaf12[Int(subleaf)] : CPUIDRegisters()
            default: return CPUIDRegisters()
            }
        }
        #expect(asked == [0, 1, 2, 3, 4])
        #expect(cpu.epcSections.count == 2)
    }

    struct FakeProbe: PlatformProbe {
        var leaf7 = HardwareReadinessTests.serverLeaf7
        var leaf12 = HardwareReadinessTests.serverLeaf12
        var intel = true
        var device = DeviceAccess(exists: true, readable: true, writable: true)
        var provision = DeviceAccess(exists: true, readable: true, writable: true)
        var vdso: Result<UInt64, SGXError> = .success(0x7fff_0000_0a00)
        var libraries: Set<String> = [HardwareReadiness.quoteLibrary, HardwareReadiness.quoteProviderLibrary]

        func cpuid(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters? {
            switch leaf {
            case 0: return intel ? CPUIDRegisters(eax: 0x1b, ebx: 0x756e_6547, ecx: 0x6c65_746e, edx: 0x4965_6e69)
                                 : CPUIDRegisters(eax: 0x10, ebx: 0x6874_7541, ecx: 0x444d_4163, edx: 0x6974_6e65)
            case 7: return leaf7
            case 0x12: return Int(subleaf) < leaf12.count ? leaf12[Int(subleaf)] : CPUIDRegisters()
            default: return CPUIDRegisters()
            }
        }
        func access(_ path: String) -> DeviceAccess { path == DriverUAPI.enclaveDevicePath ? device : provision }
        func vdsoSGXEntry() -> Result<UInt64, SGXError> { vdso }
        func libraryLoads(_ name: String) -> Bool { libraries.contains(name) }
    }

    func check(_ report: HardwareReadiness, _ id: String) throws -> HardwareReadiness.Check {
        try #require(report.checks.first { $0.id == id })
    }

    @Test func aReadyMachine() throws {
        let report = HardwareReadiness(probe: FakeProbe())
        #expect(report.hardwareModeAvailable)
        #expect(report.checks.allSatisfy { $0.status == .ok })
        #expect(report.verdict[0].hasPrefix("hardware mode: available"))
        #expect(report.verdict[1] == "simulation mode: available (no isolation; public development keys)")
        #expect(try check(report, "epc").detail.contains("2 EPC sections"))
    }

    @Test func anAMDMachine() throws {
        var probe = FakeProbe()
        probe.intel = false
        probe.leaf7 = CPUIDRegisters()
        probe.device = DeviceAccess(exists: false, readable: false, writable: false)
        probe.provision = probe.device
        probe.vdso = .failure(SGXError(.featureNotSupported, "the vDSO has no __vdso_sgx_enter_enclave"))
        probe.libraries = []
        let report = HardwareReadiness(probe: probe)
        #expect(!report.hardwareModeAvailable)
        #expect(try check(report, "cpuSGX").status == .missing)
        #expect(try check(report, "cpuSGX").detail.contains("not an Intel CPU"))
        #expect(try check(report, "enclaveDevice").status == .missing)
        #expect(try check(report, "provisionDevice").status == .warning)
        #expect(try check(report, "dcapQuoteLibrary").action.contains("libsgx-dcap-ql"))
        #expect(report.checks.first { $0.id == "epc" } == nil)
        #expect(report.verdict[0].hasPrefix("hardware mode: not available on this machine (no SGX in CPUID"))
    }

    @Test func sgxDisabledInTheBIOS() throws {
        var probe = FakeProbe()
        probe.leaf7 = CPUIDRegisters()
        let report = HardwareReadiness(probe: probe)
        #expect(try check(report, "cpuSGX").action.contains("BIOS"))
    }

    @Test func deviceWithoutPermission() throws {
        var probe = FakeProbe()
        probe.device = DeviceAccess(exists: true, readable: false, writable: false)
        probe.provision = probe.device
        let report = HardwareReadiness(probe: probe)
        #expect(!report.hardwareModeAvailable)
        #expect(try check(report, "enclaveDevice").action.contains("usermod -aG sgx"))
        #expect(try check(report, "provisionDevice").action.contains("sgx_prv"))
    }

    @Test func noFLC() throws {
        var probe = FakeProbe()
        probe.leaf7.ecx = 0
        let report = HardwareReadiness(probe: probe)
        #expect(!report.hardwareModeAvailable)
        #expect(try check(report, "cpuFLC").status == .missing)
    }

    /// This machine, as it really is. The project's machines have no SGX; where the CPU
    /// does report SGX this test is skipped (it would not be testing the no-SGX report).
    @Test(.enabled(if: CPUID.query(leaf: 7, subleaf: 0).map { $0.ebx & 4 == 0 } ?? true,
                   "this CPU reports SGX; the no-SGX report cannot be checked here"))
    func thisMachineHasNoSGX() throws {
        let report = HardwareReadiness()
        #expect(!report.cpu.sgx)
        #expect(!report.hardwareModeAvailable)
        #expect(try check(report, "cpuSGX").status == .missing)
        #expect(report.verdict[0].hasPrefix("hardware mode: not available on this machine (no SGX in CPUID"))
        #expect(report.verdict[1].hasPrefix("simulation mode: available"))
    }
}
