import Foundation
import SGXEnclaveBuild
import SGXTypes
import Testing

/// The host/enclave ABI is written twice, in Swift (`SGXTypes/EnclaveABI.swift`, `SGXStatus`)
/// and in C (`CEnclaveRuntime/include/sgx_runtime.h`, which the runtime's assembly includes
/// too, and `CSGXHost/include/CSGXHost.h`). These tests read the C headers and fail on any
/// value that differs, or on a C constant the Swift side does not know.
@Suite struct ABIDriftTests {
    static let sources = EnclaveBuildCache.directory(of: #filePath) + "/../../Sources"

    /// `#define NAME VALUE` lines of a header, with SGX_U64(x)/SGX_U32(x) unwrapped and
    /// C integer suffixes dropped; only values that parse as integers.
    static func defines(_ relativePath: String) throws -> [String: UInt64] {
        let text = try String(contentsOfFile: sources + "/" + relativePath, encoding: .utf8)
        var result: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 3, parts[0] == "#define" else { continue }
            var value = String(parts[2])
            for wrapper in ["SGX_U64(", "SGX_U32("] where value.hasPrefix(wrapper) {
                value = String(value.dropFirst(wrapper.count).dropLast())
            }
            if value.hasPrefix("(") && value.hasSuffix(")") { value = String(value.dropFirst().dropLast()) }
            while let last = value.last, "uUlL".contains(last) { value.removeLast() }
            if value.hasPrefix("(") { // (256u << 10)
                continue
            }
            let number = value.hasPrefix("0x") ? UInt64(value.dropFirst(2), radix: 16) : UInt64(value)
            if let number { result[String(parts[1])] = number }
        }
        return result
    }

    static func squashed(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "_", with: "") }

    @Test func runtimeHeaderMatchesEnclaveABI() throws {
        let c = try Self.defines("CEnclaveRuntime/include/sgx_runtime.h")
        let expected: [String: UInt64] = [
            "SGX_PAGE_SIZE": 4096,
            "SGX_OP_INIT": EnclaveABI.opInit, "SGX_OP_ORET": EnclaveABI.opOCallReturn,
            "SGX_EXIT_RETURN": EnclaveABI.exitReturn, "SGX_EXIT_OCALL": EnclaveABI.exitOCall,
            "SGX_EXIT_CRASH": EnclaveABI.exitCrash,
            "SGX_OCALL_RUNTIME_BASE": UInt64(EnclaveABI.runtimeOCallBase),
            "SGX_ENCLU_EREPORT": UInt64(EnclaveABI.leafEREPORT), "SGX_ENCLU_EGETKEY": UInt64(EnclaveABI.leafEGETKEY),
            "SGX_LAYOUT_MAGIC": EnclaveABI.Layout.magic,
            "SGX_STATE_UNINITIALIZED": UInt64(EnclaveABI.RuntimeState.uninitialized),
            "SGX_STATE_INITIALIZING": UInt64(EnclaveABI.RuntimeState.initializing),
            "SGX_STATE_READY": UInt64(EnclaveABI.RuntimeState.ready),
            "SGX_STATE_CRASHED": UInt64(EnclaveABI.RuntimeState.crashed),
            "SGX_MAX_ECALL_DEPTH": EnclaveABI.maxECallDepth,
            "SGX_NESTED_STACK_RESERVE": EnclaveABI.nestedStackReserve,
            "TD_STACK_TOP": UInt64(EnclaveABI.ThreadData.stackTopOffset),
            "TD_STACK_LIMIT": UInt64(EnclaveABI.ThreadData.stackLimitOffset),
            "TD_OCALL_RSP": UInt64(EnclaveABI.ThreadData.ocallRSPOffset),
            "TD_DEPTH": UInt64(EnclaveABI.ThreadData.depthOffset),
            "TD_SELF_OFFSET": UInt64(EnclaveABI.ThreadData.selfOffsetOffset),
            "TD_USTACK_LIMIT": UInt64(EnclaveABI.ThreadData.untrustedStackLimitOffset),
            "SGX_CPU_FEATURES_MAGIC": EnclaveABI.CPUFeatures.magic,
        ]
        for (name, value) in expected {
            #expect(c[name] == value, "\(name): C \(c[name].map { String($0, radix: 16) } ?? "missing") vs Swift \(String(value, radix: 16))")
        }
        // Every status code the runtime can return is an SGXStatus with the same number.
        let statuses = c.filter { $0.key.hasPrefix("SGX_ERROR_") || $0.key == "SGX_SUCCESS" }
        #expect(statuses.count >= 12)
        for (name, value) in statuses {
            let swiftName = Self.squashed(String(name.dropFirst(name == "SGX_SUCCESS" ? 4 : 10)))
            let status = SGXStatus(rawValue: UInt32(value))
            #expect(status.map { Self.squashed("\($0)") } == swiftName, "\(name) = 0x\(String(value, radix: 16)) is \(status.map { "\($0)" } ?? "unknown") in SGXStatus")
        }
        // Every crash reason has the same number in EnclaveABI.CrashReason.
        let crashes = c.filter { $0.key.hasPrefix("SGX_CRASH_") }
        #expect(crashes.count >= 7)
        for (name, value) in crashes {
            let reason = EnclaveABI.CrashReason(rawValue: value)
            #expect(reason.map { Self.squashed("\($0)") } == Self.squashed(String(name.dropFirst(10))), "\(name) = \(value)")
        }
    }

    @Test func simulatorHeaderMatchesEnclaveABI() throws {
        let c = try Self.defines("CSGXHost/include/CSGXHost.h")
        #expect(c["SGX_HOST_EXIT_RETURN"] == EnclaveABI.exitReturn)
        #expect(c["SGX_HOST_EXIT_OCALL"] == EnclaveABI.exitOCall)
        #expect(c["SGX_HOST_EXIT_CRASH"] == EnclaveABI.exitCrash)
        #expect(c["SGX_HOST_OP_ORET"] == EnclaveABI.opOCallReturn)
        #expect(c["SGX_HOST_CPU_FEATURES_MAGIC"] == EnclaveABI.CPUFeatures.magic)
        let text = try String(contentsOfFile: Self.sources + "/CSGXHost/include/CSGXHost.h", encoding: .utf8)
        #expect(text.contains("#define SGX_HOST_USTACK_SIZE (256u << 10)") && EnclaveABI.untrustedStackSize == 256 << 10)
    }

    /// The assembly reaches the thread data by the header's TD_* names only: no literal
    /// offsets or restated #defines in entry.S.
    @Test func entryAssemblyUsesTheHeader() throws {
        let text = try String(contentsOfFile: Self.sources + "/CEnclaveRuntime/entry.S", encoding: .utf8)
        #expect(text.contains("#include \"sgx_runtime.h\""))
        let localDefines = text.split(separator: "\n").filter { $0.hasPrefix("#define") && !$0.contains("RFLAGS_AC") }
        #expect(localDefines.isEmpty, "entry.S restates: \(localDefines)")
        #expect(!text.contains("TCS_OGSBASE"), "entry.S must not read the TCS page")
    }
}
