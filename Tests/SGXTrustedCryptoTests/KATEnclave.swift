import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXTypes

/// Builds Enclaves/CryptoKAT once per test run (BoringSSL comes from the shared cache).
enum KATEnclave {
    static let directory = EnclaveBuildCache.directory(of: #filePath)

    /// CryptoKAT: the default XFRM (x87 + SSE), so AVX is masked off inside.
    static let built = build("CryptoKAT")
    /// The same sources with `"xfrm": "0x7"`: BoringSSL's AVX/AVX2 code paths run inside.
    static let builtAVX = build("CryptoKATAVX")

    static func build(_ name: String) -> Result<EnclaveBuilder.Result, SGXError> {
        let work = NSTemporaryDirectory() + "swift-sgx-crypto-tests-\(getpid())"
        let request = EnclaveBuilder.Request(sourceDirectory: directory + "/Enclaves/" + name,
                                             output: work + "/\(name).signed.so", workDirectory: work + "/\(name)-work")
        do throws(SGXError) {
            return .success(try EnclaveBuilder.build(request))
        } catch {
            return .failure(error)
        }
    }

    static func make(avx: Bool = false) throws -> Enclave {
        try Enclave(path: try (avx ? builtAVX : built).get().output)
    }

    /// The names of all vectors in Enclaves/CryptoKAT/Vectors.swift (generated file).
    static func vectorNames() throws -> [String] {
        let text = try String(contentsOfFile: directory + "/Enclaves/CryptoKAT/Vectors.swift", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "(name: \"") else { return nil }
            let rest = line[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
    }
}

/// An ECALL frame of u64 fields plus host buffers addressed from it as (address, length)
/// pairs.
final class PairFrame {
    let frame: UnsafeMutableRawPointer
    let words: Int
    private var buffers: [UnsafeMutableRawBufferPointer] = []

    init(words: Int) {
        self.words = words
        frame = .allocate(byteCount: words * 8, alignment: 16)
        frame.initializeMemory(as: UInt8.self, repeating: 0, count: words * 8)
    }

    subscript(word: Int) -> UInt64 {
        get { frame.load(fromByteOffset: word * 8, as: UInt64.self) }
        set { frame.storeBytes(of: newValue, toByteOffset: word * 8, as: UInt64.self) }
    }

    /// Puts `bytes` in a host buffer of at least `capacity` bytes and its address and
    /// length in pair `index`.
    func setPair(_ index: Int, _ bytes: [UInt8], capacity: Int? = nil) {
        let size = max(capacity ?? bytes.count, bytes.count, 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        buffer.copyBytes(from: bytes)
        buffers.append(buffer)
        self[index * 2] = UInt64(UInt(bitPattern: buffer.baseAddress))
        self[index * 2 + 1] = UInt64(capacity ?? bytes.count)
    }

    /// The first `count` bytes of pair `index`'s buffer.
    func pair(_ index: Int, count: Int) -> [UInt8] {
        let address = UnsafeRawPointer(bitPattern: UInt(self[index * 2]))!
        return Array(UnsafeRawBufferPointer(start: address, count: count))
    }

    deinit {
        frame.deallocate()
        for buffer in buffers { buffer.deallocate() }
    }
}
