import ArgumentParser
import Foundation
import SGXEnclaveBuild
import SGXTypes

/// `swift-sgx new NAME`: a package with a host target and an enclave (EDL, Swift, config)
/// that `swift build` builds and signs and `swift run` runs in simulation mode.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new package with a host executable and an enclave.")

    @Argument(help: "Package name, e.g. Vault (a letter, then letters or digits).")
    var name: String

    @Option(help: "Directory to create the package in (default: ./NAME).")
    var directory: String?

    @Option(help: "Depend on swift-sgx at this path (default: this swift-sgx's own checkout).")
    var sgxPath: String?

    @Option(help: "Depend on swift-sgx by URL instead of by path.")
    var sgxURL: String?

    @Option(help: "With --sgx-url: the branch to use.")
    var sgxBranch: String = "main"

    func validate() throws {
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first),
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII }) else {
            throw ValidationError("NAME must start with a letter and contain only ASCII letters and digits")
        }
        if sgxPath != nil && sgxURL != nil { throw ValidationError("give --sgx-path or --sgx-url, not both") }
    }

    func run() throws {
        let root = directory ?? name
        let fm = FileManager.default
        if fm.fileExists(atPath: root) {
            throw fail(SGXError(.invalidParameter, "\(root) already exists"))
        }
        let type = name.prefix(1).uppercased() + name.dropFirst()
        let executable = name.lowercased()
        let enclaveDirectory = "\(type)Enclave"
        let dependency: String
        if let sgxURL {
            dependency = ".package(url: \(String(reflecting: sgxURL)), branch: \(String(reflecting: sgxBranch)))"
        } else {
            let path = URL(fileURLWithPath: sgxPath ?? SDKSources.root).standardizedFileURL.path
            dependency = ".package(name: \"swift-sgx\", path: \(String(reflecting: path)))"
        }
        let files: [(String, String)] = [
            ("Package.swift", ScaffoldTemplates.package(type: type, executable: executable, enclave: enclaveDirectory, dependency: dependency)),
            (".gitignore", ".build/\n.build*/\nPackage.resolved\n/.swiftpm/\n"),
            ("README.md", ScaffoldTemplates.readme(type: type, executable: executable, enclave: enclaveDirectory)),
            ("Sources/\(executable)/main.swift", ScaffoldTemplates.host(type: type, enclave: enclaveDirectory)),
            ("Sources/\(executable)/\(enclaveDirectory)/enclave.json", ScaffoldTemplates.config),
            ("Sources/\(executable)/\(enclaveDirectory)/\(type).edl", ScaffoldTemplates.edl(type: type)),
            ("Sources/\(executable)/\(enclaveDirectory)/\(type).swift", ScaffoldTemplates.enclave(type: type)),
        ]
        do {
            for (path, contents) in files {
                let full = "\(root)/\(path)"
                try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try contents.write(toFile: full, atomically: true, encoding: .utf8)
            }
        } catch {
            throw fail(SGXError(.enclaveFileAccess, "cannot write the package: \(error.localizedDescription)"))
        }
        print("created \(root)")
        print("  cd \(root) && swift build && swift run \(executable)")
    }
}
