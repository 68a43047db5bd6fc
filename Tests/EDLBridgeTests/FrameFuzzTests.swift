import Foundation
import SGXEDL
import SGXHost
import SGXTypes
import Testing

/// A frame fuzzer against the generated trusted bridges of the Sample enclave: random ECALL
/// frames (slots holding pointers into host memory, into or across the enclave, null;
/// sizes and counts small, exact or absurd; random value arguments) and random OCALL
/// answers (garbage in the OCALL frame, odd statuses). The enclave must never crash, and
/// must never write host memory outside what the frame handed it: the frame itself, each
/// `[out]`/`[in, out]` buffer with the size the frame states, and the 16 bytes a
/// `user_check` ECALL of this enclave may write. Every host byte is watched: an arena that
/// holds the frames and buffers (snapshotted before each call) and a guard buffer that is
/// never handed over.
///
/// Deterministic: the seed is printed; `SWIFT_SGX_FRAME_FUZZ_SEED=<n>` replays a run,
/// `SWIFT_SGX_FRAME_FUZZ_SECONDS` changes the time bound (default 3 s).
@Suite(.serialized) struct FrameFuzzTests {
    static let arenaSize = 64 * 1024
    /// Pointer-valued host memory the fuzzer never hands over: must stay untouched.
    static let guardSize = 4096

