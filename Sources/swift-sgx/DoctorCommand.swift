import ArgumentParser
import SGXLinuxDriver

/// `swift-sgx doctor`: can this machine run enclaves in hardware mode, and if not, what is
/// missing (SGX in CPUID, Flexible Launch Control, EPC, the driver's devices, the vDSO
/// entry point, DCAP quoting libraries)? Always exits 0: it reports, it does not fail.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report whether this machine can run enclaves in hardware mode, and what to do if not.")

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() {
        let report = HardwareReadiness()
        if json {
            printJSON([
                "hardwareModeAvailable": report.hardwareModeAvailable,
                "simulationModeAvailable": true,
                "verdict": report.verdict,
                "cpu": [
                    "sgx": report.cpu.sgx,
                    "flexibleLaunchControl": report.cpu.flexibleLaunchControl,
                    "sgx1": report.cpu.sgx1,
                    "sgx2": report.cpu.sgx2,
                    "maxEnclaveSize64": report.cpu.maxEnclaveSize64,
                    "epcSections": report.cpu.epcSections.map { ["physicalBase": hex($0.physicalBase), "size": $0.size] },
                    "totalEPCSize": report.cpu.totalEPCSize,
                ] as [String: Any],
                "checks": report.checks.map { check in
                    ["id": check.id, "title": check.title, "status": check.status.rawValue,
                     "detail": check.detail, "action": check.action]
                },
            ])
            return
        }
        for check in report.checks {
            let mark = switch check.status {
            case .ok: "ok  "
            case .missing: "MISS"
            case .warning: "warn"
            case .info: "info"
            }
            print("[\(mark)] \(check.title): \(check.detail)")
            if !check.action.isEmpty { print("       -> \(check.action)") }
        }
        print("")
        for line in report.verdict { print(line) }
    }
}
