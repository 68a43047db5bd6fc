import Foundation
import SGXTypes

/// BoringSSL for the inside of an enclave: the copy swift-nio-ssl vendors
/// (`Sources/CNIOBoringSSL` of the resolved swift-nio-ssl checkout: libcrypto and libssl,
/// every symbol prefixed `CNIOBoringSSL_`), compiled
/// freestanding for the host's x86_64 ELF target with the Linux macros removed, archived
/// with `llvm-ar` and cached, so that only the first enclave build pays for it.
///
/// - Left out: `crypto/cpu_intel.cc` (it executes `CPUID`, which faults inside an
///   enclave). The runtime's `cpu_features.c` defines `OPENSSL_cpuid_setup` instead,
///   from the CPUID values the host hands in at `SGX_OP_INIT`, masked by the enclave's
///   XFRM.
/// - The OS surface BoringSSL needs (`pthread_*`, `malloc`, `getentropy`, `qsort`, ...)
///   comes from `Sources/CEnclaveRuntime` (`pthread.c`, `stdlib.c`, `heap.c`, `random.c`).
/// - One BoringSSL per enclave: the trusted crypto wrappers and the TLS stack both link
///   this archive (swift-crypto's copy has no `ssl/`), so no symbol exists twice.
/// - Cache: `$SWIFT_SGX_CACHE` or `~/.cache/swift-sgx`, one `boringssl-<hash>` directory
///   per (checkout path, BoringSSL revision, compiler, flags); written to a temporary name
///   and renamed into place, so concurrent builds never see half an archive.
public enum BoringSSLBuild {
    /// Flags for every BoringSSL source (C++ and assembly): the host triple for the C++
    /// headers, but no OS: no `__linux__`, no files, sockets, POSIX I/O or fork detection.
    public static let compileFlags: [String] = [
        "-O2", "-fPIC", "-fno-stack-protector", "-fvisibility=hidden",
        "-ffunction-sections", "-fdata-sections", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables",
        "-mno-red-zone",
        "-U__linux__", "-U__linux", "-Ulinux", "-U__gnu_linux__",
        "-DNDEBUG", "-DOPENSSL_NO_FILESYSTEM", "-DOPENSSL_NO_POSIX_IO", "-DOPENSSL_NO_SOCK",
        "-DOPENSSL_DOES_NOT_FORK", "-w",
    ]
    /// Extra flags for the C++ sources.
    public static let cxxFlags: [String] = [
        "-std=c++17", "-fno-exceptions", "-fno-rtti", "-fno-threadsafe-statics",
    ]
    /// swift-sgx's own C++ sources compiled into the archive with BoringSSL's flags and
    /// headers (relative to `Sources/CEnclaveRuntime`): `OPENSSL_cpuid_setup`, which
    /// BoringSSL declares inside its C++ namespace.
    public static let runtimeSources: [String] = ["boringssl/cpu_sgx.cc"]
    /// Sources that must not be in an enclave.
    public static let excludedSources: Set<String> = ["crypto/cpu_intel.cc"]
    /// Name of the archive inside the cache directory.
    public static let archiveName = "libCNIOBoringSSL-enclave.a"
    /// The prefix every exported BoringSSL symbol carries in this copy.
    public static let symbolPrefix = "CNIOBoringSSL_"

