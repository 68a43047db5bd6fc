import SGXTypes

/// Whether this machine can run swift-sgx enclaves in hardware mode, as a list of checks
/// each with a status and a sentence saying what to do (`swift-sgx doctor`).
///
/// Checks: SGX in CPUID, Flexible Launch Control, SGX1/SGX2 and the largest enclave, EPC
/// sections and size, `/dev/sgx_enclave`, `/dev/sgx_provision`, the vDSO entry point, and a
/// DCAP quote library and quote provider. Hardware mode needs every check that is not
/// ``Status/warning`` or ``Status/info`` to pass; simulation mode runs anywhere.
public struct HardwareReadiness: Sendable {
    public enum Status: String, Sendable {
        /// Present and usable.
        case ok
        /// Missing: hardware mode cannot work until it is fixed.
        case missing
        /// Not needed for enclaves to run, but for something around them (attestation).
        case warning
        /// A fact, not a requirement.
        case info
    }

    public struct Check: Sendable {
        /// A stable identifier (camelCase), e.g. `cpuSGX`.
        public var id: String
        public var title: String
        public var status: Status
        /// What was found.
        public var detail: String
        /// What to do about it (empty when nothing is needed).
        public var action: String
    }

    public let checks: [Check]
    public let cpu: SGXCPUSupport

    /// Hardware mode works only when no check is ``Status/missing``.
    public var hardwareModeAvailable: Bool { !checks.contains { $0.status == .missing } }

    /// The verdict lines: hardware mode (with the first missing thing) and simulation mode.
    public var verdict: [String] {
        let hardware: String
        if hardwareModeAvailable {
            hardware = "hardware mode: available (all checks passed; note that swift-sgx's hardware back end has not yet been run on SGX hardware by this project)"
        } else {
            let missing = checks.filter { $0.status == .missing }
            let reason = missing.first?.detail ?? ""
            hardware = "hardware mode: not available on this machine (\(reason))" + (missing.count > 1 ? "; \(missing.count - 1) more problem\(missing.count > 2 ? "s" : "") above" : "")
        }
        return [hardware, "simulation mode: available (no isolation; public development keys)"]
    }

    /// Libraries of Intel's DCAP quoting stack, probed with `dlopen`.
    public static let quoteLibrary = "libsgx_dcap_ql.so.1"
    public static let quoteProviderLibrary = "libdcap_quoteprov.so.1"

    /// Runs every check on this machine.
    public init() {
        self.init(probe: LivePlatformProbe())
    }

