import Crypto
import Foundation
import SGXEnclaveBuild
@_spi(Testing) import SGXHost
import SGXSign
import SGXSimulation
import SGXTypes

/// Builds the protected-file test enclaves under Enclaves/ once per test run: PFS
/// (ISVPRODID 31, ISVSVN 2) and "OtherSigner" (the same sources and configuration signed
/// with a key generated in the test's temporary directory).
enum PFSEnclave {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static let cache = EnclaveBuildCache(label: "pfs-tests")
    static var workRoot: String { cache.workDirectory }

    static func image(_ name: String) throws -> [UInt8] {
        try cache.image(name) { (work) throws(SGXError) in
            var request = EnclaveBuildCache.request(name, in: sourceRoot, directory: "PFS", work: work)
            if name == "OtherSigner" { try EnclaveBuildCache.signWithGeneratedKey(&request, name: name, work: work) }
            return request
        }
    }

    static func load(_ name: String = "PFS") throws -> Enclave {
        try Enclave(image: try image(name))
    }

    /// A fresh directory for one test's files.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "swift-sgx-pfs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Byte `index` of the enclave's test pattern `seed` (ProtectedFileScript.swift).
    static func pattern(_ seed: UInt64, _ index: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: ((index &+ seed) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }

    static func pattern(_ seed: UInt64, from start: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { pattern(seed, start + UInt64($0)) }
    }
}

/// A script of ProtectedFile operations for the PFS enclave's ECALL 1.
struct PFSScript {
    enum Key { case automatic, user([UInt8]) }
    enum Mode: UInt8 { case read = 0, readUpdate, write, writeUpdate, append, appendUpdate }

    private(set) var bytes: [UInt8] = []

    private mutating func u8(_ value: UInt8) { bytes.append(value) }
    private mutating func number<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    private mutating func string(_ text: String) {
        number(UInt16(text.utf8.count))
        bytes += Array(text.utf8)
    }

    mutating func open(_ path: String, _ mode: Mode, key: Key = .user(PFSTest.kdk), cache: UInt32 = 48, durable: Bool = false) {
        u8(1)
        u8(mode.rawValue)
        switch key {
        case .automatic: u8(0)
        case .user(let kdk): u8(1); bytes += kdk
        }
        number(cache)
        u8(durable ? 1 : 0)
        string(path)
    }
    mutating func write(_ data: [UInt8]) { u8(2); number(UInt32(data.count)); bytes += data }
    mutating func writePattern(_ count: UInt64, seed: UInt64, chunk: UInt32 = 4096) {
        u8(3); number(count); number(seed); number(chunk)
    }
    mutating func seek(_ offset: Int64, from origin: UInt8 = 0) { u8(4); number(UInt64(bitPattern: offset)); u8(origin) }
    mutating func read(_ count: UInt32) { u8(5); number(count) }
    mutating func readDigest(_ count: UInt64 = UInt64.max) { u8(6); number(count) }
    mutating func flush() { u8(7) }
    mutating func close() { u8(8) }
    mutating func clearCache() { u8(9) }
    mutating func remove(_ path: String) { u8(10); string(path) }
    mutating func tell() { u8(11) }
    mutating func abandon() { u8(12) }
    mutating func readInto(_ capacity: UInt32) { u8(13); number(capacity) }
}

extension Enclave {
    /// Runs `script`; returns what it produced. A failing script throws its status with
    /// "op N: detail".
    @discardableResult
    func run(_ script: PFSScript, capacity: Int = 1 << 20) throws(SGXError) -> [UInt8] {
        let input = script.bytes
        let header = UnsafeMutableRawPointer.allocate(byteCount: 48, alignment: 16)
        let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: max(input.count, 1), alignment: 16)
        let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { header.deallocate(); inBuffer.deallocate(); outBuffer.deallocate() }
        input.withUnsafeBytes { if let base = $0.baseAddress { inBuffer.copyMemory(from: base, byteCount: $0.count) } }
        for (offset, value) in [(0, UInt64(UInt(bitPattern: inBuffer))), (8, UInt64(input.count)),
                                (16, UInt64(UInt(bitPattern: outBuffer))), (24, UInt64(capacity)), (32, 0), (40, 0)] {
            header.storeBytes(of: value, toByteOffset: offset, as: UInt64.self)
        }
        let output = { () -> [UInt8] in
            let count = Int(header.load(fromByteOffset: 32, as: UInt64.self))
            return [UInt8](UnsafeRawBufferPointer(start: outBuffer, count: min(count, capacity)))
        }
        do {
            try ecall(1, frame: header)
        } catch {
            throw SGXError(error.status, String(decoding: output(), as: UTF8.self))
        }
        return output()
    }

    /// The whole plaintext of `path` as the enclave reads it: (count, SHA-256).
    func digest(_ path: String, key: PFSScript.Key = .user(PFSTest.kdk)) throws(SGXError) -> (count: UInt64, sha256: [UInt8]) {
        var script = PFSScript()
        script.open(path, .read, key: key)
        script.readDigest()
        script.close()
        let out = try run(script)
        return (out.loadLE(UInt64.self, at: 0), Array(out[8..<40]))
    }

    var secsIdentity: SECSIdentity {
        SECSIdentity(mrEnclave: identity.mrenclave, mrSigner: identity.mrsigner, attributes: identity.attributes,
                     miscSelect: identity.miscSelect, isvProdID: identity.isvProdID, isvSVN: identity.isvSvn)
    }
}

/// SHA-256 as the enclave reports it.
func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

func readFile(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
func writeFile(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
