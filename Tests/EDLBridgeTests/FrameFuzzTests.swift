import Foundation
import SGXEDL
import SGXHost
import SGXTypes
import Testing
#if canImport(Glibc)
import Glibc
#endif

// The ECALL-frame / OCALL-answer fuzzer (issue 10, item 7; Fuzz/README.md).
//
// A seeded campaign against the loaded Sample enclave: every iteration hands the enclave
// one random ECALL (index, frame pointer, every slot of the frame) and answers the OCALLs
// it makes with random values. After every call:
//   - the enclave has not crashed;
//   - the ECALL returned exactly the outcome the frame calls for (success, or the refusal
//     the generated bridge must give: invalidParameter, outOfMemory, invalidFunction,
//     ecallNotAllowed), predicted independently from the frame's values;
//   - every byte of the guarded host arena the frames live in is unchanged, except the
//     ranges the frame legitimately lets the enclave write ([out]/[in, out] buffers, the
//     return slot, user_check regions) and only when the call succeeded;
//   - every pointer the enclave put in an OCALL frame lies outside the enclave.
// Every 256 iterations and at the end the enclave must still answer known-answer ECALLs.
//
// What the fuzzer never hands out (both would fault in any SGX enclave, and neither is a
// bug of the bridge or runtime):
//   - a range of *host* memory that is not mapped: a pointer the bridge must accept (wholly
//     outside ELRANGE, not null, not wrapping, small enough for the heap) always points into
//     the arena with its whole length; unmapped host memory is only ever named together with
//     a length that makes the bridge refuse before touching it (zero, overflowing, or larger
//     than the enclave heap can take). Copying from unmapped host memory faults on real SGX
//     too: the host only hurts itself.
//   - anything but valid host memory (or null) for `user_check` parameters: the bridge
//     passes them through unchecked by definition, and the enclave's code dereferences
//     them (through `UntrustedPointer`); their companion length (`ecall_pointer_user_check`'s
//     `sz`) stays inside the region or is negative.
// Scalars are random garbage except `ecall_sum_twice`'s `spins` (a busy-loop count, kept
// below 1024 so an iteration cannot spin for years).
//
// SWIFT_SGX_FRAME_FUZZ_ITERATIONS (default 3000), SWIFT_SGX_FRAME_FUZZ_SEED (decimal or 0x
// hex; `random` for a time-based one; default fixed), SWIFT_SGX_FRAME_FUZZ_FIRST (first
// iteration; with ITERATIONS=1 it replays one iteration: each has its own generator).

/// splitmix64 (Steele, Lea, Flood): small, fast, well mixed; enough to drive a fuzzer.
struct SplitMix64 {
    private(set) var state: UInt64
    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// 0 ..< n (0 when n <= 1).
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
    /// One of `choices`, with probability proportional to its weight.
    mutating func weighted<T>(_ choices: [(Int, T)]) -> T {
        var r = below(choices.reduce(0) { $0 + $1.0 })
        for (w, v) in choices {
            if r < w { return v }
            r -= w
        }
        return choices[choices.count - 1].1
    }
    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var i = 0
        while i < count {
            var w = next()
            for _ in 0..<8 where i < count { out[i] = UInt8(truncatingIfNeeded: w); w >>= 8; i += 1 }
        }
        return out
    }

    /// The generator of iteration `i` of campaign `seed`: any iteration can be replayed alone.
    static func iteration(_ i: Int, of seed: UInt64) -> SplitMix64 {
        var g = SplitMix64(seed ^ (UInt64(truncatingIfNeeded: i) &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(g.next())
    }
}

/// A large host region between two PROT_NONE guard areas, filled with a known pattern. The
/// harness writes frames and buffers into it (kept in `expected` too); `verify` compares the
/// whole arena with what it should hold and restores the pattern.
final class GuardedArena: @unchecked Sendable {
    static let guardBytes = 64 << 10
    let size: Int
    private let mapping: UnsafeMutableRawPointer
    let base: UnsafeMutableRawPointer
    private let pattern: UnsafeMutableRawPointer
    private let expected: UnsafeMutableRawPointer
    private var touched: [Range<Int>] = []
    private var granted: [Range<Int>] = []

    init(size: Int) {
        precondition(size > 0 && size % 4096 == 0)
        let total = size + 2 * Self.guardBytes
        guard let m = mmap(nil, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), m != MAP_FAILED else {
            fatalError("arena mmap failed")
        }
        mapping = m
        base = m + Self.guardBytes
        precondition(mprotect(base, size, PROT_READ | PROT_WRITE) == 0, "arena mprotect failed")
        self.size = size
        pattern = .allocate(byteCount: size, alignment: 16)
        expected = .allocate(byteCount: size, alignment: 16)
        var g = SplitMix64(0x5A5A_A5A5_F00D_CAFE)
        var i = 0
        while i < size {
            var w = g.next()
            memcpy(pattern + i, &w, 8)
            i += 8
        }
        memcpy(base, pattern, size)
        memcpy(expected, pattern, size)
    }

    deinit {
        munmap(mapping, size + 2 * Self.guardBytes)
        pattern.deallocate()
        expected.deallocate()
    }

    var address: UInt64 { UInt64(UInt(bitPattern: base)) }
    var end: UInt64 { address + UInt64(size) }

    /// The arena offsets of `[address, address + count)` when that lies wholly in the arena.
    func offsets(_ address: UInt64, _ count: Int) -> Range<Int>? {
        guard count >= 0, address >= self.address, address <= end else { return nil }
        let start = Int(address - self.address)
        guard count <= size - start else { return nil }
        return start..<start + count
    }

    /// A random place for `count` bytes: 16-aligned, 8-aligned or at any byte.
    func place(_ count: Int, _ rng: inout SplitMix64) -> Int {
        let count = min(max(count, 0), size)
        var offset = rng.below(size - count + 1)
        switch rng.below(10) {
        case 0..<4: offset &= ~15
        case 4..<6: offset &= ~7
        default: break
        }
        return offset
    }

    /// The harness's own write (a frame, the contents of an [in] buffer).
    func write(_ bytes: [UInt8], at offset: Int) {
        guard !bytes.isEmpty else { return }
        precondition(offset >= 0 && offset + bytes.count <= size)
        bytes.withUnsafeBytes { src in
            memcpy(base + offset, src.baseAddress!, bytes.count)
            memcpy(expected + offset, src.baseAddress!, bytes.count)
        }
        touched.append(offset..<offset + bytes.count)
    }

    /// What `range` should hold now (the harness's writes over the pattern).
    func expectedBytes(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeRawBufferPointer(start: expected + range.lowerBound, count: range.count))
    }

    /// The enclave may write `range` in this call.
    func grant(_ range: Range<Int>) { granted.append(range) }

    struct Violation: CustomStringConvertible, Equatable {
        var first: Int
        var last: Int
        var changedBytes: Int
        var description: String {
            "\(changedBytes) byte(s) changed in arena offsets 0x\(String(first, radix: 16))...0x\(String(last, radix: 16))"
        }
    }

    /// Nil when every byte outside the granted ranges holds what the harness put there.
    /// Afterwards the whole arena holds the pattern again and nothing is granted.
    func verify() -> Violation? {
        for r in granted where !r.isEmpty { memcpy(expected + r.lowerBound, base + r.lowerBound, r.count) }
        var violation: Violation?
        if memcmp(base, expected, size) != 0 {
            let a = base.assumingMemoryBound(to: UInt8.self), e = expected.assumingMemoryBound(to: UInt8.self)
            var first = -1, last = -1, changed = 0
            for i in 0..<size where a[i] != e[i] {
                if first < 0 { first = i }
                last = i
                changed += 1
            }
            violation = Violation(first: first, last: last, changedBytes: changed)
            memcpy(base, pattern, size)
            memcpy(expected, pattern, size)
        } else {
            for r in touched + granted where !r.isEmpty {
                memcpy(base + r.lowerBound, pattern + r.lowerBound, r.count)
                memcpy(expected + r.lowerBound, pattern + r.lowerBound, r.count)
            }
        }
        touched.removeAll(keepingCapacity: true)
        granted.removeAll(keepingCapacity: true)
        return violation
    }
}

