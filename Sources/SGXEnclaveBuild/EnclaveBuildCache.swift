import Foundation
import SGXSign
import SGXTypes

/// Builds enclaves from source once per process and keeps the signed images (or the build
/// error) by name: for test suites and tools that load the same enclave many times. The
/// first caller of a name builds it with ``EnclaveBuilder``; concurrent callers wait for
/// that build; later callers get the cached result. Thread-safe.
///
/// ```swift
/// let cache = EnclaveBuildCache(label: "my-tests")
/// let image = try cache.image("Vault") { work in
///     EnclaveBuilder.Request(sourceDirectory: "Enclaves/Vault", output: work + "/Vault.signed.so",
///                            workDirectory: work + "/Vault-work")
/// }
/// let enclave = try Enclave(image: image)
/// ```
public final class EnclaveBuildCache: @unchecked Sendable {
    /// Where builds go: a fresh directory under the system's temporary directory, one per
    /// label and process.
    public let workDirectory: String
    private let lock = NSLock()
    private var built: [String: Result<[UInt8], SGXError>] = [:]

    public init(label: String) {
        workDirectory = NSTemporaryDirectory() + "swift-sgx-\(label)-\(getpid())"
        try? FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
    }

    /// The signed image of enclave `name`, built the first time from the request `request`
    /// makes (it gets ``workDirectory``). A failed build is remembered and rethrown.
    public func image(_ name: String, _ request: (String) throws(SGXError) -> EnclaveBuilder.Request) throws(SGXError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if let result = built[name] { return try result.get() }
        let result: Result<[UInt8], SGXError>
        do throws(SGXError) {
            let output = try EnclaveBuilder.build(try request(workDirectory)).output
            guard let data = FileManager.default.contents(atPath: output) else {
                throw SGXError(.enclaveFileAccess, "cannot read the built image \(output)")
            }
            result = .success([UInt8](data))
        } catch {
            result = .failure(error)
        }
        built[name] = result
        return try result.get()
    }

    /// The standard request for enclave `name` in `sourceRoot/<directory>` (default: the
    /// name), written to `work/<name>.signed.so`; `extraSources` are compiled in as well.
    public static func request(_ name: String, in sourceRoot: String, directory: String? = nil,
                               extraSources: [String] = [], work: String) -> EnclaveBuilder.Request {
        var request = EnclaveBuilder.Request(sourceDirectory: "\(sourceRoot)/\(directory ?? name)",
                                             output: "\(work)/\(name).signed.so", workDirectory: "\(work)/\(name)-work")
        request.extraSources = extraSources
        return request
    }

    /// Signs `request`'s enclave with a fresh RSA-3072 key written to `work/<name>.pem`: the
    /// same sources under another MRSIGNER (tests of what another signer cannot do).
    public static func signWithGeneratedKey(_ request: inout EnclaveBuilder.Request, name: String, work: String) throws(SGXError) {
        let keyPath = "\(work)/\(name).pem"
        let key = try SigningKey.generate()
        guard FileManager.default.createFile(atPath: keyPath, contents: Data(key.pemRepresentation.utf8)) else {
            throw SGXError(.unexpected, "cannot write \(keyPath)")
        }
        request.keyPath = keyPath
    }

    /// The directory holding the source file `filePath` (pass `#filePath`).
    public static func directory(of filePath: String) -> String {
        var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/")
    }
}
