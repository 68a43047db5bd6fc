import Foundation
import SGXEDL
import SGXEnclaveBuild
import SGXHost
import SGXTypes

/// Builds Enclaves/Sample once per test run, like `swift-sgx build` (which generates the
/// trusted bridge from Sample.edl into its work directory and compiles it in).
enum SampleEnclave {
    static let testRoot = EnclaveBuildCache.directory(of: #filePath)
    static let sourceDirectory = testRoot + "/Enclaves/Sample"
    static let edl = sourceDirectory + "/Sample.edl"
    static let committedHostBridge = testRoot + "/Generated/SampleBridge.swift"

    static let interface: EDLEnclave = EDLCompiler.check(file: edl).enclave

    static func index(_ name: String) -> UInt32 { interface.ecallIndex(of: name)! }
    static func layout(_ name: String) -> EDLFrameLayout { interface.frameLayout(of: name)! }

    static let cache = EnclaveBuildCache(label: "edl-tests")

    /// The enclave build generates the trusted bridge from Sample.edl itself.
    static func image() throws -> [UInt8] {
        try cache.image("Sample") { work in
            EnclaveBuilder.Request(sourceDirectory: sourceDirectory, output: work + "/Sample.signed.so",
                                   workDirectory: work + "/Sample-work")
        }
    }

    static func load(_ host: HostOCalls = HostOCalls(), patch: (inout OCallTable) -> Void = { _ in }) throws -> Enclave {
        var table = Sample.ocallTable(host)
        patch(&table)
        return try Enclave(image: try image(), ocalls: table)
    }
}

/// What the host's OCALL implementations saw.
final class HostRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    func add(_ s: String) { lock.lock(); entries.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return entries }
}

/// The host side of Sample.edl.
struct HostOCalls: SampleOCalls {
    let record = HostRecord()

    func ocall_pointer_user_check(_ val: UnsafeMutableRawPointer?) { record.add("user_check \(val == nil)") }
    func ocall_pointer_in(_ val: Int32) { record.add("in \(val)") }
    func ocall_pointer_out(_ val: inout Int32) { val = 1234 }
    func ocall_pointer_in_out(_ val: inout Int32) { val *= 2 }
    func ocall_function_allow(nested: Sample_ocall_function_allow_ECalls) {
        do { record.add("private \(try nested.ecall_function_private())") } catch { record.add("private failed \(error)") }
        // A public ECALL that allow() does not list: refused while nested.
        let frame = EDLHostMemory(count: 8)
        do { try nested.call.ecall(SampleEnclave.index("ecall_pointer_in"), frame: frame.pointer); record.add("not-allowed accepted") }
        catch { record.add("not-allowed \(error.status)") }
    }
    func ocall_sum(_ v: [Int32], _ n: Int) -> Int32 { v.reduce(0, +) }
    func ocall_fill(_ buf: inout [UInt8], _ len: Int, _ value: UInt8) { buf = [UInt8](repeating: value, count: len) }
    func ocall_echo_string(_ s: inout String) { s = s.uppercased() + "!" }
    func ocall_get_pointer() -> UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 0x1000) }
    func ocall_set_errno(_ value: Int32) -> Int32 { errno = value; return -1 }
    func ocall_wide(_ s: String, _ e: inout enum_foo_t) { e = s == "wide \u{00e9}\u{1F600}" ? .ENUM_FOO_1 : .ENUM_FOO_0 }
}

/// A hand-made frame of u64 slots in host memory.
final class RawFrame {
    let pointer: UnsafeMutableRawPointer
    init(_ values: [UInt64]) {
        pointer = .allocate(byteCount: max(8, values.count * 8), alignment: 16)
        for (i, v) in values.enumerated() { pointer.storeBytes(of: v, toByteOffset: i * 8, as: UInt64.self) }
    }
    subscript(i: Int) -> UInt64 { pointer.load(fromByteOffset: i * 8, as: UInt64.self) }
    deinit { pointer.deallocate() }
}