    /// SplitMix64: small, deterministic, good enough to drive a fuzzer.
    final class Generator: @unchecked Sendable {
        private var state: UInt64
        private let lock = NSLock()
        init(seed: UInt64) { state = seed }
        func next() -> UInt64 {
            lock.lock(); defer { lock.unlock() }
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    /// Where a pointer slot points.
    enum Target { case arena(offset: Int), elsewhere }

    struct Call {
        var name: String
        var index: UInt32
        var frameOffset: Int?      // nil: the frame pointer is not in the arena
        var framePointer: UInt64
        var permitted: [Range<Int>] = [] // arena offsets the enclave may write
        var summary: [String] = []
    }

    /// ECALLs the fuzzer drives: all of them except the address helpers it needs itself and
    /// `ecall_pointer_user_check`, whose user code reads `sz` bytes from a `user_check`
    /// pointer it does not bound (an enclave-code choice the bridges cannot police).
    static let ecalls: [EDLFunction] = SampleEnclave.interface.ecalls.filter {
        !["ecall_enclave_address", "ecall_enclave_size", "ecall_pointer_user_check"].contains($0.name)
    }

    static func integer(_ frame: UnsafeMutableRawPointer, _ slot: EDLFrameLayout.Slot) -> UInt64 {
        guard case .value(let type) = slot.plan else { return 0 }
        switch type.size {
        case 1: return UInt64(frame.load(fromByteOffset: slot.offset, as: UInt8.self))
        case 2: return UInt64(frame.load(fromByteOffset: slot.offset, as: UInt16.self))
        case 4: return UInt64(frame.load(fromByteOffset: slot.offset, as: UInt32.self))
        default: return frame.load(fromByteOffset: slot.offset, as: UInt64.self)
        }
    }

    /// A random size or count for a buffer of `unit`-byte elements at `target`.
    static func count(unit: Int, target: Target, _ random: Generator) -> UInt64 {
        switch random.below(10) {
        case 0: return 0
        case 1: return [UInt64.max, 1 << 63, 1 << 62, UInt64(Int.max), 1 << 40, 1 << 32, UInt64(UInt32.max), 1 << 31][random.below(8)]
        case 2: return 1 << (22 + random.below(20)) // larger than the enclave heap
        default:
            guard case .arena(let offset) = target else { return UInt64(random.below(4096)) }
            return UInt64(random.below((arenaSize - offset) / max(unit, 1) + 1))
        }
    }

    /// Builds one random call, its frame (mostly) in the arena.
    static func makeCall(_ random: Generator, arena: UnsafeMutableRawPointer, base: UInt64, size: UInt64) -> Call {
        let arenaAddress = UInt64(UInt(bitPattern: arena))
        func elsewhere() -> UInt64 {
            switch random.below(6) {
            case 0: return 0
            case 1: return base + UInt64(random.below(Int(size)))               // inside the enclave
            case 2: return base &- UInt64(1 + random.below(64))                 // straddles the start
            case 3: return base + size &- UInt64(1 + random.below(64))          // straddles the end
            case 4: return base + UInt64(random.below(Int(size))) & ~7          // inside, aligned
            default: return UInt64.max                                          // wraps for any length
            }
        }
        // Random index now and then (past the table, huge).
        let function = ecalls[random.below(ecalls.count)]
        var index = SampleEnclave.index(function.name)
        if random.chance(2) { index = UInt32(SampleEnclave.interface.ecalls.count + random.below(1000)) }
        let layout = SampleEnclave.layout(function.name)
        var call = Call(name: function.name, index: index, frameOffset: nil, framePointer: 0)

        // The frame: in the arena (mostly), else somewhere hostile.
        let frameBytes = max(layout.size, 8)
        if random.chance(92) {
            var offset = random.below(arenaSize - frameBytes)
            if random.chance(80) { offset &= ~7 }
            call.frameOffset = offset
            call.framePointer = arenaAddress + UInt64(offset)
            call.permitted.append(offset ..< offset + frameBytes)
        } else {
            call.framePointer = elsewhere()
            call.summary.append("frame 0x\(String(call.framePointer, radix: 16))")
            return call
        }
        let frame = arena + call.frameOffset!
        // Value slots: random bits (a spin count bounded so that a call stays short).
        for slot in layout.slots {
            guard case .value(let type) = slot.plan else { continue }
            var value = random.next()
            if slot.parameter == "spins" { value %= 1000 }
            if random.chance(30) { value = UInt64(random.below(64)) }
            for byte in 0..<((type.size + 7) & ~7) {
                frame.storeBytes(of: UInt8(truncatingIfNeeded: value >> ((byte % 8) * 8)), toByteOffset: slot.offset + byte, as: UInt8.self)
            }
        }
        if layout.returnType != nil { frame.storeBytes(of: random.next(), toByteOffset: 0, as: UInt64.self) }
        // Pointer slots: a target, then the sizes and counts that go with it.
        for slot in layout.slots where slot.plan.isPointer {
            // user_check memory is the enclave code's to use (these ECALLs touch 16 bytes at
            // most): keep it inside the arena.
            let room = slot.plan == .userCheck ? 64 : 0
            let target: Target = random.chance(65) ? .arena(offset: random.below(arenaSize - room)) : .elsewhere
            let pointer: UInt64
            switch target {
            case .arena(let offset): pointer = arenaAddress + UInt64(offset)
            case .elsewhere: pointer = elsewhere()
            }
            frame.storeBytes(of: pointer, toByteOffset: slot.offset, as: UInt64.self)
            var unit = 1
            switch slot.plan {
            case .buffer(let element, _, let factors):
                unit = element?.size ?? 1
                for case .parameter(let name) in factors {
                    guard let factorSlot = layout.slot(name), case .value(let type) = factorSlot.plan else { continue }
                    let value = count(unit: unit, target: target, random)
                    for byte in 0..<type.size {
                        frame.storeBytes(of: UInt8(truncatingIfNeeded: value >> (byte * 8)), toByteOffset: factorSlot.offset + byte, as: UInt8.self)
                    }
                }
            case .string(let wide, _):
                unit = wide ? 4 : 1
                var length = count(unit: 1, target: target, random)
                if wide && random.chance(70) { length &= ~3 }
                frame.storeBytes(of: length, toByteOffset: slot.lengthOffset!, as: UInt64.self)
            default: break
            }
            // Bytes the enclave may write for this slot.
            guard case .arena(let offset) = target else { continue }
            var bytes: UInt64 = 0
            switch slot.plan {
            case .single(let type, let direction) where direction.copiesOut:
                bytes = UInt64(type.size)
            case .buffer(let element, let direction, let factors) where direction.copiesOut:
                bytes = UInt64(element?.size ?? 1)
                for factor in factors {
                    let value: UInt64 = switch factor {
                    case .constant(let k): UInt64(k)
                    case .parameter(let name): layout.slot(name).map { integer(frame, $0) } ?? 0
                    }
                    bytes = bytes.multipliedReportingOverflow(by: value).overflow ? UInt64.max : bytes * value
                }
            case .string(_, let direction) where direction.copiesOut:
                bytes = frame.load(fromByteOffset: slot.lengthOffset!, as: UInt64.self)
            case .userCheck:
                bytes = 16
            default:
                bytes = 0
            }
            let end = UInt64(offset) + min(bytes, UInt64(arenaSize))
            call.permitted.append(offset ..< Int(min(end, UInt64(arenaSize))))
            call.summary.append("\(slot.parameter)=arena+\(offset) (\(bytes) writable)")
        }
        return call
    }

    /// OCALL handlers that answer at random: the real answer, or garbage in the frame and an
    /// odd status.
    static func fuzzingOCalls(_ random: Generator) -> (inout OCallTable) -> Void {
        { table in
            for (position, function) in SampleEnclave.interface.ocalls.enumerated() {
                let original = table[position]
                let frameSize = SampleEnclave.interface.frameLayout(of: function.name)?.size ?? 0
                table[position] = { call in
                    if random.chance(50), let original { return original(call) }
                    if let frame = call.frame, frameSize > 0 {
                        for offset in stride(from: 0, to: frameSize & ~7, by: 8) where random.chance(60) {
                            let value: UInt64 = random.chance(50) ? random.next() : UInt64(random.below(1 << 16))
                            frame.storeBytes(of: value, toByteOffset: offset, as: UInt64.self)
                        }
                    }
                    return [0, 0, 0, 1, 2, 0x1001, UInt32(truncatingIfNeeded: random.next())][random.below(7)]
                }
            }
        }
    }

    @Test func randomFramesAndOCallAnswers() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["SWIFT_SGX_FRAME_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_F4A3_0001
        let seconds = environment["SWIFT_SGX_FRAME_FUZZ_SECONDS"].flatMap { Double($0) } ?? 3
        print("FrameFuzzTests: seed \(seed) (replay with SWIFT_SGX_FRAME_FUZZ_SEED=\(seed)), \(seconds) s")
        let random = Generator(seed: seed)
        var enclave = try SampleEnclave.load(patch: Self.fuzzingOCalls(random))
        let base = try enclave.ecall_enclave_address()
        let size = try enclave.ecall_enclave_size()

        let arena = UnsafeMutableRawPointer.allocate(byteCount: Self.arenaSize, alignment: 4096)
        let guardBuffer = UnsafeMutableRawPointer.allocate(byteCount: Self.guardSize, alignment: 16)
        defer { arena.deallocate(); guardBuffer.deallocate() }
        var guardPattern = [UInt8](repeating: 0, count: Self.guardSize)
        for i in guardPattern.indices { guardPattern[i] = UInt8(truncatingIfNeeded: random.next()) }
        guardPattern.withUnsafeBytes { guardBuffer.copyMemory(from: $0.baseAddress!, byteCount: Self.guardSize) }
        var before = [UInt8](repeating: 0, count: Self.arenaSize)

        let deadline = Date().addingTimeInterval(seconds)
        var iterations = 0, refused = 0, failures = 0
        var statuses: [SGXStatus: Int] = [:]
        while Date() < deadline && failures < 5 {
            iterations += 1
            // Fresh host bytes: random, with zeros sprinkled in (string terminators).
            for offset in stride(from: 0, to: Self.arenaSize, by: 8) {
                let value = random.chance(10) ? 0 : random.next()
                arena.storeBytes(of: value, toByteOffset: offset, as: UInt64.self)
            }
            let call = Self.makeCall(random, arena: arena, base: base, size: size)
            before.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: arena, byteCount: Self.arenaSize) }
            do {
                try enclave.ecall(call.index, frame: UnsafeMutableRawPointer(bitPattern: UInt(call.framePointer)))
            } catch {
                refused += 1
                statuses[error.status, default: 0] += 1
            }
            let describe = "iteration \(iterations) \(call.name) (index \(call.index)) frame \(call.frameOffset.map { "arena+\($0)" } ?? "0x\(String(call.framePointer, radix: 16))") \(call.summary.joined(separator: ", "))"
            if enclave.isCrashed {
                failures += 1
                let message: Comment = "seed \(seed): the enclave crashed (\(enclave.crashReason ?? "?")) at \(describe)"
                if call.frameOffset == nil && (base ..< base + size).contains(call.framePointer) {
                    // Found by this fuzzer, not fixed yet: an ECALL frame pointer into an
                    // unmapped page of ELRANGE (a guard page) faults before it is refused.
                    withKnownIssue("frame pointer into an unmapped enclave page crashes the enclave") { Issue.record(message) }
                } else {
                    Issue.record(message)
                }
                enclave = try SampleEnclave.load(patch: Self.fuzzingOCalls(random))
                continue
            }
            // Writes outside the permitted ranges?
            var stray: [Int] = []
            before.withUnsafeBytes { saved in
                for chunk in stride(from: 0, to: Self.arenaSize, by: 256)
                where memcmp(saved.baseAddress! + chunk, arena + chunk, 256) != 0 {
                    for offset in chunk ..< chunk + 256 where arena.load(fromByteOffset: offset, as: UInt8.self) != saved[offset] {
                        if !call.permitted.contains(where: { $0.contains(offset) }) { stray.append(offset) }
                    }
                }
            }
            if !stray.isEmpty {
                failures += 1
                Issue.record("seed \(seed): \(stray.count) byte(s) written outside the handed-over ranges (first at arena+\(stray[0])) at \(describe)")
            }
            if !guardPattern.withUnsafeBytes({ memcmp($0.baseAddress!, guardBuffer, Self.guardSize) == 0 }) {
                failures += 1
                Issue.record("seed \(seed): host memory never handed over changed at \(describe)")
                guardPattern.withUnsafeBytes { guardBuffer.copyMemory(from: $0.baseAddress!, byteCount: Self.guardSize) }
            }
        }
        // The enclave still works normally.
        var value: Int32 = 21
        try enclave.ecall_pointer_in_out(&value)
        #expect(value == 42)
        print("FrameFuzzTests: \(iterations) random ECALLs, \(refused) refused \(statuses.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")); \(failures) failure(s)")
        #expect(iterations > 100)
    }
}
