import Foundation
import SGXHost
import SGXTypes
import Testing

/// ThreadLocal values belong to a TCS. Under the bound policy a host thread keeps its TCS
/// (and so its values) across ECALLs; under unbound the next caller of a TCS sees them.
@Suite struct ThreadLocalTests {
    /// Thread A sets a value and keeps running; thread B then calls in. Returns
    /// (A's TCS, B's TCS, B saw a value, B's value, A's value read again, A's TCS again).
    private func scenario(bound: Bool) throws -> (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) {
        let enclave = try SyncEnclave.load(bound: bound)
        let aSet = DispatchSemaphore(value: 0), bDone = DispatchSemaphore(value: 0)
        let set = Frame([42]), seenByB = Frame(), seenByA = Frame()
        let errors = Collected()
        runThreads(2) { index in
            do {
                if index == 0 {
                    try set.call(enclave, 9)
                    aSet.signal()
                    bDone.wait()
                    try seenByA.call(enclave, 10)
                } else {
                    aSet.wait()
                    try seenByB.call(enclave, 10)
                    bDone.signal()
                }
            } catch { errors.append("\(error)") }
        }
        #expect(errors.text == "")
        return (set[1], seenByB[2], seenByB[0], seenByB[1], seenByA[1], seenByA[2])
    }

    @Test func boundThreadKeepsItsTCSAndValues() throws {
        let (tcsA, tcsB, bPresent, _, aValue, tcsAAgain) = try scenario(bound: true)
        #expect(tcsA != tcsB)
        #expect(bPresent == 0)
        #expect(aValue == 42)
        #expect(tcsAAgain == tcsA)
    }

    @Test func unboundValuesStayWithTheTCS() throws {
        let (tcsA, tcsB, bPresent, bValue, _, _) = try scenario(bound: false)
        // The ECALL returned the TCS; B takes the lowest free one, which is A's.
        #expect(tcsA == tcsB)
        #expect(bPresent == 1)
        #expect(bValue == 42)
    }

    @Test func boundThreadsEachSeeTheirOwnValue() throws {
        let enclave = try SyncEnclave.load(bound: true)
        let problems = Collected()
        runThreads(4) { worker in
            do {
                let set = Frame([UInt64(100 + worker)])
                try set.call(enclave, 9)
                for _ in 0..<50 {
                    try enclave.ecall(0)
                    let get = Frame()
                    try get.call(enclave, 10)
                    if get[0] != 1 || get[1] != UInt64(100 + worker) || get[2] != set[1] {
                        problems.append("worker \(worker): \(get[0]) \(get[1]) tcs \(get[2]) vs \(set[1])\n")
                    }
                }
            } catch { problems.append("\(error)\n") }
        }
        #expect(problems.text == "")
    }

    @Test func replacingThreadLocalValuesDoesNotLeak() throws {
        let enclave = try SyncEnclave.load()
        let first = Frame([1_000])
        try first.call(enclave, 11) // warm-up: first use creates the globals
        for _ in 0..<20 {
            let frame = Frame([1_000])
            try frame.call(enclave, 11)
            #expect(frame[2] == frame[1])
            #expect(frame[2] == first[2])
        }
    }
}
