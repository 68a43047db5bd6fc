import Foundation
import SGXEDL
import SGXSign
import SGXTypes

/// `swift-sgx build`: compiles a directory of enclave Swift sources with Embedded Swift
/// for `x86_64-unknown-none-elf`, compiles the trusted runtime freestanding, links a
/// static PIE (no undefined symbols, only RELATIVE relocations, one entry point, separate
/// RX/R/RW segments) with the config embedded, validates it, and signs it.
public enum EnclaveBuilder {
    public struct Request: Sendable {
        /// Directory with the enclave's `.swift` files and optional `enclave.json`.
        public var sourceDirectory: String
        /// Where the signed image goes.
        public var output: String
        /// Scratch directory for objects and modules.
        public var workDirectory: String
        /// PEM signing key; nil signs with the public ``DevelopmentKey``.
        public var keyPath: String?
        /// Sign even a non-debug enclave with the public development key (refused otherwise:
        /// see ``DevelopmentKey/checkUse(by:debug:allowed:)``).
        public var allowDevelopmentKey = false
        public var mode: EnclaveConfig.Mode = .simulation
        /// Swift optimisation level. nil: `$SWIFT_SGX_ENCLAVE_OPT` if set, else enclave.json's
        /// `optimization`, else `-Osize` (`-Onone` keeps trap messages, which Embedded Swift
        /// drops when optimising).
        public var optimization: String? = ProcessInfo.processInfo.environment["SWIFT_SGX_ENCLAVE_OPT"]
        /// Extra Swift files compiled into the enclave module (e.g. EDL bridges).
        public var extraSources: [String] = []

        public init(sourceDirectory: String, output: String, workDirectory: String, keyPath: String? = nil) {
            self.sourceDirectory = sourceDirectory
            self.output = output
            self.workDirectory = workDirectory
            self.keyPath = keyPath
        }
    }

    public struct Result: Sendable {
        public var output: String
        public var unsignedImage: String
        public var mrenclave: [UInt8]
        public var mrsigner: [UInt8]
        public var config: EnclaveConfig
    }

    public static func build(_ request: Request) throws(SGXError) -> Result {
        let toolchain = try Toolchain.locate()
        let fm = FileManager.default
        let work = request.workDirectory
        do {
            try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
            let outputDirectory = (request.output as NSString).deletingLastPathComponent
            if !outputDirectory.isEmpty { try fm.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true) }
        } catch {
            throw SGXError(.enclaveFileAccess, "cannot create \(work): \(error.localizedDescription)")
        }
        var config = try EnclaveConfigFile.load(path: request.sourceDirectory + "/" + EnclaveConfigFile.fileName)
        config.mode = request.mode

        // The enclave's own files, then those of the `sharedSources` directories (code that is
        // also a host target: the native twin), then extra files and the EDL bridges.
        let shared = try EnclaveConfigFile.sharedSourceDirectories(
            configPath: request.sourceDirectory + "/" + EnclaveConfigFile.fileName, enclaveDirectory: request.sourceDirectory)
        var sharedFiles: [String] = []
        for directory in shared { sharedFiles += try swiftFiles(in: directory) }
        let userSources = try swiftFiles(in: request.sourceDirectory) + sharedFiles + request.extraSources
            + (try generateTrustedBridges(in: request.sourceDirectory, into: work))
        guard !userSources.isEmpty else {
            throw SGXError(.invalidParameter, "no .swift files in \(request.sourceDirectory)")
        }
        var optimization = "-Osize"
        if let requested = request.optimization {
            optimization = requested
        } else if let configured = try EnclaveConfigFile.optimization(
            configPath: request.sourceDirectory + "/" + EnclaveConfigFile.fileName) {
            optimization = configured
        }
        let swiftFlags = [
            "-target", "x86_64-unknown-none-elf",
            "-enable-experimental-feature", "Embedded",
            "-enable-experimental-feature", "Extern",
            "-wmo", "-parse-as-library", optimization,
            "-Xfrontend", "-disable-stack-protector",
            "-Xfrontend", "-function-sections",
            "-Xfrontend", "-trap-function", "-Xfrontend", "sgx_swift_trap",
            "-I", work,
        ]
        var objects: [String] = []
        // Shared structures, then the trusted library, then the user's enclave module.
        for (module, sources) in [("SGXTypes", try swiftFiles(in: SDKSources.sharedTypes)),
                                  ("SGXTrusted", try swiftFiles(in: SDKSources.trustedLibrary))] {
            let object = "\(work)/\(module).o"
            try Command.run(toolchain.swiftc, swiftFlags + [
                "-module-name", module, "-emit-module", "-emit-module-path", "\(work)/\(module).swiftmodule",
                "-c", "-o", object] + sources, what: "compiling \(module) (Embedded Swift)")
            objects.append(object)
        }
        let enclaveObject = "\(work)/Enclave.o"
        try Command.run(toolchain.swiftc, swiftFlags + ["-module-name", "Enclave", "-c", "-o", enclaveObject] + userSources,
                        what: "compiling the enclave sources in \(request.sourceDirectory)")
        objects.append(enclaveObject)

