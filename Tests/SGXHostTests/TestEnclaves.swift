import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXTypes

/// Builds the test enclaves under Tests/SGXHostTests/Enclaves once per test run, with the
/// same pipeline as `swift-sgx build`, into a temporary directory.
enum TestEnclaves {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static let cache = EnclaveBuildCache(label: "host-tests")
    static var workRoot: String { cache.workDirectory }

    /// The signed image bytes of enclave `name`.
    static func image(_ name: String) throws -> [UInt8] {
        try cache.image(name) { work in EnclaveBuildCache.request(name, in: sourceRoot, work: work) }
    }

    static func basic(ocalls: OCallTable = OCallTable(),
                      output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> Enclave {
        try Enclave(image: try image("Basic"), ocalls: ocalls, output: output)
    }
}

/// A frame of little-endian u64 fields in host memory.
final class Frame: @unchecked Sendable {
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
