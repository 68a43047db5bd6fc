import Foundation
import SGXEnclaveBuild
@_spi(Testing) import SGXHost
import SGXTypes
import Testing

/// A host that answers runtime OCALLs with nonsense: wrong statuses, negative counts,
/// counts larger than asked, pointers into the enclave, wake-ups nobody asked for. The
/// enclave must reject or ignore each answer and keep working.
@Suite struct HostileHostTests {
    private static let invalidParameter = UInt64(SGXStatus.invalidParameter.rawValue)
    private static let unexpected = UInt64(SGXStatus.unexpected.rawValue)

    /// The enclave still answers and counts correctly after the abuse.
    private func expectHealthy(_ enclave: SharedEnclave) throws {
        enclave.enclave.setRuntimeOCallInterceptor(nil)
        let crashed = enclave.enclave.isCrashed
        #expect(!crashed)
        try enclave.ecall(0)
        let before = Frame()
        try before.call(enclave, 2)
        runThreads(2) { _ in _ = try? Frame([1_000]).call(enclave, 1) }
        let after = Frame()
        try after.call(enclave, 2)
        #expect(after[0] == before[0] + 2_000)
    }


    @Test func bogusWakeUpsAndLostWakesKeepLocksExact() throws {
        let enclave = try SyncEnclave.load()
        // Every wait returns at once with a junk status; wakes are dropped with another.
        enclave.enclave.setRuntimeOCallInterceptor { request in
            switch request.index {
            case EnclaveABI.ocallThreadWait: return 0xdead
            case EnclaveABI.ocallThreadWake, EnclaveABI.ocallThreadWakeMultiple: return 0xbeef
            default: return request.forward()
            }
        }
        let errors = Collected()
        runThreads(4) { worker in
            do {
                try Frame([20_000]).call(enclave, 1)
                if worker < 2 {
                    try Frame([1 + UInt64(worker) * 1_000, 1_000]).call(enclave, 3)
                } else {
                    let frame = Frame([1_000])
                    try frame.call(enclave, 4)
                    errors.append("") // sums are checked by the producer/consumer test
                }
            } catch { errors.append("\(error)\n") }
        }
        #expect(errors.text == "")
        let result = Frame()
        try result.call(enclave, 2)
        #expect(result[0] == 80_000)
        try expectHealthy(enclave)
    }

    @Test func spuriousWakeUpsOfEveryTCSAreHarmless() throws {
        let enclave = try SyncEnclave.load()
        // Real waits, but every wake also sets the events of all other TCSs.
        enclave.enclave.setRuntimeOCallInterceptor { request in
            if request.index == EnclaveABI.ocallThreadWake {
                let slot = offset("tcs_index", "sgx_ocall_thread_wake")
                let target = request.u64(at: slot)
                for tcs in 0..<UInt64(6) {
                    request.setU64(tcs, at: slot)
                    _ = request.forward()
                }
                request.setU64(target, at: slot)
                return 0
            }
            return request.forward()
        }
        runThreads(4) { _ in _ = try? Frame([50_000]).call(enclave, 1) }
        let result = Frame()
        try result.call(enclave, 2)
        #expect(result[0] == 200_000)
        try expectHealthy(enclave)
    }

    @Test func clockWithWrongStatusOrBackwardsTimeIsContained() throws {
        let enclave = try SyncEnclave.load()
        enclave.enclave.setRuntimeOCallInterceptor { _ in 0x1234 }
        let refused = Frame()
        try refused.call(enclave, 13)
        #expect(refused[0] == Self.unexpected)

        let calls = Counter()
        enclave.enclave.setRuntimeOCallInterceptor { request in
            guard request.index == EnclaveABI.ocallClock else { return request.forward() }
            // [out] parameters: the answers go into the buffers the frame points at.
            request.buffer(at: offset("wall_nanoseconds", "sgx_ocall_clock")).storeBytes(of: UInt64(7), as: UInt64.self)
            request.buffer(at: offset("monotonic_nanoseconds", "sgx_ocall_clock"))
                .storeBytes(of: UInt64(calls.next() == 0 ? 1_000_000 : 500), as: UInt64.self) // goes backwards
            return 0
        }
        let backwards = Frame()
        try backwards.call(enclave, 13)
        #expect(backwards[0] == 0)
        #expect(backwards[1] == 7)
        #expect(backwards[2] == 1_000_000)
        #expect(backwards[3] == 1_000_000) // clamped, never decreasing
        try expectHealthy(enclave)
    }

    /// Reads 100 bytes of a host file holding "ABCDEF..." with `tamper` applied to each
    /// read OCALL's answer; returns (step, status, count, first byte).
    private func read(tamper: @escaping @Sendable (RuntimeOCallRequest) -> UInt32, at index: UInt32 = EnclaveABI.ocallFileRead)
        throws -> (UInt64, UInt64, UInt64, UInt64) {
        let enclave = try SyncEnclave.load()
        let path = temporaryPath("hostile")
        #expect(FileManager.default.createFile(atPath: path, contents: Data((0..<200).map { UInt8(65 + $0 % 26) })))
        defer { try? FileManager.default.removeItem(atPath: path) }
        enclave.enclave.setRuntimeOCallInterceptor { request in
            request.index == index ? tamper(request) : request.forward()
        }
        let frame = PathFrame(path, [100])
        try frame.call(enclave, 15)
        try expectHealthy(enclave)
        return (frame[2], frame[3], frame[4], frame[5])
    }