/// Unaligned-safe little-endian access to frame bytes (no `load(as:)` on unaligned memory).
enum FrameBytes {
    static func store(_ value: UInt64, width: Int, at offset: Int, in bytes: inout [UInt8]) {
        for i in 0..<min(width, 8) where offset + i < bytes.count { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }
    static func load(width: Int, at offset: Int, from bytes: [UInt8]) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<min(width, 8) where offset + i < bytes.count { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return v
    }
    static func store(_ value: UInt64, width: Int, to pointer: UnsafeMutableRawPointer) {
        var le = value.littleEndian
        memcpy(pointer, &le, min(width, 8))
    }
    static func load(width: Int, from pointer: UnsafeRawPointer) -> UInt64 {
        var v: UInt64 = 0
        memcpy(&v, pointer, min(width, 8))
        return UInt64(littleEndian: v)
    }
}

/// The ECALLs and OCALLs of Sample.edl as the fuzzer sees them.
struct BridgeFunction: Sendable {
    var index: UInt32
    var function: EDLFunction
    var layout: EDLFrameLayout
    var name: String { function.name }
    /// Bytes the bridge writes at frame offset 0 on success.
    var returnSize: Int { layout.returnsPointer ? 8 : layout.returnType?.size ?? 0 }

    /// The value of integer parameter `name` as the bridge decodes it (`UInt64(exactly:)`
    /// of the parameter's Swift type: nil when negative).
    func count(_ name: String, read: (Int, Int) -> UInt64) -> UInt64? {
        guard let slot = layout.slot(name), case .value(let t) = slot.plan else { return nil }
        let raw = read(slot.offset, t.size)
        if t.swiftName.hasPrefix("Int") {
            let shift = UInt64(64 - 8 * t.size)
            let signed = Int64(bitPattern: raw << shift) >> Int64(shift)
            return signed < 0 ? nil : UInt64(signed)
        }
        return raw
    }

    /// `factors[0] * factors[1]` as `EDLBridge.byteCount` computes it.
    func byteCount(_ factors: [EDLSizeFactor], read: (Int, Int) -> UInt64) -> Int? {
        var product: UInt64 = 1
        for f in factors {
            let v: UInt64?
            switch f {
            case .constant(let c): v = UInt64(c)
            case .parameter(let p): v = count(p, read: read)
            }
            guard let v else { return nil }
            let (p, overflow) = product.multipliedReportingOverflow(by: v)
            guard !overflow else { return nil }
            product = p
        }
        return product <= UInt64(Int.max) ? Int(product) : nil
    }

    /// Bytes per unit of the integer parameter `name` when it sizes a buffer.
    func unitBytes(ofCount name: String) -> Int? {
        for s in layout.slots {
            guard case .buffer(_, _, let factors) = s.plan, factors.contains(.parameter(name)) else { continue }
            return factors.reduce(1) { if case .constant(let c) = $1 { return $0 * c } else { return $0 } }
        }
        return nil
    }
}

/// One frame the fuzzer built, and what must come of it.
struct FuzzFrame {
    var index: UInt32
    var name: String
    var pointer: UnsafeMutableRawPointer?
    /// Acceptable outcomes: status raw values, 0 for success.
    var expected: Set<UInt32>
    /// Why `expected` is what it is.
    var reason: String
    /// Arena ranges the enclave may write, if the call succeeds.
    var grants: [Range<Int>]
}

/// What the bridge must do with one pointer parameter.
enum PointerFate: Equatable {
    case refused(SGXStatus)
    /// Accepted; the arena range it covers (nil: empty range, nothing is touched).
    case accepted(Range<Int>?)
    /// Would make the enclave touch host memory that is not mapped: never generated.
    case unusable
}

final class FrameFuzzer: @unchecked Sendable {
    static let arenaSize = 1 << 20
    /// The largest buffer placed in the arena; well below the enclave heap.
    static let maxArenaBuffer = 64 << 10
    /// Buffers whose bridge copies (EDLParameterPlan.heapCopies) add up to at most this
    /// fraction of the heap must never be refused with outOfMemory; above it the bridge may
    /// refuse or accept, depending on how fragmented the heap is.
    static let heapShareAlwaysAccepted: UInt64 = 4
    static let userCheckRegion = 64
    /// Scalars that are not garbage: `function.parameter` → exclusive bound.
    static let boundedScalars = ["ecall_sum_twice.spins": 1024]
    /// user_check pointer → the length parameter the enclave reads it with.
    static let userCheckLengths = ["ecall_pointer_user_check.val": "sz"]
    /// Entry operations that are not ECALL indices (INIT, ORET): never sent as nested
    /// indices (BoundaryTests covers them; `Enclave.ecall` refuses them on the host).
    static let entryOperations: Set<UInt32> = [UInt32(EnclaveABI.opInit), UInt32(EnclaveABI.opOCallReturn)]

