import Foundation
import SGXEDL
import SGXHost
import SGXTypes
import Testing

/// A hostile host against the generated trusted bridges: hand-made frames sent straight to
/// `Enclave.ecall(_:frame:)`, and OCALL handlers that answer with garbage. Every attack must
/// be refused with the expected status, leave the enclave's state unchanged and the
/// enclave working.
@Suite(.serialized) struct HostileHostTests {
    /// Addresses an attack may use.
    struct Context: Sendable {
        var base: UInt64        // first enclave byte
        var size: UInt64        // ELRANGE size
        var host: UInt64        // 4 KiB of host memory: "abc" then zeros, 0xff from 64
        var end: UInt64 { base + size }
    }

    struct Attack: CustomStringConvertible, Sendable {
        var description: String
        var ecall: String
        /// Parameter name (or "ret") → raw slot value; `frame` overrides the frame pointer.
        var slots: @Sendable (Context) -> [String: UInt64]
        var frame: (@Sendable (Context) -> UInt64)? = nil
        var expected: SGXStatus = .invalidParameter
        var index: UInt32? = nil
    }

    static let attacks: [Attack] = [
        Attack(description: "frame inside the enclave", ecall: "ecall_pointer_in", slots: { _ in [:] }, frame: { $0.base + 0x100 }),
        Attack(description: "frame straddling the enclave start", ecall: "ecall_pointer_size", slots: { _ in [:] }, frame: { $0.base - 8 }),
        Attack(description: "frame straddling the enclave end", ecall: "ecall_pointer_size", slots: { _ in [:] }, frame: { $0.end - 8 }),
        Attack(description: "null frame", ecall: "ecall_pointer_in", slots: { _ in [:] }, frame: { _ in 0 }),
        Attack(description: "frame wrapping the address space", ecall: "ecall_pointer_size", slots: { _ in [:] }, frame: { _ in UInt64.max - 7 }),
        Attack(description: "[in] int pointer inside the enclave", ecall: "ecall_pointer_in", slots: { ["val": $0.base + 0x200] }),
        Attack(description: "[in] int pointer straddling the enclave start", ecall: "ecall_pointer_in", slots: { ["val": $0.base - 2] }),
        Attack(description: "[in] int pointer null", ecall: "ecall_pointer_in", slots: { _ in ["val": 0] }),
        Attack(description: "[out] int pointer inside the enclave", ecall: "ecall_pointer_out", slots: { ["val": $0.base + 0x1000] }),
        Attack(description: "[out] int pointer overlapping the enclave end", ecall: "ecall_pointer_out", slots: { ["val": $0.end - 2] }),
        Attack(description: "[out] int pointer null", ecall: "ecall_pointer_out", slots: { _ in ["val": 0] }),
        Attack(description: "[in, out] pointer inside the enclave", ecall: "ecall_pointer_in_out", slots: { ["val": $0.base + 0x40] }),
        Attack(description: "[in, out, size] buffer reaching into the enclave", ecall: "ecall_pointer_size", slots: { ["ptr": $0.base - 16, "len": 32] }),
        Attack(description: "[in, out, size] buffer inside the enclave", ecall: "ecall_pointer_size", slots: { ["ptr": $0.base, "len": 16] }),
        Attack(description: "[in, out, size] null with non-zero size", ecall: "ecall_pointer_size", slots: { _ in ["ptr": 0, "len": 16] }),
        Attack(description: "[size] length larger than the address space", ecall: "ecall_pointer_size", slots: { ["ptr": $0.base - 16, "len": UInt64(Int.max)] }),
        Attack(description: "[size] huge buffer outside the enclave: refused before allocating", ecall: "ecall_pointer_size",
               slots: { ["ptr": $0.end, "len": 1 << 40] }, expected: .outOfMemory),
        Attack(description: "[size] negative length (size_t high bit)", ecall: "ecall_pointer_size", slots: { ["ptr": $0.host, "len": UInt64.max] }),
        Attack(description: "[count] size*count overflow", ecall: "ecall_pointer_count", slots: { ["arr": $0.host, "cnt": 1 << 62] }),
        Attack(description: "[count] count so large the buffer covers the enclave", ecall: "ecall_pointer_count", slots: { ["arr": $0.base - 4 * $0.size, "cnt": $0.size + 1] }),
        Attack(description: "[count] of a negative int", ecall: "ecall_doubles", slots: { ["values": $0.host, "n": UInt64(UInt32.max)] }),
        Attack(description: "[count] double buffer reaching into the enclave", ecall: "ecall_doubles", slots: { ["values": $0.base - 8, "n": 2] }),
        Attack(description: "[in] array inside the enclave", ecall: "ecall_array_in", slots: { ["arr": $0.base + 0x80] }),
        Attack(description: "[out] array overlapping the enclave start", ecall: "ecall_array_out", slots: { ["arr": $0.base - 4] }),
        Attack(description: "[in, out] array null", ecall: "ecall_array_in_out", slots: { _ in ["arr": 0] }),
        Attack(description: "[out] union pointer inside the enclave", ecall: "ecall_enum_flip", slots: { ["o": $0.base + 0x300] }),
        Attack(description: "[in, out] struct pointer inside the enclave", ecall: "ecall_struct_swap", slots: { ["p": $0.base + 0x300] }),
        Attack(description: "string without terminator inside its bound", ecall: "ecall_pointer_string_const", slots: { ["str": $0.host, "str#len": 3] }),
        Attack(description: "string with a terminator before its end", ecall: "ecall_pointer_string_const", slots: { ["str": $0.host, "str#len": 8] }),
        Attack(description: "string of length 0", ecall: "ecall_pointer_string_const", slots: { ["str": $0.host, "str#len": 0] }),
        Attack(description: "string length beyond the address space", ecall: "ecall_pointer_string_const", slots: { ["str": $0.host, "str#len": 1 << 63] }),
        Attack(description: "string inside the enclave", ecall: "ecall_pointer_string_const", slots: { ["str": $0.base + 0x10, "str#len": 4] }),
        Attack(description: "[in, out] string bound reaching into the enclave", ecall: "ecall_pointer_string", slots: { ["str": $0.base - 2, "str#len": 4] }),
        Attack(description: "null string", ecall: "ecall_pointer_string_const", slots: { _ in ["str": 0, "str#len": 4] }),
        Attack(description: "wstring length not a multiple of wchar_t", ecall: "ecall_wstring_length", slots: { ["s": $0.host + 64 - 3, "s#len": 7] }),
        Attack(description: "wstring without terminator", ecall: "ecall_wstring_length", slots: { ["s": $0.host + 64, "s#len": 8] }),
        Attack(description: "isptr buffer inside the enclave", ecall: "ecall_pointer_isptr_readonly", slots: { ["buf": $0.base + 8, "len": 8] }),
        Attack(description: "private ECALL at top level", ecall: "ecall_function_private", slots: { _ in [:] }, expected: .ecallNotAllowed),
        Attack(description: "ECALL index past the last ECALL", ecall: "ecall_last", slots: { _ in [:] }, expected: .invalidFunction,
               index: UInt32(SampleEnclave.interface.ecalls.count)),
    ]

