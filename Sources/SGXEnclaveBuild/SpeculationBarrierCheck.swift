import Foundation
import SGXTypes

/// Static check of a linked enclave image for the speculation barriers the boundary relies
/// on (Docs/enclave-boundary.md): an `LFENCE` (or a call to `sgx_lfence`) in every runtime
/// function that checks a host-supplied range, stack or index, and in the EDL-generated
/// ECALL dispatch after its bound. Disassembles with the toolchain's `llvm-objdump`.
public struct SpeculationBarrierCheck: Sendable {
    /// Runtime functions that must be present and contain a barrier in every image.
    public static let runtimeFunctions = ["enclave_entry", "sgx_ecall_entry", "sgx_is_outside_enclave", "sgx_ocalloc"]
    /// Runtime functions that must contain a barrier when the linker kept them.
    public static let optionalRuntimeFunctions = ["sgx_is_within_enclave"]

    /// Functions lacking a barrier (empty: the image passes), and the functions examined.
    public struct Result: Sendable {
        public var missing: [String]
        public var examined: [String]
    }

    /// `alsoRequire`: further functions that must contain a barrier.
    public static func check(image path: String, toolchain: Toolchain, alsoRequire: [String] = []) throws(SGXError) -> Result {
        let objdump = toolchain.binDirectory + "/llvm-objdump"
        let listing = try disassemble(objdump, ["-d", "--no-show-raw-insn", path])
        var functions: [String: [Substring]] = [:]
        var current: String?
        for line in listing.split(separator: "\n") {
            if line.hasSuffix(">:"), let open = line.firstIndex(of: "<") {
                current = String(line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -2)])
                functions[current!] = []
            } else if let current, line.hasPrefix(" ") {
                functions[current, default: []].append(line)
            }
        }
        var required = runtimeFunctions + alsoRequire
        required += optionalRuntimeFunctions.filter { functions[$0] != nil }
        // An EDL-generated bridge is present: its dispatch must fence after the bound.
        if functions.keys.contains(where: { $0.contains("_edl_ecall_") }) { required.append("sgx_ecall_dispatch") }
        var missing: [String] = []
        for name in required {
            guard let body = functions[name] else { missing.append("\(name) (not found)"); continue }
            let fenced = body.contains { $0.contains("lfence") || ($0.contains("call") && $0.contains("<sgx_lfence>")) }
            if !fenced { missing.append(name) }
        }
        return Result(missing: missing, examined: required)
    }

    private static func disassemble(_ tool: String, _ arguments: [String]) throws(SGXError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw SGXError(.unexpected, "cannot run \(tool): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SGXError(.invalidEnclave, "\(tool) failed on \(arguments.last ?? "")")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