    let seed: UInt64
    let arena = GuardedArena(size: FrameFuzzer.arenaSize)
    let ecalls: [BridgeFunction]
    let ocalls: [BridgeFunction]
    let publicECalls: [UInt32]

    var rng = SplitMix64(0)
    var enclaveBase: UInt64 = 0
    var enclaveSize: UInt64 = 0
    var heapSize: UInt64 = 0
    var honestAnswers = false
    private var honest: [OCallTable.Handler?] = []
    private var log: [String] = []
    private var problems: [String] = []
    private var garbageThisCall = false

    // Statistics for the summary and the coverage check.
    private(set) var outcomes: [UInt32: Int] = [:]
    private(set) var successes: [String: Int] = [:]
    private(set) var refusals: [String: Int] = [:]
    private(set) var garbageAnswers: [String: Int] = [:]
    private(set) var nestedCalls = 0
    /// Enclave heap {size, in use, peak, allocations} at each known-answer check.
    private(set) var heapTrace: [[UInt64]] = []
    private(set) var ecallCount = 0

    init(seed: UInt64) {
        self.seed = seed
        let interface = SampleEnclave.interface
        func bridge(_ f: EDLFunction, _ i: Int) -> BridgeFunction {
            BridgeFunction(index: UInt32(i), function: f, layout: interface.frameLayout(of: f.name)!)
        }
        ecalls = interface.ecalls.enumerated().map { bridge($1, $0) }
        ocalls = interface.ocalls.enumerated().map { bridge($1, $0) }
        publicECalls = ecalls.filter { $0.function.isPublic }.map(\.index)
    }

    /// Replaces every Sample OCALL handler with the fuzzer's; the originals answer honestly.
    func install(_ table: inout OCallTable) {
        honest = ocalls.map { table[Int($0.index)] }
        for o in ocalls {
            let i = Int(o.index)
            table[i] = { call in self.answer(i, call) }
        }
    }

    func attach(_ enclave: borrowing Enclave) throws {
        enclaveBase = try enclave.ecall_enclave_address()
        enclaveSize = try enclave.ecall_enclave_size()
        heapSize = enclave.config.heapSize
        #expect(enclave.addressRange == enclaveBase ..< enclaveBase + enclaveSize)
    }

    private func note(_ s: String) { log.append(s) }

    private func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    /// An address in words the log reader can place.
    private func describe(_ a: UInt64) -> String {
        if a == 0 { return "null" }
        if a >= arena.address && a <= arena.end { return "arena+\(hex(a - arena.address))" }
        let end = enclaveBase + enclaveSize
        if a >= enclaveBase && a <= end { return "ELRANGE+\(hex(a - enclaveBase))" }
        if a < enclaveBase && enclaveBase - a <= 4096 { return "ELRANGE-\(hex(enclaveBase - a))" }
        return hex(a)
    }

    static func statusName(_ raw: UInt32) -> String {
        raw == 0 ? "success" : SGXStatus(rawValue: raw).map { "\($0)" } ?? "0x" + String(raw, radix: 16)
    }

    // MARK: Pointers

    /// What the generated bridge must do with `[address, address + n)` (n nil: the size
    /// computation fails). `heapChecked`: buffers and strings (not single values) larger
    /// than the whole enclave heap are certainly refused with outOfMemory once every range
    /// of the frame has passed its checks (the bridge checks all ranges, then the heap,
    /// then copies); smaller ones are judged together in `fill` (their copies add up).
    func fate(_ address: UInt64, _ n: Int?, heapChecked: Bool) -> PointerFate {
        guard let n else { return .refused(.invalidParameter) }
        if address == 0 { return n == 0 ? .accepted(nil) : .refused(.invalidParameter) }
        let (end, overflow) = address.addingReportingOverflow(UInt64(max(n, 1)))
        if overflow { return .refused(.invalidParameter) }
        if end > enclaveBase && address < enclaveBase + enclaveSize { return .refused(.invalidParameter) }
        if heapChecked && UInt64(n) > heapSize { return .refused(.outOfMemory) }
        if n == 0 { return .accepted(nil) }
        if n <= Self.maxArenaBuffer, let r = arena.offsets(address, n) { return .accepted(r) }
        return .unusable
    }

    private func drawAddress(_ n: Int?) -> (UInt64, String) {
        let end = enclaveBase + enclaveSize
        switch rng.weighted([(50, 0), (6, 1), (8, 2), (8, 3), (8, 4), (4, 5), (4, 6), (4, 7), (4, 8), (4, 9)]) {
        case 0:
            let offset = arena.place(min(n ?? 16, arena.size), &rng)
            return (arena.address + UInt64(offset), "arena")
        case 1: return (0, "null")
        case 2: return (enclaveBase + UInt64(rng.chance(50) ? rng.below(4096) : rng.below(Int(enclaveSize))), "inside ELRANGE")
        case 3: return (enclaveBase - 1 - UInt64(rng.below(64)), "just before ELRANGE")
        case 4: return (end - UInt64(rng.below(65)), "at the end of ELRANGE")
        case 5: return (UInt64.max - UInt64(rng.below(64)), "wrapping")
        case 6: return (UInt64(rng.below(0x10000)), "low unmapped")
        case 7: return (0xffff_8000_0000_0000 + UInt64(rng.below(1 << 30)), "kernel half")
        case 8: return (arena.end - UInt64(rng.below(17)), "arena end")
        default: return (end + UInt64(rng.below(4096)), "after ELRANGE")
        }
    }

    /// A pointer for a parameter of `n` bytes that the enclave either refuses or can use.
    private func choosePointer(_ n: Int?, heapChecked: Bool) -> (UInt64, PointerFate, String) {
        for _ in 0..<32 {
            let (address, label) = drawAddress(n)
            let f = fate(address, n, heapChecked: heapChecked)
            if f != .unusable { return (address, f, label) }
        }
        return (0, fate(0, n, heapChecked: heapChecked), "null (fallback)")
    }

    // MARK: Sizes

