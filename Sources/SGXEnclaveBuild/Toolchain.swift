import Foundation
import SGXTypes

/// The tools the enclave build runs: `swiftc` (Embedded Swift), `clang` and `ld.lld`, all
/// from the Swift toolchain, plus the Embedded runtime libraries it ships.
public struct Toolchain: Sendable {
    public var binDirectory: String
    public var swiftc: String { binDirectory + "/swiftc" }
    public var clang: String { binDirectory + "/clang" }
    public var lld: String { binDirectory + "/ld.lld" }
    /// `usr/lib/swift/embedded/x86_64-unknown-none-elf`.
    public var embeddedLibraries: String { binDirectory + "/../lib/swift/embedded/x86_64-unknown-none-elf" }

    /// Finds the toolchain: `$SWIFT_SGX_TOOLCHAIN` (a `bin` directory), else the directory of
    /// the first `swiftc` on `PATH` (symlinks resolved).
    public static func locate() throws(SGXError) -> Toolchain {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["SWIFT_SGX_TOOLCHAIN"], !explicit.isEmpty {
            return try checked(Toolchain(binDirectory: explicit))
        }
        for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                let resolved = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().deletingLastPathComponent().path
                return try checked(Toolchain(binDirectory: resolved))
            }
        }
        throw SGXError(.unexpected, "no swiftc on PATH; set SWIFT_SGX_TOOLCHAIN to the toolchain's bin directory")
    }

    private static func checked(_ toolchain: Toolchain) throws(SGXError) -> Toolchain {
        for tool in [toolchain.swiftc, toolchain.clang, toolchain.lld] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw SGXError(.unexpected, "toolchain at \(toolchain.binDirectory) lacks \(tool)")
        }
        guard FileManager.default.fileExists(atPath: toolchain.embeddedLibraries) else {
            throw SGXError(.unexpected, "toolchain at \(toolchain.binDirectory) has no Embedded Swift support for x86_64-unknown-none-elf (\(toolchain.embeddedLibraries))")
        }
        return toolchain
    }

    /// clang's builtins archive (128-bit division and friends), if the toolchain has one.
    public var builtinsArchive: String? {
        let root = binDirectory + "/../lib/clang"
        guard let versions = try? FileManager.default.contentsOfDirectory(atPath: root) else { return nil }
        for version in versions.sorted().reversed() {
            let path = "\(root)/\(version)/lib/linux/libclang_rt.builtins-x86_64.a"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}

/// Runs a tool and captures its output; throws with the tool's own diagnostics.
enum Command {
    static func run(_ tool: String, _ arguments: [String], what: String) throws(SGXError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        do {
            try process.run()
        } catch {
            throw SGXError(.unexpected, "cannot run \(tool): \(error)")
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output, as: UTF8.self)
            throw SGXError(.unexpected, "\(what) failed (\(URL(fileURLWithPath: tool).lastPathComponent) exit \(process.terminationStatus)):\n\(text)")
        }
    }
}
