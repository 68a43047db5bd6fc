import ArgumentParser
import Foundation
import SGXSimulation
import SGXTypes

/// `swift-sgx pfs`: Intel SGX protected files (`sgx_tprotected_fs` format 1.0) on the host.
struct PFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pfs",
        abstract: "Inspect, decrypt and create Intel SGX protected files (sgx_tprotected_fs format 1.0).",
        discussion: """
            Files written with a user key derivation key (sgx_fopen) can be read and written here with \
            that KDK. Auto-mode files (sgx_fopen_auto_key) are bound to the enclave signer's seal key: \
            `info` shows their header only.
            """,
        subcommands: [PFSInfoCommand.self, PFSDecryptCommand.self, PFSEncryptCommand.self])
}

/// Runs a protected-file operation on `path`, its error as an ``SGXError`` naming the file.
func protectedFile<T>(_ path: String, _ body: () throws(ProtectedFileError) -> T) throws(SGXError) -> T {
    do {
        return try body()
    } catch {
        throw SGXError(error.status, "\(path): \(error)")
    }
}

/// The options naming the user KDK.
struct PFSKeyOptions: ParsableArguments {
    @Option(name: .customLong("kdk"), help: "The user key derivation key: a file of 16 raw bytes or 32 hex digits.")
    var kdkPath: String?

    /// The KDK from `--kdk`, or nil when not given.
    func kdk() throws(SGXError) -> [UInt8]? {
        guard let kdkPath else { return nil }
        return try PFSKeyOptions.parseKDK(readFile(kdkPath), path: kdkPath)
    }

    /// `validate()` of the commands that cannot work without the key.
    func requireKDK() throws {
        guard kdkPath != nil else { throw ValidationError("--kdk is required") }
    }

    /// The KDK of a command that checked ``requireKDK()``.
    func requiredKDK() throws(SGXError) -> [UInt8] {
        guard let kdk = try kdk() else { throw SGXError(.invalidParameter, "--kdk is required") }
        return kdk
    }

    static func parseKDK(_ contents: [UInt8], path: String) throws(SGXError) -> [UInt8] {
        if contents.count == 16 { return contents }
        let text = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.utf8.count == 32, let bytes = [UInt8](hexString: text) { return bytes }
        throw SGXError(.invalidParameter, "\(path): a KDK file holds 16 raw bytes or 32 hex digits (it has \(contents.count) bytes)")
    }
}

struct PFSInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a protected file's header; with --kdk also its bound name and plaintext size.")

    @Argument(help: "The protected file.")
    var file: String

    @OptionGroup var key: PFSKeyOptions

    @Flag(help: "JSON output.")
    var json = false

    func run() throws {
        do {
            let bytes = try readFile(file)
            let source = try key.kdk().map { ProtectedFileKeySource.userKDK($0) }
            let info = try protectedFile(file) { () throws(ProtectedFileError) in try ProtectedFileReader.info(bytes, key: source) }
            print(json ? render(json: info) : render(text: info))
        } catch {
            throw fail(error)
        }
    }

    private func fields(_ info: ProtectedFileInfo) -> [(String, Any)] {
        var out: [(String, Any)] = [
            ("version", info.version),
            ("keyMode", info.usesUserKDK ? "user KDK (sgx_fopen)" : "auto (sgx_fopen_auto_key, MRSIGNER seal key)"),
            ("physicalBytes", info.physicalByteCount),
            ("nodes", info.nodeCount),
            ("nodeAligned", info.isNodeAligned),
            ("updateFlag", Int(info.updateFlag)),
            ("metadataKeyID", info.header.metadataKeyID.hexString),
        ]
        if !info.usesUserKDK {
            out.append(("cpuSVN", info.header.cpuSVN.hexString))
            out.append(("isvSVN", Int(info.header.isvSVN)))
        }
        if let size = info.plaintextSize { out.append(("plaintextBytes", size)) }
        if let name = info.boundName { out.append(("boundName", name)) }
        if let layout = info.layout { out.append(("metadataLayout", layout.description)) }
        if let expected = info.expectedPhysicalByteCount { out.append(("expectedPhysicalBytes", expected)) }
        return out
    }

    private func render(text info: ProtectedFileInfo) -> String {
        fields(info).map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    }

    private func render(json info: ProtectedFileInfo) -> String {
        var object: [String: Any] = [:]
        for (name, value) in fields(info) { object[name] = value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

struct PFSDecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt and verify a protected file written with a user KDK.",
        discussion: """
            Every node is authenticated before anything is written; on any failure no output is written \
            and the exit status is non-zero. The file is bound to the name it was created under: by \
            default FILE's last path component, or --name.
            """)

    @Argument(help: "The protected file.")
    var file: String

    @OptionGroup var key: PFSKeyOptions

    @Option(help: "The name the file was created under (default: FILE's last path component).")
    var name: String?

    @Option(name: [.customShort("o"), .long], help: "Where to write the plaintext.")
    var output: String

    func validate() throws { try key.requireKDK() }

    func run() throws {
        do throws(SGXError) {
            let kdk = try key.requiredKDK()
            let bytes = try readFile(file)
            let openedAs = name ?? file
            let plaintext = try protectedFile(file) { () throws(ProtectedFileError) in
                try ProtectedFileReader.read(bytes, openedAs: openedAs, key: .userKDK(kdk))
            }
            try writeFile(output, plaintext)
        } catch {
            throw fail(error)
        }
    }
}

struct PFSEncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Write a protected file (user KDK mode) that an enclave can open with sgx_fopen.",
        discussion: "The file is bound to --name, by default OUTPUT's last path component: keep that name.")

    @Argument(help: "The plaintext file.")
    var input: String

    @OptionGroup var key: PFSKeyOptions

    @Option(help: "The name to bind (default: OUTPUT's last path component).")
    var name: String?

    @Option(name: [.customShort("o"), .long], help: "Where to write the protected file.")
    var output: String

    func validate() throws { try key.requireKDK() }

    func run() throws {
        do throws(SGXError) {
            let kdk = try key.requiredKDK()
            let plaintext = try readFile(input)
            let boundName = name ?? output
            let bytes = try protectedFile(output) { () throws(ProtectedFileError) in
                try ProtectedFileWriter.write(plaintext, name: boundName, key: .userKDK(kdk))
            }
            try writeFile(output, bytes)
        } catch {
            throw fail(error)
        }
    }
}