    /// A count parameter: small, arena-sized, huge, overflowing, negative or garbage.
    private func drawCount(unit: Int, width: Int, signed: Bool) -> (UInt64, String) {
        let u = UInt64(max(unit, 1))
        let mask: UInt64 = width >= 8 ? .max : (1 << (8 * UInt64(width))) - 1
        let v: UInt64
        let label: String
        switch rng.weighted([(25, 0), (20, 1), (5, 2), (10, 3), (8, 4), (8, 5), (12, 6), (12, 7)]) {
        case 0: v = UInt64(rng.below(17)); label = "small"
        case 1: v = UInt64(rng.below(Self.maxArenaBuffer / Int(u) + 1)); label = "fits the arena"
        case 2: v = 0; label = "zero"
        case 3: v = (heapSize + 1 + UInt64(rng.below(1 << 30))) / u + 1; label = "larger than the heap"
        case 4: v = UInt64(1) << UInt64(32 + rng.below(31)); label = "huge power of two"
        case 5:
            v = u > 1 ? UInt64.max / u + 1 + UInt64(rng.below(16)) : UInt64.max - UInt64(rng.below(16))
            label = "overflowing"
        case 6:
            v = signed ? UInt64(bitPattern: -1 - Int64(rng.below(1 << 31))) : (1 << 63) | rng.next()
            label = "negative / high bit"
        default: v = rng.next(); label = "garbage"
        }
        return (v & mask, label)
    }

    private func drawStringLength(_ element: Int) -> (UInt64, String) {
        let wide = element > 1
        let e = UInt64(element)
        switch rng.weighted([(6, 0), (wide ? 6 : 0, 1), (40, 2), (wide ? 8 : 0, 3), (10, 4), (10, 5), (8, 6), (6, 7), (6, 8)]) {
        case 0: return (0, "zero")
        case 1: return (UInt64(1 + rng.below(element - 1)), "shorter than one unit")
        case 2: return (e * UInt64(1 + rng.below(64)), "small")
        case 3: return (e * UInt64(1 + rng.below(64)) + UInt64(1 + rng.below(element - 1)), "not a multiple of the unit")
        case 4: return (UInt64(1 + rng.below(Self.maxArenaBuffer)), "fits the arena")
        case 5: return (heapSize + UInt64(rng.below(1 << 30)), "larger than the heap")
        case 6: return ((1 << 63) | rng.next(), "beyond Int.max")
        case 7: return (UInt64.max, "UInt64.max")
        default: return (rng.next(), "garbage")
        }
    }

    /// String contents: well formed, without a terminator, with an early one, or random.
    private func drawString(_ n: Int, element: Int) -> ([UInt8], String) {
        let units = n / element
        func unit() -> [UInt8] {
            if element == 1 { return [UInt8(1 + rng.below(255))] }
            let v: UInt32 = rng.chance(70) ? UInt32(1 + rng.below(0x10FFFF)) : UInt32(truncatingIfNeeded: rng.next()) | 1
            return withUnsafeBytes(of: v.littleEndian, Array.init)
        }
        var bytes: [UInt8] = []
        for _ in 0..<units { bytes += unit() }
        bytes += rng.bytes(n - units * element)
        let zero = [UInt8](repeating: 0, count: element)
        func put(_ u: Int) { if u < units { bytes.replaceSubrange(u * element ..< (u + 1) * element, with: zero) } }
        switch rng.below(4) {
        case 0: put(units - 1); return (bytes, "well formed")
        case 1: return (bytes, "no terminator")
        case 2: put(units - 1); put(rng.below(max(units - 1, 1))); return (bytes, "early terminator")
        default: return (rng.bytes(n), "random bytes")
        }
    }

    /// `EDLBridge.decodeString`'s rule: whole units, the last one (only) zero.
    static func decodes(_ bytes: [UInt8], element: Int) -> Bool {
        guard bytes.count >= element, bytes.count % element == 0 else { return false }
        let units = bytes.count / element
        for u in 0..<units {
            let isZero = bytes[u * element ..< (u + 1) * element].allSatisfy { $0 == 0 }
            if isZero != (u == units - 1) { return false }
        }
        return true
    }

    // MARK: Frames

    private func drawIndex(nestedIn ocall: Int?) -> UInt32 {
        switch rng.weighted([(80, 0), (5, 1), (5, 2), (5, 3), (5, 4)]) {
        case 0: return rng.pick(publicECalls)
        case 1: return rng.pick(ecalls.filter { !$0.function.isPublic }.map(\.index))
        case 2: return UInt32(ecalls.count) + UInt32(rng.below(0x7fff_ffff - ecalls.count + 1)) // up to the largest index
        case 3: return 0x8000_0000 + UInt32(rng.below(0x7fff_fffd)) // above it (never INIT/ORET)
        default:
            let v = UInt32(truncatingIfNeeded: rng.next())
            return ocall != nil && Self.entryOperations.contains(v) ? 0xffff_ffff : v
        }
    }

    /// A random ECALL: index, frame pointer and slots; `ocall` when it is sent from inside
    /// that OCALL (nested).
    func buildFrame(nestedIn ocall: Int? = nil) -> FuzzFrame {
        let index = drawIndex(nestedIn: ocall)
        guard Int(index) < ecalls.count else {
            // Refused before the frame is read: a garbage frame that must stay untouched.
            let bytes = rng.bytes(8 * (1 + rng.below(8)))
            let offset = arena.place(bytes.count, &rng)
            arena.write(bytes, at: offset)
            note("ECALL index \(hex(UInt64(index))) (no such ECALL), garbage frame at arena+\(hex(UInt64(offset)))")
            return FuzzFrame(index: index, name: "index \(hex(UInt64(index)))", pointer: arena.base + offset,
                             expected: [SGXStatus.invalidFunction.rawValue], reason: "no such ECALL", grants: [])
        }
        let spec = ecalls[Int(index)]
        var frame = fill(spec)
        if let ocall {
            if !ocalls[ocall].function.allowList.contains(spec.name) {
                frame.expected = [SGXStatus.ecallNotAllowed.rawValue]
                frame.reason = "not in the allow list of \(ocalls[ocall].name)"
            }
        } else if !spec.function.isPublic {
            frame.expected = [SGXStatus.ecallNotAllowed.rawValue]
            frame.reason = "private ECALL at top level"
        }
        return frame
    }

