import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXTypes

/// Builds the test enclaves under Tests/SGXHostTests/Enclaves once per test run, with the
/// same pipeline as `swift-sgx build`, into a temporary directory.
enum TestEnclaves {
    static let sourceRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/") + "/Enclaves"
    }()

    static let workRoot: String = {
        let path = NSTemporaryDirectory() + "swift-sgx-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: [String: Result<[UInt8], SGXError>] = [:]

    /// The signed image bytes of enclave `name`.
    static func image(_ name: String) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if let result = built[name] { return try result.get() }
        let result: Result<[UInt8], SGXError>
        do {
            let request = EnclaveBuilder.Request(
                sourceDirectory: "\(sourceRoot)/\(name)", output: "\(workRoot)/\(name).signed.so",
                workDirectory: "\(workRoot)/\(name)-work")
            let built = try EnclaveBuilder.build(request)
            result = .success([UInt8](FileManager.default.contents(atPath: built.output)!))
        } catch {
            result = .failure(error)
        }
        built[name] = result
        return try result.get()
    }

    static func basic(ocalls: OCallTable = OCallTable(),
                      output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> Enclave {
        try Enclave(image: try image("Basic"), ocalls: ocalls, output: output)
    }
}

/// A frame of little-endian u64 fields in host memory.
final class Frame {
    let pointer: UnsafeMutableRawPointer
    let count: Int
    init(_ values: [UInt64]) {
        count = values.count
        pointer = .allocate(byteCount: max(8, values.count * 8), alignment: 16)
        for (i, v) in values.enumerated() { pointer.storeBytes(of: v, toByteOffset: i * 8, as: UInt64.self) }
    }
    subscript(index: Int) -> UInt64 { pointer.load(fromByteOffset: index * 8, as: UInt64.self) }
    deinit { pointer.deallocate() }
}
