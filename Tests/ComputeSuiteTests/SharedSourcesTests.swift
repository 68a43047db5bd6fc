import Foundation
import SGXEnclaveBuild
import SGXTypes
import Testing

/// enclave.json's `sharedSources` (the native-twin directories) and `optimization` keys:
/// resolved relative to the enclave directory, and refused with a reason when wrong.
@Suite struct SharedSourcesTests {
    /// A scratch tree: root/Enclave/enclave.json, root/Kernels/K.swift, root/Empty/.
    static func tree(_ config: String) throws -> (root: String, enclave: String) {
        let root = NSTemporaryDirectory() + "shared-sources-\(UUID().uuidString)"
        let fm = FileManager.default
        for directory in ["Enclave", "Kernels", "Empty"] {
            try fm.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try "func kernel() -> Int { 1 }\n".write(toFile: root + "/Kernels/K.swift", atomically: true, encoding: .utf8)
        try "func glue() {}\n".write(toFile: root + "/Enclave/Glue.swift", atomically: true, encoding: .utf8)
        try config.write(toFile: root + "/Enclave/enclave.json", atomically: true, encoding: .utf8)
        return (root, root + "/Enclave")
    }

    static func directories(_ config: String) throws -> Result<[String], SGXError> {
        let (_, enclave) = try tree(config)
        do throws(SGXError) {
            return .success(try EnclaveConfigFile.sharedSourceDirectories(configPath: enclave + "/enclave.json", enclaveDirectory: enclave))
        } catch {
            return .failure(error)
        }
    }

    @Test func resolvesRelativeDirectories() throws {
        let result = try Self.directories(#"{"sharedSources": ["../Kernels"]}"#)
        let paths = try result.get()
        #expect(paths.count == 1)
        #expect(paths[0].hasSuffix("/Kernels") && !paths[0].contains(".."))
        // The measured config ignores the key (it is a build input) but accepts it.
        let config = try EnclaveConfigFile.parse(Data(#"{"sharedSources": ["../Kernels"], "optimization": "-O"}"#.utf8), name: "t")
        #expect(config.heapSize == EnclaveConfigFile.defaults(debug: true).heapSize)
    }

    @Test(arguments: [
        (#"{"sharedSources": "../Kernels"}"#, "expected an array"),
        (#"{"sharedSources": ["/abs"]}"#, "relative"),
        (#"{"sharedSources": ["../Missing"]}"#, "not a directory"),
        (#"{"sharedSources": ["../Empty"]}"#, "no .swift files"),
        (#"{"sharedSources": ["."]}"#, "overlaps"),
        (#"{"sharedSources": [".."]}"#, "overlaps"),
        (#"{"sharedSources": ["../Kernels", "../Kernels/"]}"#, "listed twice"),
    ])
    func refusesBadEntries(_ config: String, _ reason: String) throws {
        let result = try Self.directories(config)
        guard case .failure(let error) = result else {
            Issue.record("accepted \(config)")
            return
        }
        #expect(error.detail.contains(reason), "\(error.detail)")
        #expect(error.detail.contains("sharedSources"))
    }

    @Test func optimizationLevel() throws {
        let (_, enclave) = try Self.tree(#"{"optimization": "-O"}"#)
        #expect(try EnclaveConfigFile.optimization(configPath: enclave + "/enclave.json") == "-O")
        let (_, other) = try Self.tree(#"{"optimization": "-Ofast"}"#)
        #expect(throws: SGXError.self) { try EnclaveConfigFile.optimization(configPath: other + "/enclave.json") }
        let (_, none) = try Self.tree("{}")
        #expect(try EnclaveConfigFile.optimization(configPath: none + "/enclave.json") == nil)
    }
}