    private func fill(_ spec: BridgeFunction) -> FuzzFrame {
        let layout = spec.layout
        var bytes = rng.bytes(layout.size) // garbage everywhere, padding included
        note("ECALL \(spec.index) \(spec.name), frame \(layout.size) bytes")
        var refusal: (SGXStatus, String)?
        var heapRefusal: String?
        var heapNeed = 0
        var grants: [Range<Int>] = []
        var strings: [(Range<Int>, Int, String)] = []
        var contents: [(Int, [UInt8])] = []
        func refuse(_ s: SGXStatus, _ why: String) { if refusal == nil { refusal = (s, why) } }

        // Integer parameters that size a buffer, and bounded scalars.
        for slot in layout.slots {
            guard case .value(let t) = slot.plan else { continue }
            if let unit = spec.unitBytes(ofCount: slot.parameter) {
                let (v, label) = drawCount(unit: unit, width: t.size, signed: t.swiftName.hasPrefix("Int"))
                FrameBytes.store(v, width: t.size, at: slot.offset, in: &bytes)
                note("  \(slot.parameter) = \(hex(v)) (\(label))")
            } else if let bound = Self.boundedScalars["\(spec.name).\(slot.parameter)"] {
                FrameBytes.store(UInt64(rng.below(bound)), width: t.size, at: slot.offset, in: &bytes)
            }
        }
        let read: (Int, Int) -> UInt64 = { [bytes] o, w in FrameBytes.load(width: w, at: o, from: bytes) }

        for slot in layout.slots {
            var n: Int?
            var heapChecked = true
            var direction = EDLDirection.none
            var element: Int? // strings
            switch slot.plan {
            case .value:
                continue
            case .userCheck:
                // Valid host memory or null only (see the top of this file).
                if rng.chance(10) {
                    FrameBytes.store(0, width: 8, at: slot.offset, in: &bytes)
                    note("  \(slot.parameter) = null (user_check)")
                    if let lengthName = Self.userCheckLengths["\(spec.name).\(slot.parameter)"], let ls = layout.slot(lengthName) {
                        FrameBytes.store(rng.next(), width: 8, at: ls.offset, in: &bytes)
                    }
                    continue
                }
                let offset = arena.place(Self.userCheckRegion, &rng)
                contents.append((offset, rng.bytes(Self.userCheckRegion)))
                FrameBytes.store(arena.address + UInt64(offset), width: 8, at: slot.offset, in: &bytes)
                grants.append(offset..<offset + Self.userCheckRegion)
                note("  \(slot.parameter) = arena+\(hex(UInt64(offset))) (user_check region of \(Self.userCheckRegion))")
                if let lengthName = Self.userCheckLengths["\(spec.name).\(slot.parameter)"], let ls = layout.slot(lengthName) {
                    let length = rng.chance(80) ? UInt64(rng.below(Self.userCheckRegion + 1)) : UInt64(bitPattern: -1 - Int64(rng.below(1 << 40)))
                    FrameBytes.store(length, width: 8, at: ls.offset, in: &bytes)
                    note("  \(lengthName) = \(hex(length))")
                }
                continue
            case .single(let t, let d):
                n = t.size
                heapChecked = false
                direction = d
            case .buffer(_, let d, let factors):
                n = spec.byteCount(factors, read: read)
                direction = d
            case .string(let wide, let d):
                let e = wide ? 4 : 1
                let (length, label) = drawStringLength(e)
                FrameBytes.store(length, width: 8, at: slot.lengthOffset!, in: &bytes)
                note("  \(slot.parameter) length = \(hex(length)) (\(label))")
                n = length <= UInt64(Int.max) && length >= UInt64(e) ? Int(length) : nil
                direction = d
                element = e
            }
            let (address, f, label) = choosePointer(n, heapChecked: heapChecked)
            FrameBytes.store(address, width: 8, at: slot.offset, in: &bytes)
            note("  \(slot.parameter) = \(describe(address)) (\(label)), \(n.map { "\($0) bytes" } ?? "size fails") → \(f)")
            switch f {
            case .refused(.outOfMemory):
                if heapRefusal == nil { heapRefusal = "`\(slot.parameter)`: \(label), \(n.map(String.init) ?? "bad size") bytes" }
            case .refused(let s): refuse(s, "`\(slot.parameter)`: \(label), \(n.map(String.init) ?? "bad size")")
            case .accepted(let r?):
                if let copies = slot.plan.heapCopies { heapNeed += r.count * copies }
                if let e = element {
                    let (s, kind) = drawString(r.count, element: e)
                    contents.append((r.lowerBound, s))
                    strings.append((r, e, "`\(slot.parameter)`: \(kind)"))
                } else if direction.copiesIn {
                    contents.append((r.lowerBound, rng.bytes(r.count)))
                }
                if direction.copiesOut { grants.append(r) }
            case .accepted(nil), .unusable: break
            }
        }

        // The harness's writes: buffer contents first, the frame last.
        for (offset, c) in contents { arena.write(c, at: offset) }
        var pointer: UnsafeMutableRawPointer?
        var frameRefused = false
        let size = UInt64(layout.size)
        let placement = rng.weighted([(85, 0), (3, 1), (3, 2), (3, 3), (3, 4), (3, 5)])
        if placement == 0 {
            let offset = arena.place(layout.size, &rng)
            arena.write(bytes, at: offset)
            pointer = arena.base + offset
            note("  frame at arena+\(hex(UInt64(offset)))")
            if size > 0 { grants.append(offset..<offset + spec.returnSize) }
        } else {
            let end = enclaveBase + enclaveSize
            let span = Int(max(size, 8))
            let address: UInt64
            switch placement {
            case 1: address = 0
            case 2: address = enclaveBase + UInt64(rng.below(Int(enclaveSize) - span))       // inside
            case 3: address = enclaveBase - 1 - UInt64(rng.below(span - 1))                  // straddles the start
            case 4: address = end - 1 - UInt64(rng.below(span))                              // at or across the end
            default: address = UInt64.max - UInt64(rng.below(span))                           // wraps around
            }
            pointer = UnsafeMutableRawPointer(bitPattern: UInt(address))
            // A function without parameters or return value ignores its frame pointer.
            frameRefused = size > 0
            note("  frame at \(describe(address))\(frameRefused ? " (must be refused)" : " (ignored)")")
            if frameRefused {
                precondition(fate(address, layout.size, heapChecked: false) == .refused(.invalidParameter))
            }
        }
        if frameRefused {
            return FuzzFrame(index: spec.index, name: spec.name, pointer: pointer, expected: [SGXStatus.invalidParameter.rawValue],
                             reason: "frame pointer refused", grants: [])
        }
        // Order of the bridge: every range check (invalidParameter), then the heap check
        // (outOfMemory), then the copies and string decoding (invalidParameter).
        if let (s, why) = refusal {
            return FuzzFrame(index: spec.index, name: spec.name, pointer: pointer, expected: [s.rawValue], reason: why, grants: [])
        }
        if let why = heapRefusal {
            return FuzzFrame(index: spec.index, name: spec.name, pointer: pointer, expected: [SGXStatus.outOfMemory.rawValue],
                             reason: "\(why), larger than the heap", grants: [])
        }
        var frame = FuzzFrame(index: spec.index, name: spec.name, pointer: pointer, expected: [0], reason: "valid frame", grants: grants)
        // Strings are decoded from what the arena holds now (a frame may overlap them).
        for (r, e, what) in strings where !Self.decodes(arena.expectedBytes(r), element: e) {
            frame = FuzzFrame(index: spec.index, name: spec.name, pointer: pointer, expected: [SGXStatus.invalidParameter.rawValue],
                              reason: "\(what) does not decode", grants: [])
            break
        }
        if UInt64(heapNeed) > heapSize / Self.heapShareAlwaysAccepted {
            frame.expected.insert(SGXStatus.outOfMemory.rawValue)
            frame.reason += "; or outOfMemory: the bridge copies \(heapNeed) bytes"
        }
        return frame
    }

