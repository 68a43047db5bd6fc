import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXTypes

/// Builds the test enclaves under Tests/SGXTrustedSyncTests/Enclaves once per test run:
/// `Sync` (unbound TCS policy) and `SyncBound` (the same sources, bound policy).
enum SyncEnclave {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static var workRoot: String { cache.workDirectory }
    static let cache = EnclaveBuildCache(label: "sync-tests")

    static func image(_ name: String) throws -> [UInt8] {
        try cache.image(name) { work in
            EnclaveBuildCache.request(name, in: sourceRoot, extraSources: name == "Sync" ? [] : ["\(sourceRoot)/Sync/Sync.swift"],
                                      work: work)
        }
    }

    static func load(bound: Bool = false,
                     output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> SharedEnclave {
        SharedEnclave(try Enclave(image: try image(bound ? "SyncBound" : "Sync"), output: output))
    }
}

/// A frame of eight little-endian u64 fields in host memory (the enclave checks 64 bytes).
final class Frame: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(_ values: [UInt64] = []) {
        pointer = .allocate(byteCount: 64, alignment: 16)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        for (i, v) in values.enumerated() { pointer.storeBytes(of: v, toByteOffset: i * 8, as: UInt64.self) }
    }
    subscript(index: Int) -> UInt64 { pointer.load(fromByteOffset: index * 8, as: UInt64.self) }
    /// ECALL `index` with this frame, keeping the frame alive for the whole call.
    func call(_ enclave: SharedEnclave, _ index: UInt32) throws {
        try withExtendedLifetime(self) { try enclave.ecall(index, frame: pointer) }
    }
    deinit { pointer.deallocate() }
}

/// A frame whose first two fields name a path string held alongside it.
final class PathFrame: @unchecked Sendable {
    let frame: Frame
    private let path: UnsafeMutablePointer<UInt8>
    init(_ path: String, _ extra: [UInt64] = []) {
        let bytes = Array(path.utf8)
        self.path = .allocate(capacity: bytes.count)
        self.path.initialize(from: bytes, count: bytes.count)
        frame = Frame([UInt64(UInt(bitPattern: self.path)), UInt64(bytes.count)] + extra)
    }
    func call(_ enclave: SharedEnclave, _ index: UInt32) throws {
        try withExtendedLifetime(self) { try frame.call(enclave, index) }
    }
    subscript(index: Int) -> UInt64 { frame[index] }
    deinit { path.deallocate() }
}

/// Text collected from several threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ buffer: UnsafeRawBufferPointer) { lock.lock(); bytes.append(contentsOf: buffer); lock.unlock() }
    func append(_ text: String) { lock.lock(); bytes.append(contentsOf: Array(text.utf8)); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: bytes, as: UTF8.self) }
}

/// Runs `body` on `count` Foundation threads at once and waits for all of them.
func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

func temporaryPath(_ name: String) -> String {
    SyncEnclave.workRoot + "/\(name)-\(UInt32.random(in: 0...UInt32.max))"
}
