import Foundation
import SGXEDL
import SGXHost
import SGXTypes
import Testing

/// Round trips through the generated bridges of Intel's Types/Pointers/Arrays/Functions
/// samples (and Sample.edl's extras), one per attribute combination they use.
@Suite(.serialized) struct RoundTripTests {
    @Test func committedHostBridgeIsCurrent() throws {
        let bridges = EDLCompiler.generate(file: SampleEnclave.edl, enclaveName: "Sample")
        let committed = try String(contentsOfFile: SampleEnclave.committedHostBridge, encoding: .utf8)
        #expect(bridges.untrusted == committed, "run Scripts/regenerate-edl-fixtures.sh")
    }

    @Test func typesByValue() throws {
        let enclave = try SampleEnclave.load()
        try enclave.ecall_type_char(-5)
        #expect(try enclave.ecall_last() == UInt64(bitPattern: -5))
        try enclave.ecall_type_int(-123456)
        #expect(try enclave.ecall_last() == UInt64(bitPattern: -123456))
        try enclave.ecall_type_float(1.5)
        #expect(try enclave.ecall_last() == UInt64(Float(1.5).bitPattern))
        try enclave.ecall_type_double(-2.25)
        #expect(try enclave.ecall_last() == (-2.25 as Double).bitPattern)
        try enclave.ecall_type_size_t(1 << 40)
        #expect(try enclave.ecall_last() == 1 << 40)
        try enclave.ecall_type_wchar_t(0x1F600)
        #expect(try enclave.ecall_last() == 0x1F600)
        try enclave.ecall_type_struct(struct_foo_t(struct_foo_0: 7, struct_foo_1: 1 << 33))
        #expect(try enclave.ecall_last() == 7 + (1 << 33))
        var union = union_foo_t()
        union.union_foo_0 = 41
        let memory = EDLHostMemory(bytes: union.bytes)
        try enclave.ecall_type_enum_union(.ENUM_FOO_1, memory.pointer)
        #expect(try enclave.ecall_last() == 1 << 32 | 41)
        #expect(memory.pointer.load(as: UInt64.self) == 42)
    }

    @Test func structsEnumsUnionsInFramesAndPointers() throws {
        let enclave = try SampleEnclave.load()
        var p = struct_foo_t(struct_foo_0: 1, struct_foo_1: 2)
        let old = try enclave.ecall_struct_swap(struct_foo_t(struct_foo_0: 3, struct_foo_1: 4), &p)
        #expect(old == struct_foo_t(struct_foo_0: 1, struct_foo_1: 2))
        #expect(p == struct_foo_t(struct_foo_0: 3, struct_foo_1: 4))
        var u = union_foo_t()
        u.union_foo_3 = 0x0f0f
        var out = union_foo_t()
        #expect(try enclave.ecall_enum_flip(.ENUM_FOO_0, u, &out) == .ENUM_FOO_1)
        #expect(out.union_foo_3 == ~UInt64(0x0f0f))
        var doubles = [1.0, -2.0, 0.5]
        try enclave.ecall_doubles(&doubles, 3, 4)
        #expect(doubles == [4, -8, 2])
        #expect(throws: SGXError(.invalidParameter)) { try enclave.ecall_doubles(&doubles, 2, 1) }
    }

    @Test func pointers() throws {
        let enclave = try SampleEnclave.load()
        var bytes: [UInt8] = [1, 2, 3, 250]
        let sum = try bytes.withUnsafeMutableBytes { try enclave.ecall_pointer_user_check($0.baseAddress, 4) }
        #expect(sum == 256)
        try enclave.ecall_pointer_in(99)
        #expect(try enclave.ecall_last() == 99)
        var out: Int32 = 5
        try enclave.ecall_pointer_out(&out)
        #expect(out == 1234)
        var inOut: Int32 = 21
        try enclave.ecall_pointer_in_out(&inOut)
        #expect(inOut == 42)
        var string = "swift-sgx"
        try enclave.ecall_pointer_string(&string)
        #expect(string == "xgs-tfiws")
        try enclave.ecall_pointer_string_const("héllo")
        #expect(try enclave.ecall_last() == 6)
        var buffer: [UInt8] = Array(0..<16)
        try enclave.ecall_pointer_size(&buffer, 16)
        #expect(buffer == Array((0..<16).reversed()))
        var counts: [Int32] = [1, -2, 3]
        try enclave.ecall_pointer_count(&counts, 3)
        #expect(counts == [-1, 2, -3])
        try enclave.ecall_pointer_isptr_readonly([10, 20, 30], 3)
        #expect(try enclave.ecall_last() == 60)
        // Host-side check: the array must have the size the EDL gives.
        #expect(throws: SGXError(.invalidParameter)) { try enclave.ecall_pointer_size(&buffer, 17) }
        // Empty buffers travel as NULL with size 0.
        var empty: [UInt8] = []
        try enclave.ecall_pointer_size(&empty, 0)
    }

    @Test func pointerOCalls() throws {
        let host = HostOCalls()
        let enclave = try SampleEnclave.load(host)
        try enclave.ocall_pointer_attr()
        #expect(try enclave.ecall_last() == 0)
        #expect(host.record.all == ["user_check true", "in 42"])
    }

    @Test func arrays() throws {
        let enclave = try SampleEnclave.load()
        var raw: [Int32] = [1, 2, 3, 4]
        try raw.withUnsafeMutableBytes { try enclave.ecall_array_user_check($0.baseAddress) }
        #expect(raw == [101, 102, 103, 104])
        try enclave.ecall_array_in([1, 2, 3, 4])
        #expect(try enclave.ecall_last() == 10 | 4 << 48)
        var out: [Int32] = []
        try enclave.ecall_array_out(&out)
        #expect(out == [0, 11, 22, 33])
        var inOut: [Int32] = [5, 6, 7, 8]
        try enclave.ecall_array_in_out(&inOut)
        #expect(inOut == [6, 7, 8, 9])
        var isary = [Int32](repeating: 9, count: 10)
        try isary.withUnsafeMutableBytes { try enclave.ecall_array_isary($0.baseAddress) }
        #expect(try enclave.ecall_last() == 9)
        #expect(throws: SGXError(.invalidParameter)) { try enclave.ecall_array_in([1, 2, 3]) }
    }

    @Test func functionsAndAllow() throws {
        let host = HostOCalls()
        let enclave = try SampleEnclave.load(host)
        try enclave.ecall_function_public()
        #expect(try enclave.ecall_last() == 0)
        #expect(host.record.all == ["private 1", "not-allowed ecallNotAllowed"])
        // Private at top level: refused by the enclave.
        #expect(throws: SGXError(.ecallNotAllowed)) { try Sample.ecall_function_private(via: { (i, f) throws(SGXError) in try enclave.ecall(i, frame: f) }) }
    }

    @Test func ocallsWithBuffersStringsErrnoAndWideStrings() throws {
        let enclave = try SampleEnclave.load()
        let failures = try enclave.ecall_run_ocalls()
        #expect(failures == 0, "failure mask \(String(failures, radix: 16))")
    }

    @Test func wideStrings() throws {
        let enclave = try SampleEnclave.load()
        #expect(try enclave.ecall_wstring_length("a\u{00e9}\u{1F600}") == 3)
        var s = "mixed Case \u{1F600}"
        try enclave.ecall_wstring_upper(&s)
        #expect(s == "MIXED CASE \u{1F600}")
    }

    @Test func sharedEnclaveProxies() throws {
        let shared = SharedEnclave(try SampleEnclave.load())
        var v: Int32 = 4
        try shared.ecall_pointer_in_out(&v)
        #expect(v == 8)
    }
}