    /// The oracle for one call's status; nil when acceptable.
    func judge(_ frame: FuzzFrame, status: UInt32) -> String? {
        if frame.expected.contains(status) { return nil }
        let want = frame.expected.sorted().map(Self.statusName).joined(separator: " or ")
        return "\(frame.name): \(Self.statusName(status)), expected \(want) (\(frame.reason))"
    }

    private func record(_ frame: FuzzFrame, _ status: UInt32) {
        ecallCount += 1
        outcomes[status, default: 0] += 1
        if status == 0 { successes[frame.name, default: 0] += 1 } else { refusals[frame.name, default: 0] += 1 }
    }

    // MARK: OCALL answers

    private func answer(_ index: Int, _ call: OCall) -> UInt32 {
        let spec = ocalls[index]
        checkPointers(spec, call)
        if honestAnswers || rng.chance(35) { return honest[index]?(call) ?? SGXStatus.invalidFunction.rawValue }
        garbageThisCall = true
        garbageAnswers[spec.name, default: 0] += 1
        note("  OCALL \(spec.name): garbage answer")
        if rng.chance(spec.function.allowList.isEmpty ? 8 : 70) { nestedECall(from: index, call) }
        if let frame = call.frame {
            fillBuffers(spec, frame)
            scribble(spec, frame)
        }
        let status: UInt32 = rng.weighted([(75, 0), (5, 1), (5, 2), (3, 3), (3, 0x1001), (3, 0x1007), (3, 0xdead_beef), (3, .max)])
        if status != 0 { note("    status \(hex(UInt64(status)))") }
        return status
    }

    private func read(_ frame: UnsafeMutableRawPointer) -> (Int, Int) -> UInt64 {
        { o, w in FrameBytes.load(width: w, from: frame + o) }
    }

    /// Oracle: every buffer the enclave hands the host lies outside the enclave.
    private func checkPointers(_ spec: BridgeFunction, _ call: OCall) {
        guard let frame = call.frame else {
            if spec.layout.size > 0 { problems.append("OCALL \(spec.name) came without a frame") }
            return
        }
        let read = read(frame)
        for slot in spec.layout.slots {
            let n: Int?
            switch slot.plan {
            case .value, .userCheck: continue
            case .single(let t, _): n = t.size
            case .buffer(_, _, let factors): n = spec.byteCount(factors, read: read)
            case .string: n = Int(exactly: read(slot.lengthOffset!, 8))
            }
            let address = read(slot.offset, 8)
            guard address != 0 else { continue }
            if !call.isOutsideEnclave(UnsafeRawPointer(bitPattern: UInt(address)), count: n ?? 1) {
                problems.append("OCALL \(spec.name): `\(slot.parameter)` = \(describe(address)) (\(n ?? -1) bytes) is not outside the enclave")
            }
        }
    }

    /// Random bytes over a random prefix of every buffer the host may write.
    private func fillBuffers(_ spec: BridgeFunction, _ frame: UnsafeMutableRawPointer) {
        let read = read(frame)
        for slot in spec.layout.slots {
            let n: Int?
            var element = 0
            switch slot.plan {
            case .value, .userCheck: continue
            case .single(let t, let d): n = d.copiesOut ? t.size : nil
            case .buffer(_, let d, let factors): n = d.copiesOut ? spec.byteCount(factors, read: read) : nil
            case .string(let wide, let d): n = d.copiesOut ? Int(exactly: read(slot.lengthOffset!, 8)) : nil; element = wide ? 4 : 1
            }
            let address = read(slot.offset, 8)
            guard let n, n > 0, n <= 1 << 20, address != 0,
                  let p = UnsafeMutableRawPointer(bitPattern: UInt(address)), problems.isEmpty else { continue }
            var fill = rng.bytes(rng.chance(60) ? n : rng.below(n + 1))
            if element > 0 && !fill.isEmpty {
                // A terminator somewhere, at the very end, or nowhere.
                let at = rng.chance(50) ? fill.count - 1 : rng.below(fill.count)
                if rng.chance(70) { fill[at] = 0 }
            }
            fill.withUnsafeBytes { if let b = $0.baseAddress { _ = memcpy(p, b, fill.count) } }
            note("    \(slot.parameter): \(fill.count) of \(n) bytes random")
        }
    }

    private func garbageWord() -> UInt64 {
        switch rng.weighted([(30, 0), (10, 1), (10, 2), (10, 3), (5, 4), (5, 5), (10, 6), (5, 7), (5, 8), (5, 9)]) {
        case 0: return rng.next()
        case 1: return 0
        case 2: return UInt64(rng.below(256))
        case 3: return enclaveBase + UInt64(rng.below(Int(enclaveSize)))
        case 4: return enclaveBase - 1
        case 5: return enclaveBase + enclaveSize - 1
        case 6: return arena.address + UInt64(rng.below(arena.size))
        case 7: return UInt64.max - UInt64(rng.below(16))
        case 8: return 1 << 40
        default: return 1 << 63
        }
    }

    /// Random words over the return value, the parameter, length and errno slots.
    private func scribble(_ spec: BridgeFunction, _ frame: UnsafeMutableRawPointer) {
        let layout = spec.layout
        var slots: [(String, Int, Int)] = []
        if layout.returnsPointer || layout.returnType != nil { slots.append(("return", 0, 8)) }
        for s in layout.slots {
            if case .value(let t) = s.plan { slots.append((s.parameter, s.offset, (t.size + 7) / 8 * 8)) } else { slots.append((s.parameter, s.offset, 8)) }
            if let l = s.lengthOffset { slots.append(("\(s.parameter) length", l, 8)) }
        }
        if let e = layout.errnoOffset { slots.append(("errno", e, 8)) }
        for (name, offset, width) in slots where rng.chance(50) && offset + width <= layout.size {
            var o = 0
            while o < width {
                let w = garbageWord()
                FrameBytes.store(w, width: 8, to: frame + offset + o)
                o += 8
            }
            note("    \(name) scribbled")
        }
    }