    static func frame(for attack: Attack, _ context: Context) -> RawFrame {
        let layout = SampleEnclave.layout(attack.ecall)
        var words = [UInt64](repeating: 0, count: max(1, layout.size / 8))
        for (key, value) in attack.slots(context) {
            let parts = key.split(separator: "#")
            let slot = layout.slot(String(parts[0]))!
            let offset = parts.count > 1 ? slot.lengthOffset! : slot.offset
            words[offset / 8] = value
        }
        return RawFrame(words)
    }

    static func context(_ enclave: borrowing Enclave, host: UnsafeMutableRawPointer) throws -> Context {
        Context(base: try enclave.ecall_enclave_address(), size: try enclave.ecall_enclave_size(),
                host: UInt64(UInt(bitPattern: host)))
    }

    static func hostMemory() -> UnsafeMutableRawPointer {
        let host = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        host.initializeMemory(as: UInt8.self, repeating: 0, count: 4096)
        for (i, b) in "abc".utf8.enumerated() { host.storeBytes(of: b, toByteOffset: i, as: UInt8.self) }
        host.storeBytes(of: 0x41, toByteOffset: 4, as: UInt8.self)  // "abc\0A..." : early terminator
        for i in 64..<128 { host.storeBytes(of: 0xff, toByteOffset: i, as: UInt8.self) }
        return host
    }

