import Foundation
import SGXEnclaveBuild
@_spi(SimulatorTesting) import SGXHost
@_spi(SimulatorTesting) import SGXSimulation
import SGXTypes
import Testing

/// The host as the adversary at the CPU level (issue 10, item 3): it enters with any
/// RFLAGS, MXCSR, x87 control word, operation, untrusted stack, CSSA and TCS, and reads
/// every register right after EEXIT. Each test asserts that the enclave stays correct or
/// refuses cleanly. Raw entries go through the simulator's test-only entry
/// (`Enclave.rawSimulatedEntry`), which, like the hardware, does the enclave no favours.
@Suite(.serialized) struct BoundaryTests {
    static let dfFlag: UInt64 = 1 << 10
    static let acFlag: UInt64 = 1 << 18

    static func boundary(ocalls: OCallTable = OCallTable()) throws -> Enclave {
        try Enclave(image: try TestEnclaves.image("Boundary"), ocalls: ocalls, output: { _ in })
    }

    /// A 256 KiB untrusted OCALL stack owned by the test.
    final class UntrustedStack: @unchecked Sendable {
        static let size = Int(EnclaveABI.untrustedStackSize)
        let base = UnsafeMutableRawPointer.allocate(byteCount: UntrustedStack.size, alignment: 4096)
        var top: UInt64 { UInt64(UInt(bitPattern: base)) + UInt64(Self.size) }
        var bottom: UInt64 { UInt64(UInt(bitPattern: base)) }
        func contains(_ address: UInt64, _ count: Int = 1) -> Bool {
            address >= bottom && address + UInt64(count) <= top
        }
        deinit { base.deallocate() }
    }

    /// The registers after every EEXIT: nothing but the results.
    static func expectScrubbed(_ exit: SimulatedExit, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in ["rax", "rcx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"] {
            #expect(exit.register(name) == 0, "\(context): \(name) = 0x\(String(exit.register(name), radix: 16))", sourceLocation: sourceLocation)
        }
        for i in 0..<16 {
            #expect(exit.xmm[i].allSatisfy { $0 == 0 }, "\(context): xmm\(i) = \(exit.xmm[i])", sourceLocation: sourceLocation)
            #expect(exit.ymmHigh[i].allSatisfy { $0 == 0 }, "\(context): ymm\(i) upper = \(exit.ymmHigh[i])", sourceLocation: sourceLocation)
        }
        #expect(exit.mxcsr & 0xffbf == 0x1f80, "\(context): MXCSR 0x\(String(exit.mxcsr, radix: 16))", sourceLocation: sourceLocation)
        #expect(exit.x87ControlWord == 0x037f, "\(context): FCW 0x\(String(exit.x87ControlWord, radix: 16))", sourceLocation: sourceLocation)
        #expect(exit.rflags & (dfFlag | acFlag) == 0, "\(context): RFLAGS 0x\(String(exit.rflags, radix: 16))", sourceLocation: sourceLocation)
        for i in 0..<8 {
            #expect(exit.x87Registers[i].allSatisfy { $0 == 0 }, "\(context): st\(i) = \(exit.x87Registers[i])", sourceLocation: sourceLocation)
        }
        #expect(exit.x87Tags == 0 && exit.x87StatusWord == 0, "\(context): x87 tags 0x\(String(exit.x87Tags, radix: 16)), FSW 0x\(String(exit.x87StatusWord, radix: 16))", sourceLocation: sourceLocation)
    }

    // MARK: ORET