    /// A random ECALL from inside an OCALL: refused unless the OCALL's allow list names it.
    private func nestedECall(from ocall: Int, _ call: OCall) {
        let frame = buildFrame(nestedIn: ocall)
        note("    nested ECALL \(frame.name) → expected \(frame.expected.sorted().map(Self.statusName))")
        var status: UInt32 = 0
        do { try call.ecall(frame.index, frame: frame.pointer) } catch { status = error.status.rawValue }
        nestedCalls += 1
        record(frame, status)
        if let problem = judge(frame, status: status) { problems.append("nested in \(ocalls[ocall].name): \(problem)") }
        if status == 0 { for g in frame.grants { arena.grant(g) } }
    }

    // MARK: Campaign

    /// One iteration; nil when every oracle holds, else the report.
    func iteration(_ i: Int, _ enclave: borrowing Enclave) -> String? {
        rng = SplitMix64.iteration(i, of: seed)
        log.removeAll(keepingCapacity: true)
        problems.removeAll()
        garbageThisCall = false
        let frame = buildFrame()
        var status: UInt32 = 0
        do { try enclave.ecall(frame.index, frame: frame.pointer) } catch { status = error.status.rawValue }
        record(frame, status)
        var failures = problems
        if enclave.isCrashed {
            let address = enclave.crashAddress.map { " at \(describe($0))" } ?? ""
            failures.append("the enclave crashed: \(enclave.crashReason ?? "?")\(address)")
        }
        if let problem = judge(frame, status: status) { failures.append(problem) }
        if status == 0 { for g in frame.grants { arena.grant(g) } }
        if let v = arena.verify() { failures.append("host memory written outside the ranges the frame gave: \(v)") }
        guard !failures.isEmpty else { return nil }
        return report(i, failures)
    }

    func report(_ i: Int, _ failures: [String]) -> String {
        """
        frame fuzzer: iteration \(i) of seed \(hex(seed)) failed:
        \(failures.map { "  - " + $0 }.joined(separator: "\n"))
        frame:
        \(log.joined(separator: "\n"))
        enclave heap (size, in use, peak, allocations) at the last checks: \(heapTrace.suffix(4))
        replay: SWIFT_SGX_FRAME_FUZZ_SEED=\(hex(seed)) SWIFT_SGX_FRAME_FUZZ_FIRST=\(i) SWIFT_SGX_FRAME_FUZZ_ITERATIONS=1
        """
    }

    /// The enclave still works: an [in, out] round trip and every OCALL answered honestly.
    func knownAnswers(_ enclave: borrowing Enclave) -> String? {
        honestAnswers = true
        defer { honestAnswers = false }
        problems.removeAll()
        defer { problems.removeAll() }
        var v = Int32(truncatingIfNeeded: rng.next())
        let want = v &* 2
        do { try enclave.ecall_pointer_in_out(&v) } catch { return "known answer: ecall_pointer_in_out threw \(error)" }
        guard v == want else { return "known answer: ecall_pointer_in_out gave \(v), expected \(want)" }
        do {
            let failures = try enclave.ecall_run_ocalls()
            guard failures == 0 else { return "known answer: ecall_run_ocalls failure mask \(hex(UInt64(failures)))" }
            try enclave.ecall_type_int(-7)
            guard try enclave.ecall_last() == UInt64(bitPattern: -7) else { return "known answer: ecall_last" }
        } catch { return "known answer: \(error)" }
        if !problems.isEmpty { return "known answers: \(problems.joined(separator: "; "))" }
        var stats: [UInt64] = [0, 0, 0, 0]
        do { try enclave.ecall_heap_stats(&stats) } catch { return "known answer: ecall_heap_stats threw \(error)" }
        heapTrace.append(stats)
        return nil
    }

    var summary: String {
        let o = outcomes.sorted { $0.value > $1.value }.map { "\(Self.statusName($0.key)) \($0.value)" }.joined(separator: ", ")
        let heap = heapTrace.isEmpty ? "" : "; heap in use \(heapTrace.first![1]) → \(heapTrace.last![1]) bytes, peak \(heapTrace.last![2])"
        return "\(ecallCount) ECALLs (\(nestedCalls) nested): \(o); garbage OCALL answers: \(garbageAnswers.values.reduce(0, +))\(heap)"
    }
}

@Suite(.serialized) struct FrameFuzzTests {
    static let defaultIterations = 3000
    static let defaultSeed: UInt64 = 0x5157_F7A3_E0CA_11ED

    struct Campaign {
        var seed: UInt64
        var first: Int
        var iterations: Int

