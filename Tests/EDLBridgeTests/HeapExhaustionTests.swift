import Foundation
import SGXEDL
import SGXHost
import SGXTypes
import Testing

/// A host that names huge (but genuinely untrusted) buffers must get `outOfMemory` from the
/// bridge, never an enclave ended by an exhausted heap. Found by the frame fuzzer: an
/// `[in, out, count=cnt] int *` of half the free heap passed the old per-buffer check (half
/// the free heap) and then crashed the enclave, because the bridge holds three copies of such
/// a buffer at once (the copied bytes, the decoded elements, the encoded copy-out); strings
/// were worse (an invalid UTF-8 byte is repaired to a three-byte U+FFFD).
@Suite(.serialized) struct HeapExhaustionTests {
    /// Fractions of the enclave's free heap offered as one host buffer.
    static let fractions = [1, 2, 3, 4, 6, 8, 64]

    static func heap(_ enclave: borrowing Enclave) throws -> (size: UInt64, inUse: UInt64) {
        var stats: [UInt64] = [0, 0, 0, 0]
        try enclave.ecall_heap_stats(&stats)
        return (stats[0], stats[1])
    }

    /// The frame of ECALL `name` with its single host buffer (or string) slot pointing at
    /// `buffer` of `count` bytes.
    static func frame(_ name: String, buffer: UnsafeMutableRawPointer, count: Int) -> EDLHostMemory {
        let layout = SampleEnclave.layout(name)
        let frame = EDLHostMemory(count: layout.size)
        for slot in layout.slots {
            switch slot.plan {
            case .buffer(_, _, let factors):
                (frame.pointer + slot.offset).storeBytes(of: UInt64(UInt(bitPattern: buffer)), as: UInt64.self)
                let unit = factors.reduce(1) { if case .constant(let c) = $1 { return $0 * Int(c) } else { return $0 } }
                for case .parameter(let p) in factors {
                    (frame.pointer + layout.slot(p)!.offset).storeBytes(of: UInt64(count / unit), as: UInt64.self)
                }
            case .string:
                (frame.pointer + slot.offset).storeBytes(of: UInt64(UInt(bitPattern: buffer)), as: UInt64.self)
                (frame.pointer + slot.lengthOffset!).storeBytes(of: UInt64(count), as: UInt64.self)
            default: break
            }
        }
        return frame
    }

    /// Offers each fraction of the free heap to `name` in a fresh enclave; `fill` writes the
    /// buffer. Every call must succeed or be refused with outOfMemory, leave the enclave
    /// running with its heap back where it was, and the smallest must succeed.
    static func offerFractions(_ name: String, unit: Int, fill: (UnsafeMutableRawPointer, Int) -> Void) throws {
        for fraction in fractions {
            let enclave = try SampleEnclave.load()
            _ = try enclave.ecall_last() // first-use allocations happen before the baseline
            let before = try heap(enclave)
            let count = Int((before.size - before.inUse) / UInt64(fraction)) / unit * unit
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
            defer { buffer.deallocate() }
            fill(buffer, count)
            let memory = frame(name, buffer: buffer, count: count)
            var status = SGXStatus.success
            do { try enclave.ecall(SampleEnclave.index(name), frame: memory.pointer) } catch { status = error.status }
            #expect(status == .success || status == .outOfMemory, "\(name) 1/\(fraction): \(status)")
            let succeeded = status == .success
            let crashed = enclave.isCrashed
            #expect(!crashed, "\(name) with 1/\(fraction) of the free heap (\(count) bytes) crashed the enclave: \(enclave.crashReason ?? "")")
            if crashed { return }
            let after = try heap(enclave)
            #expect(after.inUse <= before.inUse + 4096, "\(name) 1/\(fraction): heap in use \(before.inUse) → \(after.inUse)")
            if fraction == 1 { #expect(!succeeded, "\(name) accepted a buffer of the whole free heap") }
            if fraction == fractions.last { #expect(succeeded, "\(name) refused 1/\(fraction) of the free heap") }
        }
    }

    @Test(arguments: ["ecall_pointer_count", "ecall_pointer_size", "ecall_doubles", "ecall_sum_twice", "ecall_pointer_isptr_readonly"])
    func largeBufferIsCopiedOrRefused(_ name: String) throws {
        try Self.offerFractions(name, unit: 8) { buffer, count in memset(buffer, 1, count) }
    }

    /// UTF-8 strings of 0xFF bytes: every byte is repaired to U+FFFD, tripling the decoded size.
    @Test(arguments: ["ecall_pointer_string_const", "ecall_pointer_string"])
    func largeInvalidUTF8StringIsDecodedOrRefused(_ name: String) throws {
        try Self.offerFractions(name, unit: 1) { buffer, count in
            memset(buffer, 0xff, count)
            buffer.storeBytes(of: 0, toByteOffset: count - 1, as: UInt8.self)
        }
    }

    /// UTF-32 strings of lone surrogates (each replaced by U+FFFD) and of plain letters.
    @Test(arguments: [("ecall_wstring_length", UInt32(0xD800)), ("ecall_wstring_upper", UInt32(0xD800)), ("ecall_wstring_upper", UInt32(0x61))])
    func largeWideStringIsDecodedOrRefused(_ name: String, _ unit: UInt32) throws {
        try Self.offerFractions(name, unit: 4) { buffer, count in
            for offset in stride(from: 0, to: count, by: 4) { buffer.storeBytes(of: unit, toByteOffset: offset, as: UInt32.self) }
            buffer.storeBytes(of: 0, toByteOffset: count - 4, as: UInt32.self)
        }
    }
}
