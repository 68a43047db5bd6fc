import Foundation
import SGXHost
import SGXTypes
import Testing

@Suite struct ConcurrencyTests {
    /// Four host threads hold all four TCSs (blocked in an OCALL); a fifth ECALL gets
    /// `outOfTCS`; once they return, ECALLs work again.
    @Test func moreCallersThanTCSsGetOutOfTCS() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        var table = OCallTable()
        table[0] = { call in
            entered.signal()
            release.wait()
            call.frame?.storeBytes(of: UInt64(1), toByteOffset: 8, as: UInt64.self)
            return 0
        }
        let enclave = SharedEnclave(try TestEnclaves.basic(ocalls: table))
        let failures = Collected()
        runThreads(5) { index in
            if index < 4 {
                let frame = Frame([index == 0 ? 7 : 8, 0])
                do { try enclave.ecall(4, frame: frame.pointer) } catch { failures.append("worker \(index): \(error)\n") }
            } else {
                for _ in 0..<4 { entered.wait() }
                do {
                    try enclave.ecall(0)
                    failures.append("fifth ECALL succeeded while all TCSs were busy\n")
                } catch let error as SGXError where error.status == .outOfTCS {
                } catch {
                    failures.append("fifth ECALL: unexpected \(error)\n")
                }
                for _ in 0..<4 { release.signal() }
            }
        }
        #expect(failures.text == "")
        try enclave.ecall(0)
    }

    /// Many threads in the enclave at once, each doing real work, all get right answers.
    @Test func parallelECallsComputeCorrectly() throws {
        let enclave = SharedEnclave(try TestEnclaves.basic())
        let errors = Collected()
        runThreads(4) { worker in
            for i in 0..<2_000 {
                let frame = Frame([UInt64(worker), UInt64(i), 0])
                do {
                    try enclave.ecall(3, frame: frame.pointer)
                    if frame[2] != UInt64(worker + i) { errors.append("wrong sum\n") }
                } catch {
                    errors.append("\(error)\n")
                }
            }
        }
        #expect(errors.text == "")
    }

    /// A lazily initialised global, first touched by four TCSs at the same moment, is
    /// initialised exactly once (swift_once inside the enclave).
    @Test func lazyStaticInitialisedOnceUnderConcurrentFirstAccess() throws {
        for _ in 0..<5 {
            let enclave = SharedEnclave(try TestEnclaves.basic())
            let start = DispatchSemaphore(value: 0)
            let results = Collected()
            runThreads(5) { index in
                if index == 4 {
                    for _ in 0..<4 { start.signal() }
                    return
                }
                start.wait()
                let frame = Frame([0, 0])
                do {
                    try enclave.ecall(9, frame: frame.pointer)
                    results.append("\(frame[0]),\(frame[1]);")
                } catch {
                    results.append("error \(error);")
                }
            }
            #expect(results.text == String(repeating: "1,998001;", count: 4))
        }
    }
}

/// Runs `body` on `count` separate threads at once and waits for all of them.
func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}