        // Trusted runtime: C and assembly, freestanding, with the mode's ENCLU back end.
        let runtime = SDKSources.runtime
        let skipped: Set<String> = request.mode == .simulation ? ["eexit_hw.S", "enclu_hw.c"] : ["eexit_sim.S", "enclu_sim.c"]
        let runtimeSources: [String]
        do {
            runtimeSources = try fm.contentsOfDirectory(atPath: runtime)
                .filter { ($0.hasSuffix(".c") || $0.hasSuffix(".S")) && !skipped.contains($0) }.sorted()
        } catch {
            throw SGXError(.enclaveFileAccess, "cannot read the runtime sources at \(runtime)")
        }
        let cFlags = ["--target=x86_64-unknown-none-elf", "-ffreestanding", "-fPIC", "-fno-stack-protector", "-O2",
                      "-fvisibility=hidden", "-ffunction-sections", "-fdata-sections", "-fno-asynchronous-unwind-tables",
                      "-fno-builtin", "-mno-red-zone", "-Wall", "-I", runtime + "/include", "-I", runtime]
        for source in runtimeSources {
            let object = "\(work)/rt_\(source).o"
            try Command.run(toolchain.clang, cFlags + ["-c", "\(runtime)/\(source)", "-o", object], what: "compiling runtime \(source)")
            objects.append(object)
        }
        // The enclave's own C files (ported C code, or a helper the Swift code reaches with
        // @_extern(c)): compiled freestanding like the runtime, with its headers in reach.
        for (index, source) in try filesWithSuffix(".c", in: request.sourceDirectory).enumerated() {
            let object = "\(work)/user\(index)_\((source as NSString).lastPathComponent).o"
            try Command.run(toolchain.clang, cFlags + ["-c", source, "-o", object], what: "compiling \(source)")
            objects.append(object)
        }
        // The config, as the .sgx_config section.
        let configAssembly = "\(work)/config.S"
        let configText = ".section .sgx_config,\"a\",@progbits\n.globl sgx_enclave_config\n.p2align 4\nsgx_enclave_config:\n"
            + ".byte " + config.bytes.map { String($0) }.joined(separator: ",") + "\n"
            + ".section .note.GNU-stack,\"\",@progbits\n"
        do { try configText.write(toFile: configAssembly, atomically: true, encoding: .utf8) } catch {
            throw SGXError(.enclaveFileAccess, "cannot write \(configAssembly)")
        }
        try Command.run(toolchain.clang, ["--target=x86_64-unknown-none-elf", "-c", configAssembly, "-o", "\(work)/config.o"], what: "assembling the config")
        objects.append("\(work)/config.o")