    @Test func oretWithNothingOutstandingIsRefused() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        var entry = SimulatedEntry(op: EnclaveABI.opOCallReturn)
        entry.untrustedStackTop = stack.top
        let exit = try enclave.rawSimulatedEntry(entry)
        #expect(exit.exitReason == EnclaveABI.exitReturn)
        #expect(exit.value == UInt64(SGXStatus.invalidState.rawValue))
        Self.expectScrubbed(exit, "refused ORET")
        let alive = !enclave.isCrashed
        #expect(alive)
        try enclave.ecall(0)
    }

    @Test func oretAfterAnotherThreadCrashedTheEnclaveIsRefused() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let marker = Frame([0])
        var entry = SimulatedEntry(op: 7)
        entry.argument = UInt64(UInt(bitPattern: marker.pointer))
        entry.untrustedStackTop = stack.top
        let ocallExit = try enclave.rawSimulatedEntry(entry) // TCS 0 is now inside OCALL 0
        #expect(ocallExit.exitReason == EnclaveABI.exitOCall)
        #expect(ocallExit.value == 0)
        #expect(stack.contains(ocallExit.frame, 16))
        // Another thread crashes the enclave (on another TCS: TCS 0 is taken by the OCALL).
        DispatchQueue.concurrentPerform(iterations: 1) { _ in _ = try? enclave.ecall(5) }
        let dead = enclave.isCrashed
        #expect(dead)
        var oret = SimulatedEntry(op: EnclaveABI.opOCallReturn)
        let resumed = try enclave.rawSimulatedEntry(oret)
        #expect(resumed.exitReason == EnclaveABI.exitReturn)
        #expect(resumed.value == UInt64(SGXStatus.enclaveCrashed.rawValue))
        #expect(marker[0] == 0, "the suspended ECALL must not resume")
        Self.expectScrubbed(resumed, "ORET after crash")
        oret.op = 0
        oret.untrustedStackTop = stack.top
        let ecall = try enclave.rawSimulatedEntry(oret)
        #expect(ecall.value == UInt64(SGXStatus.enclaveCrashed.rawValue))
    }

    // MARK: RFLAGS

    /// ECALL 1 with the host's RFLAGS: copies in, copies out, checks a heap canary.
    func copies(rflags: UInt64, oretFlags: UInt64? = nil) throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let count = 64 * 1024 + 13
        let input = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 8)) }
        let source = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        let target = UnsafeMutableRawPointer.allocate(byteCount: count + 64, alignment: 16)
        defer { source.deallocate(); target.deallocate() }
        source.copyMemory(from: input, byteCount: count)
        target.initializeMemory(as: UInt8.self, repeating: 0xee, count: count + 64)
        let frame = Frame([UInt64(UInt(bitPattern: source)), UInt64(count), UInt64(UInt(bitPattern: target)), 0,
                           oretFlags == nil ? 0 : 1])
        var entry = SimulatedEntry(op: 1)
        entry.argument = UInt64(UInt(bitPattern: frame.pointer))
        entry.untrustedStackTop = stack.top
        entry.rflags = 0x202 | rflags
        var exit = try enclave.rawSimulatedEntry(entry)
        if let oretFlags {
            #expect(exit.exitReason == EnclaveABI.exitOCall)
            var oret = SimulatedEntry(op: EnclaveABI.opOCallReturn)
            oret.rflags = 0x202 | oretFlags
            exit = try enclave.rawSimulatedEntry(oret)
        }
        #expect(exit.exitReason == EnclaveABI.exitReturn, "exit \(exit.exitReason), crash: \(enclave.crashReason ?? "-")")
        #expect(exit.value == 0, "heap canary or copy check failed inside the enclave")
        let output = Array(UnsafeRawBufferPointer(start: target, count: count + 64))
        #expect(Array(output[0..<count]) == input)
        #expect(output[count...].allSatisfy { $0 == 0xee }, "nothing written past the output buffer")
        var expected = fnv1a(input)
        var unaligned: UInt64 = 0
        input.withUnsafeBytes { for offset in stride(from: 1, to: count - 8, by: 7) { unaligned &+= $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) } }
        expected ^= unaligned
        #expect(frame[3] == expected)
        Self.expectScrubbed(exit, "copy ECALL")
        try enclave.ecall(0)
    }

    @Test func entryWithDirectionFlagSet() throws { try copies(rflags: Self.dfFlag) }
    @Test func oretWithDirectionFlagSet() throws { try copies(rflags: 0, oretFlags: Self.dfFlag) }
    @Test func entryWithAlignmentCheckSet() throws { try copies(rflags: Self.acFlag) }
    @Test func oretWithAlignmentCheckSet() throws { try copies(rflags: 0, oretFlags: Self.acFlag) }

    // MARK: floating-point control state

    static let operands: [Double] = [1.0, 3.0, Double(bitPattern: 1), 2.5, 1e-10]

    func floatingPoint(_ enclave: borrowing Enclave, mxcsr: UInt32, fcw: UInt16, stack: UntrustedStack) throws -> [UInt64] {
        let frame = Frame(Self.operands.map(\.bitPattern))
        var entry = SimulatedEntry(op: 2)
        entry.argument = UInt64(UInt(bitPattern: frame.pointer))
        entry.untrustedStackTop = stack.top
        entry.mxcsr = mxcsr
        entry.x87ControlWord = fcw
        let exit = try enclave.rawSimulatedEntry(entry)
        #expect(exit.exitReason == EnclaveABI.exitReturn && exit.value == 0)
        Self.expectScrubbed(exit, "floating-point ECALL")
        return (0..<5).map { frame[$0] }
    }

    @Test func poisonedMXCSRAndX87ControlWordChangeNothing() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let clean = try floatingPoint(enclave, mxcsr: 0x1f80, fcw: 0x037f, stack: stack)
        // The values the host computes in its default state (round to nearest, no FTZ/DAZ).
        let o = Self.operands
        #expect(clean == [(o[0] / o[1]).bitPattern, (o[2] * o[1]).bitPattern, (o[3] + o[4]).bitPattern,
                          UInt64((Float(o[0]) / Float(o[1])).bitPattern), ((o[0] + o[4]) * o[1] - o[2]).bitPattern])
        #expect(clean[1] != 0, "a subnormal result, which FTZ would flush")
        // Round toward +inf with flush-to-zero and denormals-are-zero; x87 single precision,
        // round toward zero. Each changes at least one result if it reaches the enclave.
        let poisoned = try floatingPoint(enclave, mxcsr: 0x1f80 | 0x4000 | 0x8000 | 0x0040, fcw: 0x0c7f, stack: stack)
        #expect(poisoned == clean)
        // Unmasked exceptions: the inexact division would trap (SIGFPE) if they stayed.
        let unmasked = try floatingPoint(enclave, mxcsr: 0x0000, fcw: 0x0340, stack: stack)
        #expect(unmasked == clean)
        let alive = !enclave.isCrashed
        #expect(alive)
    }

    // MARK: registers after EEXIT

    @Test func noEnclaveValuesInRegistersAfterReturnOCallAndCrash() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let frame = Frame([0])
        var entry = SimulatedEntry(op: 3)
        entry.argument = UInt64(UInt(bitPattern: frame.pointer))
        entry.untrustedStackTop = stack.top
        let returned = try enclave.rawSimulatedEntry(entry)
        #expect(returned.exitReason == EnclaveABI.exitReturn && returned.value == 0)
        #expect(frame[0] != 0, "AES ran")
        Self.expectScrubbed(returned, "ECALL return after AES")
        #expect(returned.register("rdx") == 0)

        entry.op = 4
        let ocall = try enclave.rawSimulatedEntry(entry)
        #expect(ocall.exitReason == EnclaveABI.exitOCall)
        #expect(stack.contains(ocall.frame, 16))
        Self.expectScrubbed(ocall, "OCALL exit after AES")
        var oret = SimulatedEntry(op: EnclaveABI.opOCallReturn)
        oret.mxcsr = 0x7f80 // the host's own state may be anything at ORET
        let finished = try enclave.rawSimulatedEntry(oret)
        #expect(finished.exitReason == EnclaveABI.exitReturn && finished.value == 0)
        Self.expectScrubbed(finished, "ECALL return after ORET")

        entry.op = 5
        let crashed = try enclave.rawSimulatedEntry(entry)
        #expect(crashed.exitReason == EnclaveABI.exitCrash)
        #expect(crashed.value == EnclaveABI.CrashReason.swiftTrap.rawValue)
        Self.expectScrubbed(crashed, "crash exit after AES")
        let dead = enclave.isCrashed
        #expect(dead)
    }

    /// x87 registers keep popped values; an enclave that used them must leave them in their
    /// init state (the scrub's XINUSE fast path must not skip them).
    @Test func x87ValuesDoNotOutliveTheECall() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        for _ in 0..<3 {
            let frame = Frame([6, 0])
            var entry = SimulatedEntry(op: 13)
            entry.argument = UInt64(UInt(bitPattern: frame.pointer))
            entry.untrustedStackTop = stack.top
            let exit = try enclave.rawSimulatedEntry(entry)
            #expect(exit.exitReason == EnclaveABI.exitReturn && exit.value == 0)
            var expected: Float80 = 1.5
            for _ in 0..<6 { expected = expected * 1.25 + 1.5 }
            // Float80's significand field drops the explicit integer bit that the 80-bit format stores.
            #expect(frame[0] == expected.significandBitPattern | 1 << 63 && frame[1] == UInt64(expected.exponentBitPattern), "the x87 ECALL ran")
            Self.expectScrubbed(exit, "x87 ECALL")
        }
    }

    @Test func faultExitLeavesNoEnclaveValues() throws {
        // A fault after AES (hardware: an AEX, which leaves synthetic register state): the
        // simulator's fault handler leaves the same clean state at the exit point.
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        var entry = SimulatedEntry(op: 12)
        entry.untrustedStackTop = stack.top
        let exit = try enclave.rawSimulatedEntry(entry)
        #expect(exit.exitReason == EnclaveABI.exitCrash)
        #expect(exit.value == EnclaveABI.CrashReason.hardwareFault.rawValue | 11)
        let dead = enclave.isCrashed
        #expect(dead)
        Self.expectScrubbed(exit, "fault exit after AES")
    }

    @Test func rangesInsideTheEnclaveAreRefused() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        var entry = SimulatedEntry(op: 1)
        let bad = Frame([enclave.simulatedBase, 64, enclave.simulatedBase + 8192, 0, 0])
        entry.argument = UInt64(UInt(bitPattern: bad.pointer))
        entry.untrustedStackTop = stack.top
        let refused = try enclave.rawSimulatedEntry(entry)
        #expect(refused.exitReason == EnclaveABI.exitReturn && refused.value == 2)
        Self.expectScrubbed(refused, "refused copy")
        let alive = !enclave.isCrashed
        #expect(alive)
    }

    // MARK: untrusted stack

    @Test func untrustedStackTopMustBeAWholeAlignedOutsideRange() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let base = enclave.simulatedBase, size = enclave.simulatedSize
        let cases: [(String, UInt64)] = [
            ("inside the enclave", base + size / 2),
            ("straddling the enclave's start", base + 4096),
            ("straddling the enclave's end", base + size + EnclaveABI.untrustedStackSize / 2),
            ("unaligned", stack.top - 8),
            ("too small (below the stack size)", EnclaveABI.untrustedStackSize - 16),
            ("zero", 0),
        ]
        for (name, top) in cases {
            var entry = SimulatedEntry(op: 0)
            entry.untrustedStackTop = top
            let exit = try enclave.rawSimulatedEntry(entry)
            #expect(exit.exitReason == EnclaveABI.exitReturn)
            #expect(exit.value == UInt64(SGXStatus.invalidParameter.rawValue), "\(name): status \(exit.value)")
        }
        var good = SimulatedEntry(op: 0)
        good.untrustedStackTop = stack.top
        #expect(try enclave.rawSimulatedEntry(good).value == 0)
        let alive = !enclave.isCrashed
        #expect(alive)
    }

    // MARK: operations

    @Test func bogusOperationsAndRepeatedInitAreRefused() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let cases: [(UInt64, SGXStatus)] = [
            (0x8000_0000, .invalidFunction), (0xffff_fffc, .invalidFunction), (0xffff_ffff, .invalidFunction),
            (1 << 40, .invalidFunction), (0x1_ffff_fffe, .invalidFunction), (UInt64.max, .invalidFunction),
            (500, .invalidFunction), (EnclaveABI.opInit, .invalidState),
        ]
        for (op, status) in cases {
            var entry = SimulatedEntry(op: op)
            entry.untrustedStackTop = stack.top
            let exit = try enclave.rawSimulatedEntry(entry)
            #expect(exit.exitReason == EnclaveABI.exitReturn)
            #expect(exit.value == UInt64(status.rawValue), "op 0x\(String(op, radix: 16)): status 0x\(String(exit.value, radix: 16))")
            Self.expectScrubbed(exit, "op 0x\(String(op, radix: 16))")
        }
        try enclave.ecall(0)
        let alive = !enclave.isCrashed
        #expect(alive)
    }

    // MARK: CSSA and busy TCSs

    @Test func reentryOfABusyTCSOutsideTheOCallWindow() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let flag = Frame([0, 0, 0])
        let outcome = Collected()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            if worker == 0 {
                // Spins inside the enclave on TCS 0 (unbound policy: the lowest free TCS).
                do { try enclave.ecall(6, frame: flag.pointer); outcome.append("returned") } catch { outcome.append("\(error)") }
                return
            }
            while flag[1] == 0 { usleep(100) }
            // Hardware: EENTER on a busy TCS faults; the simulator refuses it the same way.
            var same = SimulatedEntry(op: 0)
            same.untrustedStackTop = stack.top
            #expect(throws: SGXError(.invalidState)) { try enclave.rawSimulatedEntry(same) }
            // After an AEX the TCS is not busy and CSSA = 1: re-entry kills the enclave
            // without touching the interrupted thread's stack.
            var reentry = SimulatedEntry(op: 0)
            reentry.cssa = 1
            reentry.asIfInterrupted = true
            reentry.untrustedStackTop = stack.top
            do {
                let exit = try enclave.rawSimulatedEntry(reentry)
                #expect(exit.exitReason == EnclaveABI.exitCrash)
                #expect(exit.value == EnclaveABI.CrashReason.badEntry.rawValue)
                Self.expectScrubbed(exit, "CSSA 1 entry")
            } catch { Issue.record("\(error)") }
            flag.pointer.storeBytes(of: UInt64(1), as: UInt64.self)
        }
        let dead = enclave.isCrashed
        #expect(dead)
        let reason = enclave.crashReason
        #expect(reason?.contains("CSSA") == true)
        #expect(flag[2] > 0, "the interrupted thread's stack was intact: it finished its loop")
        #expect(throws: SGXError(.enclaveCrashed)) { try enclave.ecall(0) }
    }

    @Test func reentryAtCSSA1InsideTheOCallWindow() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let marker = Frame([0])
        var entry = SimulatedEntry(op: 7)
        entry.argument = UInt64(UInt(bitPattern: marker.pointer))
        entry.untrustedStackTop = stack.top
        #expect(try enclave.rawSimulatedEntry(entry).exitReason == EnclaveABI.exitOCall)
        var reentry = SimulatedEntry(op: 0)
        reentry.cssa = 1
        reentry.untrustedStackTop = stack.top
        let exit = try enclave.rawSimulatedEntry(reentry)
        #expect(exit.exitReason == EnclaveABI.exitCrash && exit.value == EnclaveABI.CrashReason.badEntry.rawValue)
        let oret = try enclave.rawSimulatedEntry(SimulatedEntry(op: EnclaveABI.opOCallReturn))
        #expect(oret.value == UInt64(SGXStatus.enclaveCrashed.rawValue))
        #expect(marker[0] == 0)
    }

    // MARK: nesting

    @Test func nestedUntrustedStackStaysInTheValidatedRange() throws {
        let enclave = try Self.boundary()
        let stack = UntrustedStack()
        let outerSize: UInt64 = 200 * 1024
        for (innerSize, expected) in [(UInt64(40 * 1024), UInt64(EnclaveABI.exitOCall)), (UInt64(100 * 1024), UInt64(EnclaveABI.exitReturn))] {
            let frame = Frame([outerSize, 0])
            var entry = SimulatedEntry(op: 9)
            entry.argument = UInt64(UInt(bitPattern: frame.pointer))
            entry.untrustedStackTop = stack.top
            let outer = try enclave.rawSimulatedEntry(entry)
            #expect(outer.exitReason == EnclaveABI.exitOCall && outer.value == 2)
            #expect(stack.contains(outer.frame, Int(outerSize)))
            // Nested ECALL 10 on the same TCS inside OCALL 2, with a fresh (ignored) stack.
            let other = UntrustedStack()
            let inner = Frame([innerSize])
            var nested = SimulatedEntry(op: 10)
            nested.argument = UInt64(UInt(bitPattern: inner.pointer))
            nested.untrustedStackTop = other.top
            let innerExit = try enclave.rawSimulatedEntry(nested)
            #expect(innerExit.exitReason == expected, "inner \(innerSize): exit \(innerExit.exitReason) value \(innerExit.value)")
            if innerExit.exitReason == EnclaveABI.exitOCall {
                #expect(innerExit.value == 3)
                #expect(stack.contains(innerExit.frame, Int(innerSize)), "nested frame inside the validated range")
                #expect(innerExit.frame + innerSize <= outer.frame, "below the outer OCALL's frame")
                let innerDone = try enclave.rawSimulatedEntry(SimulatedEntry(op: EnclaveABI.opOCallReturn))
                #expect(innerDone.exitReason == EnclaveABI.exitReturn && innerDone.value == 0)
            } else {
                #expect(innerExit.value == UInt64(SGXStatus.outOfMemory.rawValue), "no room left: refused")
            }
            let outerDone = try enclave.rawSimulatedEntry(SimulatedEntry(op: EnclaveABI.opOCallReturn))
            #expect(outerDone.exitReason == EnclaveABI.exitReturn && outerDone.value == 0)
        }
        let alive = !enclave.isCrashed
        #expect(alive)
    }

    @Test func nestingDeeperThanSupportedIsRefused() throws {
        let depths = Collected()
        var table = OCallTable()
        table[1] = { call in
            let depth = call.frame!.load(as: UInt64.self)
            do {
                try call.ecall(8, frame: nil)
                return 0
            } catch {
                let status = (error as? SGXError)?.status ?? .unexpected
                depths.append("\(depth):\(status)")
                return status.rawValue
            }
        }
        let enclave = try Self.boundary(ocalls: table)
        #expect(throws: SGXError(.stackOverrun)) { try enclave.ecall(8) }
        let alive = !enclave.isCrashed
        #expect(alive)
        #expect(depths.text.contains("stackOverrun"), "refused at: \(depths.text)")
        try enclave.ecall(0)
    }

    // MARK: speculation barriers

    @Test func speculationBarriersInEveryImage() throws {
        let toolchain = try Toolchain.locate()
        for name in ["Basic", "Boundary"] {
            _ = try TestEnclaves.image(name)
            let path = TestEnclaves.workRoot + "/\(name).signed.so"
            let result = try SpeculationBarrierCheck.check(image: path, toolchain: toolchain)
            #expect(result.missing.isEmpty, "\(name): no LFENCE in \(result.missing)")
            #expect(result.examined.contains("sgx_ecall_entry"))
            // The check can fail: memset has no barrier.
            let negative = try SpeculationBarrierCheck.check(image: path, toolchain: toolchain, alsoRequire: ["memset"])
            #expect(negative.missing == ["memset"])
        }
    }

    // MARK: concurrency

    @Test func concurrentLargeInBuffersOnSeveralTCSs() throws {
        let enclave = try Self.boundary()
        let count = 256 * 1024
        let failures = Collected()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let input = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* (worker + 3) &+ worker) }
            let source = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
            let target = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
            defer { source.deallocate(); target.deallocate() }
            source.copyMemory(from: input, byteCount: count)
            let frame = Frame([UInt64(UInt(bitPattern: source)), UInt64(count), UInt64(UInt(bitPattern: target)), 0, 0])
            for _ in 0..<3 {
                do {
                    try enclave.ecall(1, frame: frame.pointer)
                } catch let error as SGXError where error.status == .outOfTCS {
                    continue
                } catch { failures.append("\(worker): \(error)"); return }
                if Array(UnsafeRawBufferPointer(start: target, count: count)) != input { failures.append("\(worker): output differs") }
            }
        }
        #expect(failures.text.isEmpty, "\(failures.text)")
        let alive = !enclave.isCrashed
        #expect(alive)
    }

    @Test func frameSlotsFlippedDuringAnECall() throws {
        let enclave = try Self.boundary()
        let count = 4096
        let input = (0..<count).map { UInt8(truncatingIfNeeded: $0 ^ 0x5c) }
        let source = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        defer { source.deallocate() }
        source.copyMemory(from: input, byteCount: count)
        let frame = Frame([UInt64(UInt(bitPattern: source)), UInt64(count), 2_000_000, 0])
        let stop = Collected()
        let expected = fnv1a(input)
        let sourceAddress = UInt64(UInt(bitPattern: source)), base = enclave.simulatedBase
        let statuses = Collected()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            if worker == 1 {
                var i: UInt64 = 0
                while stop.text.isEmpty {
                    // Point the frame into the enclave and at a huge size, then back.
                    frame.pointer.storeBytes(of: i & 1 == 0 ? base : sourceAddress, toByteOffset: 0, as: UInt64.self)
                    frame.pointer.storeBytes(of: i & 2 == 0 ? UInt64(1 << 40) : UInt64(count), toByteOffset: 8, as: UInt64.self)
                    i &+= 1
                }
                return
            }
            for _ in 0..<200 {
                frame.pointer.storeBytes(of: 0, toByteOffset: 24, as: UInt64.self)
                do {
                    try enclave.ecall(11, frame: frame.pointer)
                    statuses.append(frame[3] == expected ? "0," : "1,")
                } catch { statuses.append("\(((error as? SGXError)?.status ?? .unexpected).rawValue),") }
            }
            stop.append("stop")
        }
        let alive = !enclave.isCrashed, reason = enclave.crashReason ?? ""
        #expect(alive, "\(reason)")
        // Each call either used one consistent snapshot (the right checksum) or refused it.
        let results = statuses.text.split(separator: ",").map { UInt32($0)! }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 == 0 || $0 == SGXStatus.invalidParameter.rawValue }, "\(Set(results))")
    }
}

/// FNV-1a, as the Boundary enclave computes it.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
}