    /// Runs every check with `probe`.
    public init(probe: some PlatformProbe) {
        let cpu = SGXCPUSupport.current(query: probe.cpuid(leaf:subleaf:))
        self.cpu = cpu
        var checks: [Check] = []
        let vendor = probe.cpuid(leaf: 0, subleaf: 0)
        let isIntel = vendor.map { $0.ebx == 0x756e_6547 && $0.edx == 0x4965_6e69 && $0.ecx == 0x6c65_746e } ?? false

        if cpu.sgx {
            checks.append(Check(id: "cpuSGX", title: "SGX in CPUID", status: .ok,
                                detail: "CPUID.(7,0):EBX[2] = 1", action: ""))
        } else {
            checks.append(Check(id: "cpuSGX", title: "SGX in CPUID", status: .missing,
                                detail: "no SGX in CPUID: CPUID.(7,0):EBX[2] = 0" + (isIntel ? "" : "; this is not an Intel CPU"),
                                action: isIntel
                                    ? "enable SGX in the BIOS/UEFI setup (\"SGX: Enabled\", not \"Software Controlled\"); if there is no such option, this CPU has no SGX"
                                    : "SGX needs an Intel CPU with SGX (Xeon Scalable 3rd generation or later, or an older client CPU); use simulation mode here"))
        }
        if cpu.flexibleLaunchControl {
            checks.append(Check(id: "cpuFLC", title: "Flexible Launch Control", status: .ok,
                                detail: "CPUID.(7,0):ECX[30] = 1", action: ""))
        } else {
            checks.append(Check(id: "cpuFLC", title: "Flexible Launch Control", status: .missing,
                                detail: "no SGX_LC in CPUID: CPUID.(7,0):ECX[30] = 0",
                                action: cpu.sgx
                                    ? "the in-kernel Linux driver needs Flexible Launch Control; enable it in the BIOS (\"SGX Launch Control: Unlocked\") or use a CPU that has it"
                                    : "comes with SGX: see the first check"))
        }
        if cpu.sgx {
            let size = cpu.maxEnclaveSize64
            checks.append(Check(id: "cpuSGXLeaves", title: "SGX instruction sets", status: cpu.sgx1 ? .ok : .missing,
                                detail: "SGX1 \(cpu.sgx1 ? "yes" : "no"), SGX2 \(cpu.sgx2 ? "yes" : "no"), largest enclave \(size == 0 ? "unknown" : Self.bytes(size)) (CPUID.(12H,0))",
                                action: cpu.sgx1 ? "" : "CPUID leaf 12H reports no SGX1: SGX is not enabled; enable it in the BIOS"))
            let total = cpu.totalEPCSize
            checks.append(Check(id: "epc", title: "Enclave Page Cache", status: total > 0 ? .ok : .missing,
                                detail: "\(cpu.epcSections.count) EPC section\(cpu.epcSections.count == 1 ? "" : "s"), \(Self.bytes(total)) in total (CPUID.(12H,2+))",
                                action: total > 0 ? "" : "no EPC is configured: set the PRMRR / EPC size in the BIOS"))
        }

        let device = probe.access(DriverUAPI.enclaveDevicePath)
        if !device.exists {
            checks.append(Check(id: "enclaveDevice", title: DriverUAPI.enclaveDevicePath, status: .missing,
                                detail: "\(DriverUAPI.enclaveDevicePath) does not exist",
                                action: cpu.sgx && cpu.flexibleLaunchControl
                                    ? "use Linux 5.11 or later built with CONFIG_X86_SGX=y (check `dmesg | grep -i sgx`)"
                                    : "needs SGX with Flexible Launch Control (above), then Linux 5.11 or later with CONFIG_X86_SGX=y"))
        } else if !(device.readable && device.writable) {
            checks.append(Check(id: "enclaveDevice", title: DriverUAPI.enclaveDevicePath, status: .missing,
                                detail: "exists but this user cannot open it read-write",
                                action: "add your user to the group that owns it (usually `sudo usermod -aG sgx $USER`; see `ls -l \(DriverUAPI.enclaveDevicePath)`), then log in again"))
        } else {
            checks.append(Check(id: "enclaveDevice", title: DriverUAPI.enclaveDevicePath, status: .ok,
                                detail: "exists, readable and writable by this user", action: ""))
        }

        let provision = probe.access(DriverUAPI.provisionDevicePath)
        if !provision.exists {
            checks.append(Check(id: "provisionDevice", title: DriverUAPI.provisionDevicePath, status: .warning,
                                detail: "\(DriverUAPI.provisionDevicePath) does not exist",
                                action: "only enclaves with the PROVISIONKEY attribute (quoting enclaves, remote attestation) need it; it comes with the same kernel driver"))
        } else if !(provision.readable && provision.writable) {
            checks.append(Check(id: "provisionDevice", title: DriverUAPI.provisionDevicePath, status: .warning,
                                detail: "exists but this user cannot open it read-write",
                                action: "for remote attestation, add your user to its group (usually `sudo usermod -aG sgx_prv $USER`), then log in again"))
        } else {
            checks.append(Check(id: "provisionDevice", title: DriverUAPI.provisionDevicePath, status: .ok,
                                detail: "exists, readable and writable by this user", action: ""))
        }

        switch probe.vdsoSGXEntry() {
        case .success(let address):
            checks.append(Check(id: "vdsoEntry", title: "vDSO enclave entry", status: .ok,
                                detail: "\(DriverUAPI.vdsoEnterSymbol) at 0x\(String(address, radix: 16))", action: ""))
        case .failure(let error):
            checks.append(Check(id: "vdsoEntry", title: "vDSO enclave entry", status: .missing,
                                detail: error.detail,
                                action: "use Linux 5.11 or later built with CONFIG_X86_SGX=y"))
        }

        let quoteLibrary = probe.libraryLoads(Self.quoteLibrary)
        let provider = probe.libraryLoads(Self.quoteProviderLibrary)
        checks.append(Check(id: "dcapQuoteLibrary", title: "DCAP quote library", status: quoteLibrary ? .ok : .warning,
                            detail: quoteLibrary ? "\(Self.quoteLibrary) loads" : "\(Self.quoteLibrary) not found",
                            action: quoteLibrary ? "" : "for remote attestation on hardware, install Intel's DCAP quoting library (package libsgx-dcap-ql)"))
        checks.append(Check(id: "dcapQuoteProvider", title: "DCAP quote provider", status: provider ? .ok : .warning,
                            detail: provider ? "\(Self.quoteProviderLibrary) loads" : "\(Self.quoteProviderLibrary) not found",
                            action: provider ? "" : "for remote attestation on hardware, install a quote provider library (libsgx-dcap-default-qpl, or your cloud's, e.g. az-dcap-client)"))
        self.checks = checks
    }

    static func bytes(_ value: UInt64) -> String {
        if value >= 1 << 30 && value % (1 << 30) == 0 { return "\(value >> 30) GiB" }
        if value >= 1 << 20 { return "\(value >> 20) MiB" }
        if value >= 1 << 10 { return "\(value >> 10) KiB" }
        return "\(value) bytes"
    }
}