        let unsigned = "\(work)/enclave.unsigned.so"
        var linkArguments = ["-pie", "--no-dynamic-linker", "-static", "-nostdlib", "--no-undefined", "-Bsymbolic",
                             "--gc-sections", "-z", "now", "-z", "noexecstack", "-z", "separate-code",
                             "-z", "max-page-size=4096", "--build-id=none", "-e", "enclave_entry",
                             "-T", runtime + "/enclave.lds", "-o", unsigned] + objects
        // BoringSSL (swift-crypto's vendored copy), built once and cached: see BoringSSLBuild.
        linkArguments.append(try BoringSSLBuild.archive(toolchain: toolchain).archive)
        linkArguments.append(toolchain.embeddedLibraries + "/libswiftUnicodeDataTables.a")
        if let builtins = toolchain.builtinsArchive { linkArguments.append(builtins) }
        try Command.run(toolchain.lld, linkArguments, what: "linking the enclave")

        guard let imageData = fm.contents(atPath: unsigned) else {
            throw SGXError(.enclaveFileAccess, "linker produced no \(unsigned)")
        }
        let image = try EnclaveELF(bytes: [UInt8](imageData)) // the same checks as at load time
        // No cpuid, syscall, rdtsc, int n, I/O, ... anywhere in the image, BoringSSL included.
        try ForbiddenInstructionScan.check(file: unsigned, toolchain: toolchain)
        let key = try EnclaveSigning.loadKey(path: request.keyPath)
        try DevelopmentKey.checkUse(by: key.publicKey, debug: image.config.debug, allowed: request.allowDevelopmentKey)
        let signed = try EnclaveSigning.sign(image: image, key: key)
        do {
            try Data(signed.image).write(to: URL(fileURLWithPath: request.output), options: .atomic)
        } catch {
            throw SGXError(.enclaveFileAccess, "cannot write \(request.output): \(error.localizedDescription)")
        }
        return Result(output: request.output, unsignedImage: unsigned, mrenclave: signed.sigstruct.enclaveHash,
                      mrsigner: SigstructVerification(signed.sigstruct).mrsigner, config: image.config)
    }

    /// The `.edl` files directly in `directory` that no other `.edl` there imports: each is
    /// one enclave interface (its imports are merged into it, as with edger8r).
    public static func rootEDLFiles(in directory: String) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".edl") }
        var imported: Set<String> = []
        for name in names {
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { continue }
            var rest = Substring(text)
            while let start = rest.range(of: "from \"") {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                imported.insert(String(rest[..<end]).split(separator: "/").last.map(String.init) ?? "")
                rest = rest[end...]
            }
        }
        return names.filter { !imported.contains($0) }.sorted()
    }

    /// Every root `.edl` file in `directory` (see ``rootEDLFiles(in:)``) becomes a trusted
    /// bridge (Embedded Swift) compiled into the enclave module; the host side is generated
    /// by `swift-sgx edl generate` (the build plugin does both).
    static func generateTrustedBridges(in directory: String, into work: String) throws(SGXError) -> [String] {
        let names = rootEDLFiles(in: directory)
        var outputs: [String] = []
        for name in names {
            let path = directory + "/" + name
            let bridges = EDLCompiler.generate(file: path, options: EDLOptions(includePaths: [directory]),
                                               enclaveName: String(name.dropLast(4)))
            guard bridges.isValid else {
                let text = bridges.diagnostics.map { $0.description }.joined(separator: "\n")
                throw SGXError(.invalidParameter, "EDL errors:\n\(text)")
            }
            let output = "\(work)/\(name.dropLast(4))+Trusted.swift"
            guard let trusted = bridges.trusted else { throw SGXError(.invalidParameter, "\(path): no trusted bridge generated") }
            do { try trusted.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw SGXError(.enclaveFileAccess, "cannot write \(output)")
            }
            outputs.append(output)
        }
        return outputs
    }

    /// The `.swift` files under `directory`, recursively, sorted (deterministic builds).
    static func swiftFiles(in directory: String) throws(SGXError) -> [String] {
        try filesWithSuffix(".swift", in: directory)
    }

    /// Every file under `directory` (recursively) whose name ends in `suffix`, sorted.
    static func filesWithSuffix(_ suffix: String, in directory: String) throws(SGXError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw SGXError(.enclaveFileAccess, "cannot read directory \(directory)")
        }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(suffix) { files.append(directory + "/" + path) }
        }
        return files.sorted()
    }
}