    @Test func attackTableIsLargeEnough() { #expect(Self.attacks.count >= 30) }

    @Test(arguments: attacks)
    func hostileFrameIsRefused(_ attack: Attack) throws {
        let enclave = try SampleEnclave.load()
        let host = Self.hostMemory()
        defer { host.deallocate() }
        let context = try Self.context(enclave, host: host)
        try enclave.ecall_pointer_in(777)
        let frame = Self.frame(for: attack, context)
        let pointer = attack.frame.map { UnsafeMutableRawPointer(bitPattern: UInt($0(context))) } ?? frame.pointer
        let index = attack.index ?? SampleEnclave.index(attack.ecall)
        #expect(throws: SGXError(attack.expected), "\(attack)") { try enclave.ecall(index, frame: pointer) }
        // No corruption: state unchanged, the enclave still works.
        let crashed = enclave.isCrashed
        #expect(!crashed)
        #expect(try enclave.ecall_last() == 777)
        var v: Int32 = 21
        try enclave.ecall_pointer_in_out(&v)
        #expect(v == 42)
    }

    @Test func userCheckPointerIntoTheEnclaveIsNotReadable() throws {
        let enclave = try SampleEnclave.load()
        let base = try enclave.ecall_enclave_address()
        // The bridge passes user_check through; UntrustedPointer refuses to copy from the enclave.
        #expect(try enclave.ecall_pointer_user_check(UnsafeMutableRawPointer(bitPattern: UInt(base) + 64), 8) == -1)
    }

    /// Found by the frame fuzzer (FrameFuzzTests, seed 0x5157f7a3e0ca11ed, iteration 86): an
    /// EDL enum is a C int the host may set to anything; the Sample enclave's
    /// `ecall_type_enum_union` converted a negative value with `UInt64(_:)` and trapped,
    /// crashing the enclave (after it had already written the user_check union).
    @Test func negativeEnumValueDoesNotCrashTheEnclave() throws {
        let enclave = try SampleEnclave.load()
        let memory = EDLHostMemory(bytes: [41, 0, 0, 0, 0, 0, 0, 0])
        try enclave.ecall_type_enum_union(enum_foo_t(rawValue: -2), memory.pointer)
        let crashed = enclave.isCrashed
        #expect(!crashed)
        #expect(try enclave.ecall_last() == UInt64(UInt32(bitPattern: -2)) << 32 | 41)
        #expect(memory.pointer.loadUnaligned(as: UInt64.self) == 42)
    }

    @Test func hostChangingInDataDuringTheCallIsNotSeen() throws {
        let enclave = try SampleEnclave.load()
        let count = 4096
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        let layout = SampleEnclave.layout("ecall_sum_twice")
        let frame = EDLHostMemory(count: layout.size)
        (frame.pointer + layout.slot("buf")!.offset).storeBytes(of: UInt64(UInt(bitPattern: buffer)), as: UInt64.self)
        (frame.pointer + layout.slot("len")!.offset).storeBytes(of: UInt64(count), as: UInt64.self)
        (frame.pointer + layout.slot("spins")!.offset).storeBytes(of: UInt64(200_000), as: UInt64.self)
        let stop = ManagedAtomicFlag()
        let address = UInt(bitPattern: buffer)
        let flipper = Thread {
            let p = UnsafeMutablePointer<UInt8>(bitPattern: address)!
            var i = 0
            while !stop.isSet { p[i % count] &+= 1; i &+= 7 }
        }
        flipper.start()
        defer { stop.set() }
        for _ in 0..<20 {
            try enclave.ecall(SampleEnclave.index("ecall_sum_twice"), frame: frame.pointer)
            #expect(frame.pointer.load(as: Int32.self) == 1)
        }
    }

    @Test func ocallStringComingBackUnterminatedIsRefused() throws {
        let enclave = try SampleEnclave.load(patch: { table in
            table[Int(SampleEnclave.interface.ocallIndex(of: "ocall_echo_string")!)] = { call in
                guard let frame = call.frame else { return 2 }
                let p = UnsafeMutableRawPointer(bitPattern: UInt(frame.load(as: UInt64.self)))!
                let n = Int(frame.load(fromByteOffset: 8, as: UInt64.self))
                for i in 0..<n { p.storeBytes(of: UInt8(0x41), toByteOffset: i, as: UInt8.self) }
                return 0
            }
        })
        #expect(try enclave.ecall_ocall_echo() == SGXStatus.invalidParameter.rawValue)
        #expect(try enclave.ecall_ocall_echo() == SGXStatus.invalidParameter.rawValue)
    }

    @Test func ocallReturningAPointerIntoTheEnclaveIsRefused() throws {
        let base = Box()
        let enclave = try SampleEnclave.load(patch: { table in
            table[Int(SampleEnclave.interface.ocallIndex(of: "ocall_get_pointer")!)] = { call in
                call.frame!.storeBytes(of: base.value + 0x2000, as: UInt64.self)
                return 0
            }
        })
        base.value = try enclave.ecall_enclave_address()
        #expect(try enclave.ecall_ocall_pointer() == SGXStatus.invalidParameter.rawValue)
    }

    @Test func ocallWithAnUnknownStatusFailsCleanly() throws {
        let enclave = try SampleEnclave.load(patch: { table in
            table[Int(SampleEnclave.interface.ocallIndex(of: "ocall_get_pointer")!)] = { _ in 0xdead_beef }
        })
        #expect(try enclave.ecall_ocall_pointer() == SGXStatus.unexpected.rawValue)
    }

    @Test func ocallHostInflatingTheLengthIsIgnored() throws {
        let enclave = try SampleEnclave.load(patch: { table in
            table[Int(SampleEnclave.interface.ocallIndex(of: "ocall_fill")!)] = { call in
                guard let frame = call.frame else { return 2 }
                frame.storeBytes(of: UInt64(1) << 40, toByteOffset: 8, as: UInt64.self)  // "len"
                return 0
            }
        })
        // The enclave keeps the length it asked for.
        #expect(try enclave.ecall_ocall_fill(5) == 0)
        // An OCALL buffer larger than the untrusted stack fails with outOfMemory, not a crash.
        #expect(try enclave.ecall_ocall_fill(UInt32.max) == SGXStatus.outOfMemory.rawValue)
        let crashed = enclave.isCrashed
        #expect(!crashed)
    }

    @Test func nestedECallNotAllowedFromThisOCall() throws {
        let seen = HostRecord()
        let enclave = try SampleEnclave.load(patch: { table in
            table[Int(SampleEnclave.interface.ocallIndex(of: "ocall_sum")!)] = { call in
                do { try call.ecall(SampleEnclave.index("ecall_function_private"), frame: EDLHostMemory(count: 8).pointer); seen.add("accepted") }
                catch let error as SGXError { seen.add("\(error.status)") } catch { seen.add("\(error)") }
                call.frame!.storeBytes(of: Int32(10), as: Int32.self)
                return 0
            }
        })
        _ = try enclave.ecall_run_ocalls()
        #expect(seen.all.first == "ecallNotAllowed")
    }
}

final class Box: @unchecked Sendable { var value: UInt64 = 0 }

final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    func set() { lock.lock(); flag = true; lock.unlock() }
}
