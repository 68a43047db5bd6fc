import Foundation
import SGXHost
import SGXTypes
import Testing

/// SGXTrusted's Mutex, Condition, RWLock, Once and Lazy across TCSs: several host threads
/// in the enclave at once, each looping inside one ECALL; results must be exact.
@Suite struct SyncPrimitiveTests {
    @Test func mutexCountsExactlyUnderContention() throws {
        let enclave = try SyncEnclave.load()
        let errors = Collected()
        runThreads(4) { _ in
            do { try Frame([100_000]).call(enclave, 1) } catch { errors.append("\(error)\n") }
        }
        #expect(errors.text == "")
        let result = Frame()
        try result.call(enclave, 2)
        #expect(result[0] == 400_000)
    }

    @Test func producersAndConsumersPassEveryItemOnce() throws {
        let enclave = try SyncEnclave.load()
        let items: UInt64 = 20_000
        let half = items / 2
        let sums = Collected()
        let totals = NSLock()
        nonisolated(unsafe) var sum: UInt64 = 0
        nonisolated(unsafe) var squares: UInt64 = 0
        runThreads(4) { worker in
            do {
                if worker < 2 {
                    try Frame([1 + UInt64(worker) * half, half]).call(enclave, 3)
                } else {
                    let frame = Frame([half])
                    try frame.call(enclave, 4)
                    totals.lock(); sum &+= frame[1]; squares &+= frame[2]; totals.unlock()
                }
            } catch { sums.append("\(error)\n") }
        }
        #expect(sums.text == "")
        #expect(sum == items * (items + 1) / 2)
        #expect(squares == items * (items + 1) * (2 * items + 1) / 6)
    }

    @Test func readersNeverSeeAWriterAndWritersAreAlone() throws {
        let enclave = try SyncEnclave.load()
        let problems = Collected()
        runThreads(5) { worker in
            let frame = Frame([worker < 2 ? 2_000 : 5_000])
            do {
                try frame.call(enclave, worker < 2 ? 6 : 5)
                if frame[1] != 0 { problems.append("worker \(worker): \(frame[1]) violations\n") }
            } catch { problems.append("\(error)\n") }
        }
        #expect(problems.text == "")
        let state = Frame()
        try state.call(enclave, 7)
        #expect(state[0] == 4_000)
        #expect(state[1] == 4_000)
        #expect(state[2] >= 1)
    }

    @Test func onceAndLazyRunExactlyOnceUnderConcurrentFirstUse() throws {
        for _ in 0..<3 {
            let enclave = try SyncEnclave.load()
            let start = DispatchSemaphore(value: 0)
            let results = Collected()
            runThreads(6) { index in
                if index == 5 { for _ in 0..<5 { start.signal() }; return }
                start.wait()
                let frame = Frame()
                do {
                    try frame.call(enclave, 8)
                    results.append("\(frame[0]),\(frame[1]),\(frame[2]);")
                } catch { results.append("error \(error);") }
            }
            #expect(results.text == String(repeating: "1,998001,1;", count: 5))
        }
    }
}