    @Test func honestHostReads() throws {
        let result = try read(tamper: { $0.forward() })
        #expect(result == (0, 0, 100, 65))
    }

    @Test func readCountLargerThanRequestedIsRejected() throws {
        let result = try read(tamper: { request in
            let status = request.forward()
            request.setU64(request.u64(at: offset("capacity", "sgx_ocall_file_read")) + 1, at: 0) // the count returned
            return status
        })
        #expect(result.0 == 2)
        #expect(result.1 == Self.invalidParameter)
    }

    @Test func negativeReadCountsAreRejected() throws {
        let hugeNegative = try read(tamper: { request in
            request.setU64(UInt64(bitPattern: Int64.min), at: 0)
            return 0
        })
        #expect(hugeNegative.0 == 2)
        #expect(hugeNegative.1 == Self.invalidParameter)
        let errnoLike = try read(tamper: { request in
            request.setU64(UInt64(bitPattern: -5), at: 0)
            return 0
        })
        #expect(errnoLike.0 == 2)
        #expect(errnoLike.1 == Self.unexpected)
    }

    @Test func bufferPointerRedirectedIntoTheEnclaveIsIgnored() throws {
        // The host reads honestly, then rewrites the frame's buffer address to point into
        // the enclave; the enclave copies from the buffer it chose, not from the frame.
        let result = try read(tamper: { request in
            let status = request.forward()
            request.setU64(request.enclaveBase + 0x1000, at: offset("buffer", "sgx_ocall_file_read"))
            return status
        })
        #expect(result == (0, 0, 100, 65))
    }

    @Test func wrongStatusesFromFileOCallsAreErrors() throws {
        let open = try read(tamper: { _ in 0x7777 }, at: EnclaveABI.ocallFileOpen)
        #expect(open.0 == 1)
        #expect(open.1 == Self.unexpected)
        let badHandle = try read(tamper: { request in
            request.setU64(UInt64(bitPattern: -9_999), at: 0)
            return 0
        }, at: EnclaveABI.ocallFileOpen)
        #expect(badHandle.0 == 1)
        #expect(badHandle.1 == Self.invalidParameter)
        let close = try read(tamper: { request in
            _ = request.forward()
            return UInt32(SGXStatus.invalidState.rawValue)
        }, at: EnclaveABI.ocallFileClose)
        #expect(close.0 == 3)
        #expect(close.1 == UInt64(SGXStatus.invalidState.rawValue))
    }

    @Test func writeCountsOutOfRangeAreRejected() throws {
        for (answer, expected) in [(Int64(11), Self.invalidParameter), (Int64(0), Self.unexpected), (Int64.min, Self.invalidParameter)] {
            let enclave = try SyncEnclave.load()
            let path = temporaryPath("hostile-write")
            defer { try? FileManager.default.removeItem(atPath: path) }
            enclave.enclave.setRuntimeOCallInterceptor { request in
                guard request.index == EnclaveABI.ocallFileWrite else { return request.forward() }
                request.setU64(UInt64(bitPattern: answer), at: 0)
                return 0
            }
            let frame = PathFrame(path)
            try frame.call(enclave, 16)
            #expect(frame[2] == 1, "answer \(answer)")
            #expect(frame[3] == expected, "answer \(answer)")
            try expectHealthy(enclave)
        }
    }

    @Test func refusedPrintIsReportedNotFatal() throws {
        let enclave = try SyncEnclave.load()
        enclave.enclave.setRuntimeOCallInterceptor { _ in 0x9999 }
        let frame = Frame()
        try frame.call(enclave, 17)
        #expect(frame[0] == 0)
        #expect(frame[1] == 0)
        try expectHealthy(enclave)
    }

    /// The other direction: the real host refuses runtime OCALLs whose pointers lie inside
    /// the enclave, and TCS indices out of range.
    @Test func hostRejectsEnclavePointersAndBadTCSIndices() throws {
        // The enclave builds these frames by hand (Sync.swift, ECALLs 18 and 19); their
        // offsets must be the EDL's.
        #expect(offset("length", "sgx_ocall_print") == 8)
        #expect(offset("path", "sgx_ocall_file_open") == 8 && offset("mode", "sgx_ocall_file_open") == 24)
        #expect(offset("handle", "sgx_ocall_file_read") == 8 && offset("buffer", "sgx_ocall_file_read") == 16)
        #expect(offset("data", "sgx_ocall_file_write") == 16 && offset("path", "sgx_ocall_file_remove") == 8)
        #expect(offset("tcs_indices", "sgx_ocall_thread_wake_multiple") == 8)
        #expect(offset("tcs_index", "sgx_ocall_thread_wait") == 8 && offset("tcs_index", "sgx_ocall_thread_wake") == 8)
        let enclave = try SyncEnclave.load()
        let frame = Frame()
        try frame.call(enclave, 18)
        for i in 0..<6 { #expect(frame[i] == Self.invalidParameter, "call \(i)") }
        let indices = Frame()
        try indices.call(enclave, 19)
        #expect(indices[0] == Self.invalidParameter)
        #expect(indices[1] == Self.invalidParameter)
        try expectHealthy(enclave)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}

/// Byte offset of `parameter` in the frame of runtime OCALL `function` (from the EDL).
func offset(_ parameter: String, _ function: String) -> Int {
    guard let offset = RuntimeInterface.offset(of: parameter, in: function) else {
        fatalError("swift_sgx_runtime.edl has no parameter \(parameter) of \(function)")
    }
    return offset
}
