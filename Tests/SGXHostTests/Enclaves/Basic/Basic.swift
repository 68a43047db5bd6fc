// Test enclave for SGXHostTests: one ECALL per behaviour under test. Frames are raw
// UntrustedBuffers here on purpose (this enclave tests the runtime below the EDL layer).
import SGXTrusted

final class Counter {
    var value = 0
}

/// Initialised lazily (swift_once) on first use; counts its own initialisations.
nonisolated(unsafe) var initialisations = 0
let lazyTable: [Int] = {
    initialisations += 1
    var table: [Int] = []
    for i in 0..<1000 { table.append(i * i) }
    return table
}()

@inline(never)
func recurse(_ depth: Int) -> Int {
    var local = [UInt8](repeating: UInt8(truncatingIfNeeded: depth), count: 64)
    local[0] = UInt8(truncatingIfNeeded: depth)
    return recurse(depth + 1) + Int(local[depth % 64])
}

@_extern(c, "abort")
func c_abort()

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    switch index {
    case 0: // empty
        return 0
    case 1: // print
        print("hello from inside the enclave")
        return 0
    case 2: // Swift trap
        fatalError("deliberate trap")
    case 3: // add: frame {u64 a, u64 b, u64 sum}
        guard let frame = UntrustedBuffer(raw, count: 24),
              let a = frame.load(UInt64.self, at: 0), let b = frame.load(UInt64.self, at: 8) else { return 2 }
        frame.store(a &+ b, at: 16)
        return 0
    case 4: // OCALL 0 round trip: frame {u64 in, u64 out}; host writes in*2 to out
        guard let frame = UntrustedBuffer(raw, count: 16), let value = frame.load(UInt64.self, at: 0) else { return 2 }
        let result: UInt64? = ocall(0, frameSize: 16, prepare: { $0.store(value, at: 0) }) { status, reply in
            status == 0 ? reply?.load(UInt64.self, at: 8) : nil
        }
        guard let result else { return 1 }
        frame.store(result, at: 8)
        return 0
    case 5: // OCALL 1, during which the host makes a nested ECALL 3
        guard let frame = UntrustedBuffer(raw, count: 8) else { return 2 }
        let status = ocall(1, frameSize: 8, prepare: { $0.store(UInt64(0), at: 0) }) { status, _ in status }
        frame.store(UInt64(status), at: 0)
        return status
    case 6: // bad memory access
        let pointer = UnsafeMutablePointer<UInt64>(bitPattern: 0x10)!
        pointer.pointee = 1
        return 0
    case 7: // stack overflow into the guard page
        return UInt32(truncatingIfNeeded: recurse(0))
    case 8: // C abort
        c_abort()
        return 0
    case 9: // lazy static: frame {u64 initialisations, u64 checksum}
        guard let frame = UntrustedBuffer(raw, count: 16) else { return 2 }
        let sum = lazyTable[999]
        frame.store(UInt64(initialisations), at: 0)
        frame.store(UInt64(sum), at: 8)
        return 0
    case 10: // hold the TCS for a while: frame {u64 spins}
        guard let frame = UntrustedBuffer(raw, count: 8), let spins = frame.load(UInt64.self, at: 0) else { return 2 }
        var x: UInt64 = 0
        for i in 0..<spins { x = x &+ i }
        frame.store(x, at: 0)
        return 0
    case 11: // exhaust the heap
        var keep: [[UInt8]] = []
        while true { keep.append([UInt8](repeating: 1, count: 64 * 1024)) }
    case 12: // ranges inside or overlapping the enclave are refused
        return withUnsafePointer(to: &initialisations) { pointer in
            let inside = UInt(bitPattern: pointer)
            let refused = UntrustedBuffer(address: inside, count: 8) == nil
                && UntrustedBuffer(address: inside &- 0x10_0000_0000, count: 0x20_0000_0000) == nil // spans the enclave
                && UntrustedBuffer(address: UInt.max - 4, count: 8) == nil // wraps around
                && UntrustedBuffer(address: 0, count: 8) == nil
            return refused ? 0 : 1
        }
    case 14:
        var d: [Int: Int] = [:]
        for i in 0..<100 { d[i % 10, default: 0] += i }
        return d[3]! == 3 + 13 + 23 + 33 + 43 + 53 + 63 + 73 + 83 + 93 ? 0 : 1
    case 15:
        var h = Hasher()
        h.combine(5)
        return h.finalize() != 0 ? 0 : 0
    case 16:
        let c = Counter()
        c.value += 1
        return c.value == 1 ? 0 : 1
    case 13: // classes and dictionaries on the heap
        var d: [Int: Counter] = [:]
        for i in 0..<100 {
            if d[i % 10] == nil { d[i % 10] = Counter() }
            d[i % 10]!.value += i
        }
        return d[3]!.value == 3 + 13 + 23 + 33 + 43 + 53 + 63 + 73 + 83 + 93 ? 0 : 1
    default:
        return 0x1001 // SGX_ERROR_INVALID_FUNCTION
    }
}
