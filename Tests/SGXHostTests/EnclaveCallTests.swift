import Foundation
import SGXHost
import SGXSign
import SGXTypes
import Testing

@Suite struct EnclaveCallTests {
    @Test func loadsAndReportsIdentity() throws {
        let enclave = try TestEnclaves.basic()
        #expect(enclave.identity.isvProdID == 7)
        #expect(enclave.identity.isvSvn == 3)
        #expect(enclave.identity.debug)
        let image = try EnclaveELF(bytes: try TestEnclaves.image("Basic"))
        let layout = try EnclaveLayout(image: image)
        #expect(enclave.identity.mrenclave == layout.measure().mrenclave)
        #expect(enclave.config.tcsCount == 4)
    }

    @Test func emptyAndAddECalls() throws {
        let enclave = try TestEnclaves.basic()
        try enclave.ecall(0)
        let frame = Frame([40, 2, 0])
        try enclave.ecall(3, frame: frame.pointer)
        #expect(frame[2] == 42)
    }

    @Test func classesAndDictionariesWork() throws {
        let enclave = try TestEnclaves.basic()
        try enclave.ecall(16)
        try enclave.ecall(15)
        try enclave.ecall(14)
        try enclave.ecall(13)
    }

    @Test func printReachesTheHost() throws {
        let collected = Collected()
        let enclave = try TestEnclaves.basic(output: { bytes in collected.append(bytes) })
        try enclave.ecall(1)
        #expect(collected.text == "hello from inside the enclave\n")
    }

    @Test func ocallRoundTrip() throws {
        var table = OCallTable()
        table[0] = { call in
            guard let frame = call.frame, call.isOutsideEnclave(frame, count: 16) else { return 2 }
            let value = frame.load(as: UInt64.self)
            frame.storeBytes(of: value * 2, toByteOffset: 8, as: UInt64.self)
            return 0
        }
        let enclave = try TestEnclaves.basic(ocalls: table)
        let frame = Frame([21, 0])
        try enclave.ecall(4, frame: frame.pointer)
        #expect(frame[1] == 42)
    }

    @Test func ocallWithoutHandlerFails() throws {
        let enclave = try TestEnclaves.basic()
        let frame = Frame([21, 0])
        #expect(throws: SGXError(.unexpected)) { try enclave.ecall(4, frame: frame.pointer) }
    }

    @Test func nestedECallFromOCall() throws {
        let sums = Collected()
        var table = OCallTable()
        table[1] = { call in
            let inner = Frame([5, 6, 0])
            do { try call.ecall(3, frame: inner.pointer) } catch let error as SGXError { return error.status.rawValue } catch { return 1 }
            sums.append(String(inner[2]))
            return 0
        }
        let enclave = try TestEnclaves.basic(ocalls: table)
        let frame = Frame([99])
        try enclave.ecall(5, frame: frame.pointer)
        #expect(frame[0] == 0)
        #expect(sums.text == "11")
    }

    @Test func unknownECallIndex() throws {
        let enclave = try TestEnclaves.basic()
        #expect(throws: SGXError(.invalidFunction)) { try enclave.ecall(99) }
        #expect(throws: SGXError(.invalidFunction)) { try enclave.ecall(0x8000_0000) }
        try enclave.ecall(0) // still alive
    }

    @Test func frameInsideTheEnclaveIsRefused() throws {
        let enclave = try TestEnclaves.basic()
        try enclave.ecall(12)
    }
}

/// Thread-safe text collector for enclave output and OCALL observations.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ buffer: UnsafeRawBufferPointer) { lock.lock(); bytes.append(contentsOf: buffer); lock.unlock() }
    func append(_ text: String) { lock.lock(); bytes.append(contentsOf: Array(text.utf8)); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: bytes, as: UTF8.self) }
}
