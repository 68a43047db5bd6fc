import Foundation
import PackagePlugin

/// Build-tool plugin: every subdirectory of the target that holds an `enclave.json` is an
/// enclave. During `swift build` it is compiled with Embedded Swift, linked, measured and
/// signed (with the public development key: simulation/debug use only) by `swift-sgx
/// build`, and the target gets a generated `enum <Directory> { static let path }` that
/// tells the host where the signed image is. Each `.edl` file in an enclave directory is
/// compiled to typed bridges: the trusted one into the enclave, the untrusted one (ECALL
/// proxies, OCALL protocol) into this target. Exclude the enclave directories from the
/// host target (`exclude: ["MyEnclave"]`): their sources are not host code. Directories an
/// `enclave.json` lists under `sharedSources` (e.g. a host target's folder compiled into the
/// enclave as well: a native twin) are inputs too, so editing them rebuilds the enclave.
@main
struct SGXEnclavePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let tool = try context.tool(named: "swift-sgx")
        let directory = target.directoryURL
        var commands: [Command] = []
        let entries = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        for enclaveDirectory in entries.sorted(by: { $0.path < $1.path }) {
            let config = enclaveDirectory.appendingPathComponent("enclave.json")
            guard FileManager.default.fileExists(atPath: config.path) else { continue }
            let name = enclaveDirectory.lastPathComponent
            let work = context.pluginWorkDirectoryURL.appendingPathComponent(name)
            let image = context.pluginWorkDirectoryURL.appendingPathComponent("\(name).signed.so")
            let locator = context.pluginWorkDirectoryURL.appendingPathComponent("\(name)+Path.swift")
            var enclaveFiles: [URL] = []
            if let enumerator = FileManager.default.enumerator(at: enclaveDirectory, includingPropertiesForKeys: nil) {
                for case let file as URL in enumerator where !file.hasDirectoryPath { enclaveFiles.append(file) }
            }
            let inputs: [URL] = [tool.url] + trustedSDKSources(context) + enclaveFiles + sharedSourceFiles(config, enclaveDirectory)
            var environment = ProcessInfo.processInfo.environment
            if let swiftc = try? context.tool(named: "swiftc") {
                environment["SWIFT_SGX_TOOLCHAIN"] = swiftc.url.resolvingSymlinksInPath().deletingLastPathComponent().path
            }
            // BoringSSL (libcrypto and libssl) for the enclave comes from the swift-nio-ssl
            // checkout this build resolved.
            if environment["SWIFT_SGX_BORINGSSL"] == nil, let nioSSL = findPackage("swift-nio-ssl", in: context.package) {
                environment["SWIFT_SGX_BORINGSSL"] = nioSSL.directoryURL.appendingPathComponent("Sources/CNIOBoringSSL").path
            }
            // Host side of each EDL: typed ECALL proxies and the OCALL protocol.
            // Only the enclave's own top-level .edl files (as EnclaveBuilder): the SDK's runtime
            // EDL among the inputs is compiled into SGXTrusted/SGXHost, not per enclave.
            let edlFiles = enclaveFiles.filter {
                $0.pathExtension == "edl" && $0.deletingLastPathComponent().standardizedFileURL == enclaveDirectory.standardizedFileURL
            }
            for edl in rootEDLFiles(edlFiles) {
                let base = edl.deletingPathExtension().lastPathComponent
                let untrusted = context.pluginWorkDirectoryURL.appendingPathComponent("\(base)+Untrusted.swift")
                let trusted = context.pluginWorkDirectoryURL.appendingPathComponent("\(base)+Trusted.unused.swift")
                commands.append(.buildCommand(
                    displayName: "Generating host bridge for \(edl.lastPathComponent)",
                    executable: tool.url,
                    arguments: ["edl", "generate", edl.path, "-I", enclaveDirectory.path,
                                "--trusted", trusted.path, "--untrusted", untrusted.path, "--enclave-name", base],
                    inputFiles: [tool.url, edl],
                    outputFiles: [untrusted]))
            }
            commands.append(.buildCommand(
                displayName: "Building, measuring and signing enclave \(name)",
                executable: tool.url,
                arguments: ["build", enclaveDirectory.path, "--output", image.path,
                            "--work-directory", work.path, "--emit-locator", locator.path, "--locator-name", name],
                environment: environment,
                inputFiles: inputs,
                outputFiles: [locator])) // the image is written before the locator
        }
        return commands
    }

    /// The files under the directories `enclave.json` lists in `sharedSources` (relative to the
    /// enclave directory). Only to declare build inputs: `swift-sgx build` validates the key
    /// and reports a bad entry with a clear error, so anything unreadable here is skipped.
    func sharedSourceFiles(_ config: URL, _ enclaveDirectory: URL) -> [URL] {
        guard let data = FileManager.default.contents(atPath: config.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["sharedSources"] as? [String] else { return [] }
        var files: [URL] = []
        for entry in entries {
            let directory = enclaveDirectory.appendingPathComponent(entry).standardizedFileURL
            guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in enumerator where file.pathExtension == "swift" { files.append(file) }
        }
        return files
    }

    /// The EDL files no other EDL in the same set imports (the same rule as
    /// `EnclaveBuilder.rootEDLFiles`): one interface each, imports merged in.
    func rootEDLFiles(_ files: [URL]) -> [URL] {
        var imported: Set<String> = []
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            var rest = Substring(text)
            while let start = rest.range(of: "from \"") {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                imported.insert(String(rest[..<end]).split(separator: "/").last.map(String.init) ?? "")
                rest = rest[end...]
            }
        }
        return files.filter { !imported.contains($0.lastPathComponent) }
    }

    /// The package `identity` anywhere in the dependency graph of `root`.
    func findPackage(_ identity: String, in root: Package) -> Package? {
        var queue = root.dependencies.map(\.package)
        var seen: Set<String> = []
        while !queue.isEmpty {
            let package = queue.removeFirst()
            guard seen.insert(package.id).inserted else { continue }
            if package.id == identity { return package }
            queue += package.dependencies.map(\.package)
        }
        return nil
    }

    /// The SDK's trusted sources (shared types, trusted library, runtime): inputs of every
    /// enclave build, so that changing them rebuilds the enclaves.
    func trustedSDKSources(_ context: PluginContext) -> [URL] {
        let marker = "Sources/CEnclaveRuntime/enclave.lds"
        var root: URL? = nil
        if FileManager.default.fileExists(atPath: context.package.directoryURL.appendingPathComponent(marker).path) {
            root = context.package.directoryURL
        } else {
            root = findPackage("swift-sgx", in: context.package)?.directoryURL
        }
        guard let root else { return [] }
        var files: [URL] = []
        for folder in ["Sources/SGXTypes", "Sources/SGXTrusted", "Sources/CEnclaveRuntime"] {
            guard let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in enumerator where !file.hasDirectoryPath { files.append(file) }
        }
        return files
    }
}