        static func fromEnvironment() -> Campaign {
            let env = ProcessInfo.processInfo.environment
            func number(_ s: String) -> UInt64? {
                s.hasPrefix("0x") ? UInt64(s.dropFirst(2), radix: 16) : UInt64(s)
            }
            var seed = FrameFuzzTests.defaultSeed
            if let s = env["SWIFT_SGX_FRAME_FUZZ_SEED"] {
                seed = s == "random" ? UInt64(UInt(bitPattern: Int(Date().timeIntervalSince1970 * 1e6))) : number(s) ?? seed
            }
            return Campaign(seed: seed,
                            first: env["SWIFT_SGX_FRAME_FUZZ_FIRST"].flatMap { Int($0) } ?? 0,
                            iterations: env["SWIFT_SGX_FRAME_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? defaultIterations)
        }
    }

    @Test func randomFramesAndOCallAnswers() throws {
        let campaign = Campaign.fromEnvironment()
        let fuzzer = FrameFuzzer(seed: campaign.seed)
        let enclave = try SampleEnclave.load(patch: { fuzzer.install(&$0) })
        try fuzzer.attach(enclave)
        let start = Date()
        print("frame fuzzer: seed 0x\(String(campaign.seed, radix: 16)), iterations \(campaign.first)..<\(campaign.first + campaign.iterations)")
        for i in campaign.first ..< campaign.first + campaign.iterations {
            if let failure = fuzzer.iteration(i, enclave) {
                Issue.record("\(failure)")
                return
            }
            let done = i - campaign.first + 1
            if done % 256 == 0, let failure = fuzzer.knownAnswers(enclave) {
                Issue.record("after iteration \(i), seed 0x\(String(campaign.seed, radix: 16)): \(failure)")
                return
            }
            if done % 100_000 == 0 {
                print("frame fuzzer: \(done) iterations, \(Int(Date().timeIntervalSince(start))) s: \(fuzzer.summary)")
            }
        }
        if let failure = fuzzer.knownAnswers(enclave) {
            Issue.record("at the end, seed 0x\(String(campaign.seed, radix: 16)): \(failure)")
        }
        let crashed = enclave.isCrashed
        #expect(!crashed)
        print("frame fuzzer: done in \(String(format: "%.1f", Date().timeIntervalSince(start))) s, seed 0x\(String(campaign.seed, radix: 16)): \(fuzzer.summary)")
        if campaign.iterations >= 2000 {
            // Coverage: every public ECALL both ran and was refused; every OCALL got garbage.
            for index in fuzzer.publicECalls {
                let name = fuzzer.ecalls[Int(index)].name
                #expect(fuzzer.successes[name, default: 0] > 0, "\(name) never succeeded")
                // (A function with an empty frame ignores its frame pointer: nothing to refuse.)
                #expect(fuzzer.ecalls[Int(index)].layout.size == 0 || fuzzer.refusals[name, default: 0] > 0, "\(name) was never refused")
            }
            for o in fuzzer.ocalls {
                #expect(fuzzer.garbageAnswers[o.name, default: 0] > 0, "\(o.name) never answered with garbage")
            }
            #expect(fuzzer.nestedCalls > 0)
        }
    }

    // MARK: The oracles can fail

    @Test func arenaCheckSeesAStrayWrite() {
        let arena = GuardedArena(size: 64 << 10)
        arena.write([1, 2, 3], at: 100)
        #expect(arena.verify() == nil)
        // A write nobody granted, at the first byte, in the middle, at the last byte.
        for offset in [0, 4097, arena.size - 1] {
            let p = arena.base.assumingMemoryBound(to: UInt8.self)
            p[offset] = ~p[offset]
            #expect(arena.verify() == GuardedArena.Violation(first: offset, last: offset, changedBytes: 1))
            #expect(arena.verify() == nil) // the pattern is back
        }
        // The same write inside a granted range passes.
        arena.grant(4000..<4100)
        let p = arena.base.assumingMemoryBound(to: UInt8.self)
        p[4050] = ~p[4050]
        #expect(arena.verify() == nil)
        // One byte past the granted range does not.
        arena.grant(4000..<4100)
        p[4100] = ~p[4100]
        #expect(arena.verify() == GuardedArena.Violation(first: 4100, last: 4100, changedBytes: 1))
    }

    /// An [out] write by the enclave lands in the arena where the frame said: ungranted it
    /// is a violation of exactly those bytes; granted it passes.
    @Test func enclaveOutWriteIsSeenByTheArenaCheck() throws {
        let enclave = try SampleEnclave.load()
        let arena = GuardedArena(size: 64 << 10)
        let layout = SampleEnclave.layout("ecall_pointer_out")
        for granted in [false, true] {
            let target = 1001 // unaligned
            var frame = [UInt8](repeating: 0, count: layout.size)
            FrameBytes.store(arena.address + UInt64(target), width: 8, at: layout.slot("val")!.offset, in: &frame)
            arena.write(frame, at: 203) // unaligned frame
            try enclave.ecall(SampleEnclave.index("ecall_pointer_out"), frame: arena.base + 203)
            #expect(FrameBytes.load(width: 4, from: arena.base + target) == 1234)
            if granted { arena.grant(target..<target + 4) }
            let violation = arena.verify()
            if granted { #expect(violation == nil) } else {
                #expect(violation?.first ?? -1 >= target && violation?.last ?? -1 < target + 4, "\(String(describing: violation))")
            }
        }
    }

    /// The status oracle: ranges in or across ELRANGE must be refused, unmapped host memory
    /// is never generated, and a success where a refusal is due is reported.
    @Test func statusOracleDemandsRefusals() throws {
        let fuzzer = FrameFuzzer(seed: 1)
        let enclave = try SampleEnclave.load(patch: { fuzzer.install(&$0) })
        try fuzzer.attach(enclave)
        let base = fuzzer.enclaveBase, end = base + fuzzer.enclaveSize
        #expect(fuzzer.fate(base + 8, 4, heapChecked: false) == .refused(.invalidParameter))
        #expect(fuzzer.fate(base - 2, 4, heapChecked: false) == .refused(.invalidParameter))
        #expect(fuzzer.fate(end - 1, 0, heapChecked: true) == .refused(.invalidParameter)) // empty counts as 1 byte
        #expect(fuzzer.fate(end, 0, heapChecked: true) == .accepted(nil))
        #expect(fuzzer.fate(.max - 1, 4, heapChecked: false) == .refused(.invalidParameter))
        #expect(fuzzer.fate(0, 1, heapChecked: false) == .refused(.invalidParameter))
        #expect(fuzzer.fate(0x1000, 4, heapChecked: false) == .unusable)
        let huge: PointerFate = base < 0x1000 + (1 << 40) ? .refused(.invalidParameter) : .refused(.outOfMemory)
        #expect(fuzzer.fate(0x1000, 1 << 40, heapChecked: true) == huge) // unmapped, but refused before any copy
        #expect(fuzzer.fate(0x1000, nil, heapChecked: true) == .refused(.invalidParameter))
        let a = fuzzer.arena.address + 3
        #expect(fuzzer.fate(a, 4, heapChecked: false) == .accepted(3..<7))
        #expect(fuzzer.fate(fuzzer.arena.end - 2, 4, heapChecked: false) == .unusable)
        let frame = FuzzFrame(index: 22, name: "ecall_pointer_in", pointer: nil,
                              expected: [SGXStatus.invalidParameter.rawValue], reason: "test", grants: [])
        #expect(fuzzer.judge(frame, status: 0) != nil)
        #expect(fuzzer.judge(frame, status: SGXStatus.invalidParameter.rawValue) == nil)
        #expect(FrameFuzzer.decodes([0x41, 0x42, 0], element: 1))
        #expect(!FrameFuzzer.decodes([0x41, 0, 0], element: 1))
        #expect(!FrameFuzzer.decodes([0x41, 0x42], element: 1))
        #expect(!FrameFuzzer.decodes([0x41, 0, 0, 0, 0, 0, 0], element: 4))
        #expect(FrameFuzzer.decodes([0x41, 0, 0, 0, 0, 0, 0, 0], element: 4))
    }

    /// The same seed builds the same frames (replay of a reported iteration).
    @Test func iterationsAreReproducible() throws {
        var a = SplitMix64.iteration(12345, of: 99), b = SplitMix64.iteration(12345, of: 99)
        #expect((0..<8).map { _ in a.next() } == (0..<8).map { _ in b.next() })
        var c = SplitMix64.iteration(12346, of: 99), d = SplitMix64.iteration(12345, of: 99)
        #expect(c.next() != d.next())
    }
}