    /// The `CNIOBoringSSL` directory to build: `$SWIFT_SGX_BORINGSSL` if set (the directory
    /// itself or a swift-nio-ssl checkout), else the swift-nio-ssl checkout resolved for the
    /// package being built (`<root>/.build/checkouts`) or, when swift-sgx is itself a
    /// dependency, the sibling checkout (`<root>/../swift-nio-ssl`).
    public static func locateSources(packageRoot: String = SDKSources.root) throws(SGXError) -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["SWIFT_SGX_BORINGSSL"], !explicit.isEmpty {
            candidates.append(explicit)
            candidates.append(explicit + "/Sources/CNIOBoringSSL")
        }
        candidates.append(packageRoot + "/.build/checkouts/swift-nio-ssl/Sources/CNIOBoringSSL")
        candidates.append(packageRoot + "/../swift-nio-ssl/Sources/CNIOBoringSSL")
        for candidate in candidates
        where fm.fileExists(atPath: candidate + "/crypto/crypto.cc") && fm.fileExists(atPath: candidate + "/ssl/ssl_lib.cc") {
            return URL(fileURLWithPath: candidate).standardizedFileURL.path
        }
        throw SGXError(.enclaveFileAccess,
                       "no BoringSSL sources with libssl (swift-nio-ssl's Sources/CNIOBoringSSL) found; looked in "
                       + candidates.joined(separator: ", ") + "; resolve the package or set SWIFT_SGX_BORINGSSL")
    }

    /// The sources to compile, relative to `directory`, sorted: every `.cc` file except
    /// ``excludedSources``, and the x86_64 ELF assembly (`*-linux.S` and the fiat/hrss
    /// `.S` files).
    public static func sources(in directory: String) throws(SGXError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw SGXError(.enclaveFileAccess, "cannot read \(directory)")
        }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".cc") {
                if !excludedSources.contains(path) { files.append(path) }
            } else if path.hasSuffix(".S") {
                let name = (path as NSString).lastPathComponent
                if name.hasSuffix("-apple.S") || name.hasSuffix("-win.S") { continue }
                if name.contains("arm") || name.contains("586") || name.hasPrefix("x86-") { continue }
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// The cache root: `$SWIFT_SGX_CACHE`, else `~/.cache/swift-sgx`.
    public static var cacheRoot: String {
        if let explicit = ProcessInfo.processInfo.environment["SWIFT_SGX_CACHE"], !explicit.isEmpty { return explicit }
        return NSHomeDirectory() + "/.cache/swift-sgx"
    }

    /// Builds (or finds in the cache) the enclave BoringSSL archive and returns its path
    /// and the include directory for its headers.
    public static func archive(toolchain: Toolchain, jobs: Int = 2) throws(SGXError) -> (archive: String, include: String) {
        let sourceRoot = try locateSources()
        let fm = FileManager.default
        let revision = (try? String(contentsOfFile: sourceRoot + "/hash.txt", encoding: .utf8)) ?? ""
        // The compiler's identity: its path plus size and modification time (an in-place
        // toolchain upgrade must not reuse objects from the old compiler).
        let clangAttributes = try? fm.attributesOfItem(atPath: URL(fileURLWithPath: toolchain.clang).resolvingSymlinksInPath().path)
        let clangIdentity = "\(toolchain.clang) \((clangAttributes?[.size] as? NSNumber)?.int64Value ?? 0) "
            + "\((clangAttributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        var ownSources: [String] = []
        for name in runtimeSources {
            guard let text = try? String(contentsOfFile: SDKSources.runtime + "/" + name, encoding: .utf8) else {
                throw SGXError(.enclaveFileAccess, "cannot read \(SDKSources.runtime)/\(name)")
            }
            ownSources.append(text)
        }
        let key = ([sourceRoot, revision, clangIdentity] + compileFlags + cxxFlags + excludedSources.sorted() + ownSources)
            .joined(separator: "\u{1}")
        let directory = cacheRoot + "/boringssl-" + fnv1a(key)
        let archivePath = directory + "/" + archiveName
        if fm.fileExists(atPath: archivePath) { return (archivePath, sourceRoot + "/include") }

        let scratch = "\(directory).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw SGXError(.enclaveFileAccess, "cannot create \(scratch): \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: scratch) }
        let files = try sources(in: sourceRoot).map { sourceRoot + "/" + $0 }
            + runtimeSources.map { SDKSources.runtime + "/" + $0 }
        let objects = files.map { scratch + "/" + $0.dropFirst($0.hasPrefix(sourceRoot) ? sourceRoot.count + 1 : 0)
            .replacingOccurrences(of: "/", with: "_") + ".o" }
        let include = ["-I", sourceRoot + "/include", "-I", sourceRoot]
        let commands: [(String, [String], String)] = zip(files, objects).map { file, object in
            let language = file.hasSuffix(".cc") ? cxxFlags : []
            return (toolchain.clang, compileFlags + language + include + ["-c", file, "-o", object],
                    "compiling BoringSSL \((file as NSString).lastPathComponent)")
        }
        try Command.runParallel(commands, jobs: jobs)
        try Command.run(toolchain.llvmAr, ["rcs", scratch + "/" + archiveName] + objects, what: "archiving BoringSSL")
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let staged = "\(archivePath).tmp-\(getpid())"
            try? fm.removeItem(atPath: staged)
            try fm.moveItem(atPath: scratch + "/" + archiveName, toPath: staged)
            if rename(staged, archivePath) != 0 { throw SGXError(.enclaveFileAccess, "cannot rename \(staged)") }
            try? "\(sourceRoot)\n\(revision)".write(toFile: directory + "/SOURCE", atomically: true, encoding: .utf8)
        } catch let error as SGXError {
            throw error
        } catch {
            throw SGXError(.enclaveFileAccess, "cannot store \(archivePath): \(error.localizedDescription)")
        }
        return (archivePath, sourceRoot + "/include")
    }

    /// 64-bit FNV-1a as 16 hex digits: a cache key, not a security boundary.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
