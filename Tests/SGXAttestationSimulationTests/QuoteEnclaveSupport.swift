import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXTypes

/// Builds Enclaves/QuoteEnclave once per test run with the same pipeline as `swift-sgx build`.
enum QuoteEnclave {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static var workRoot: String { cache.workDirectory }
    static let cache = EnclaveBuildCache(label: "attestation-simulation-tests")

    static func image() throws -> [UInt8] {
        try cache.image("QuoteEnclave") { work in EnclaveBuildCache.request("QuoteEnclave", in: sourceRoot, work: work) }
    }

    static func load() throws -> Enclave {
        try Enclave(image: try image())
    }
}

/// The test enclave's frame: 0..<64 REPORTDATA · 64 u64 quote length · 128..< quote.
final class QuoteFrame {
    static let quoteOffset = 128
    static let size = quoteOffset + (16 << 10)
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: QuoteFrame.size, alignment: 64)
    init() { pointer.initializeMemory(as: UInt8.self, repeating: 0, count: QuoteFrame.size) }
    deinit { pointer.deallocate() }
}

extension Enclave {
    /// ECALL 0: `Attestation.quote(reportData:)` inside the enclave.
    func quote(reportData: [UInt8]) throws -> [UInt8] {
        let frame = QuoteFrame()
        reportData.withUnsafeBytes { frame.pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        try ecall(0, frame: frame.pointer)
        let length = frame.pointer.loadUnaligned(fromByteOffset: 64, as: UInt64.self)
        precondition(length <= UInt64(QuoteFrame.size - QuoteFrame.quoteOffset))
        return [UInt8](UnsafeRawBufferPointer(start: frame.pointer + QuoteFrame.quoteOffset, count: Int(length)))
    }
}
