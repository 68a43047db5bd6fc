import Foundation
import SGXHost
import SGXImage
import SGXSimulation
import SGXTypes
import Testing

/// The simulator driven only through the loader protocol (``SGXImage/EnclaveBackEnd``), as a
/// host would drive the Linux driver back end: the layout's page list, EINIT against what
/// was added, then EENTER/EEXIT steps with OCALLs answered by the caller.
@Suite struct SimulationBackEndTests {
    static func signedLayout() throws -> (EnclaveLayout, Sigstruct) {
        let layout = try EnclaveLayout(image: try EnclaveELF(bytes: try TestEnclaves.image("Basic")))
        return (layout, try Sigstruct(bytes: layout.image.embeddedSigstruct!))
    }

    /// Runs `op` on the first TCS until it returns, answering OCALL 0 of the Basic enclave
    /// (frame {in, out}: out = in * 2) and refusing any other.
    static func run<B: EnclaveBackEnd & ~Copyable>(_ backEnd: borrowing B, layout: EnclaveLayout, op: UInt64,
                                                   argument: UInt64, stackTop: UInt64) throws -> (EnclaveExit, Int) {
        var exit = try backEnd.enter(tcsOffset: layout.tcsOffsets[0], op: op, argument: argument, untrustedStack: stackTop)
        var ocalls = 0
        while case .ocall(let index, let frame) = exit {
            ocalls += 1
            var status = SGXStatus.invalidFunction.rawValue
            if index == 0, let pointer = UnsafeMutableRawPointer(bitPattern: UInt(frame)) {
                pointer.storeBytes(of: pointer.load(as: UInt64.self) &* 2, toByteOffset: 8, as: UInt64.self)
                status = 0
            }
            exit = try backEnd.enter(tcsOffset: layout.tcsOffsets[0], op: EnclaveABI.opOCallReturn,
                                     argument: UInt64(status), untrustedStack: 0)
        }
        return (exit, ocalls)
    }

    @Test func loadsThroughTheProtocolAndRunsAnECallWithAnOCall() throws {
        let (layout, sigstruct) = try Self.signedLayout()
        var backEnd = SimulationBackEnd()
        let base = try layout.load(into: &backEnd, sigstruct: sigstruct)
        #expect(base != 0 && base % layout.enclaveSize == 0)
        // EINIT measured what was added, and it is what the layout and the signer say.
        let identity = backEnd.identity
        #expect(identity?.mrenclave == layout.measure().mrenclave)
        #expect(identity?.isvProdID == 7)

        let stackSize = Int(EnclaveABI.untrustedStackSize)
        let stack = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 4096)
        defer { stack.deallocate() }
        let top = UInt64(UInt(bitPattern: stack)) + UInt64(stackSize)
        let initExit = try SimulationBackEnd.withCPUFeaturesFrame { (frame) throws(SGXError) in
            try backEnd.enter(tcsOffset: layout.tcsOffsets[0], op: EnclaveABI.opInit,
                              argument: UInt64(UInt(bitPattern: frame)), untrustedStack: top)
        }
        #expect(initExit == .returned(status: 0))

        let frame = Frame([21, 0])
        let (exit, ocalls) = try Self.run(backEnd, layout: layout, op: 4, argument: UInt64(UInt(bitPattern: frame.pointer)), stackTop: top)
        #expect(exit == .returned(status: 0))
        #expect(ocalls == 1)
        #expect(frame[1] == 42)

        // A crash comes back as a crash exit and sticks.
        let (crash, _) = try Self.run(backEnd, layout: layout, op: 2, argument: 0, stackTop: top)
        guard case .crashed = crash else { Issue.record("a Swift trap gave \(crash)"); return }
        let crashed = backEnd.isCrashed
        #expect(crashed)
        backEnd.destroy()
    }

    /// A back end that hands the simulator one flipped byte in the first measured call.
    struct Flipping: ~Copyable, EnclaveBackEnd {
        var inner = SimulationBackEnd()
        var flipped = false
        mutating func create(secs: SECS) throws(SGXError) -> UInt64 { try inner.create(secs: secs) }
        mutating func addPages(_ contents: UnsafeRawBufferPointer, offset: UInt64, secInfoFlags: UInt64, measured: Bool) throws(SGXError) {
            guard measured, !flipped else {
                return try inner.addPages(contents, offset: offset, secInfoFlags: secInfoFlags, measured: measured)
            }
            flipped = true
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: contents.count, alignment: 4096)
            defer { copy.deallocate() }
            copy.copyMemory(from: contents)
            copy[100] ^= 1
            try inner.addPages(UnsafeRawBufferPointer(copy), offset: offset, secInfoFlags: secInfoFlags, measured: measured)
        }
        mutating func initialize(sigstruct: Sigstruct) throws(SGXError) { try inner.initialize(sigstruct: sigstruct) }
        func enter(tcsOffset: UInt64, op: UInt64, argument: UInt64, untrustedStack: UInt64) throws(SGXError) -> EnclaveExit {
            try inner.enter(tcsOffset: tcsOffset, op: op, argument: argument, untrustedStack: untrustedStack)
        }
        mutating func destroy() { inner.destroy() }
    }

    @Test func einitComparesWhatWasAddedNotWhatTheLayoutSays() throws {
        let (layout, sigstruct) = try Self.signedLayout()
        var backEnd = Flipping()
        let error = #expect(throws: SGXError.self) { _ = try layout.load(into: &backEnd, sigstruct: sigstruct) }
        #expect(error?.status == .invalidSignature)
        #expect(error?.detail.contains("measurement mismatch") == true)
        let flipped = backEnd.flipped
        #expect(flipped)
        backEnd.destroy()
    }

    @Test func entryOnAnOffsetThatIsNotATCSIsRefused() throws {
        let (layout, sigstruct) = try Self.signedLayout()
        var backEnd = SimulationBackEnd()
        _ = try layout.load(into: &backEnd, sigstruct: sigstruct)
        for offset in [0, layout.tcsOffsets[0] + 4096, layout.tcsOffsets[0] + UInt64(layout.tcsOffsets.count) * layout.tcsStride] {
            let error = #expect(throws: SGXError.self) {
                _ = try backEnd.enter(tcsOffset: offset, op: 0, argument: 0, untrustedStack: 0)
            }
            #expect(error?.status == .invalidParameter)
        }
        backEnd.destroy()
    }
}
