import Foundation
import SGXHost
import SGXTypes
import Testing

/// A crash inside one enclave kills that enclave only: the ECALL throws
/// `enclaveCrashed`, later ECALLs fail fast, the process and other enclaves live on.
@Suite struct CrashContainmentTests {
    func expectCrash(ecall index: UInt32, reason: String) throws {
        let victim = try TestEnclaves.basic()
        let bystander = try TestEnclaves.basic()
        let frame = Frame([0])
        do {
            try victim.ecall(index, frame: frame.pointer)
            Issue.record("ECALL \(index) returned instead of crashing")
        } catch {
            #expect(error.status == .enclaveCrashed)
            #expect(error.detail.contains(reason), "crash reason was: \(error.detail)")
        }
        let victimCrashed = victim.isCrashed
        #expect(victimCrashed)
        #expect(victim.crashReason?.contains(reason) == true)
        // Later ECALLs fail fast, even harmless ones.
        #expect(throws: SGXError(.enclaveCrashed)) { try victim.ecall(0) }
        // Other enclaves are unaffected.
        let bystanderCrashed = bystander.isCrashed
        #expect(!bystanderCrashed)
        let add = Frame([1, 2, 0])
        try bystander.ecall(3, frame: add.pointer)
        #expect(add[2] == 3)
    }

    @Test func swiftTrap() throws { try expectCrash(ecall: 2, reason: "Swift runtime trap") }
    @Test func badMemoryAccess() throws { try expectCrash(ecall: 6, reason: "SIGSEGV") }
    @Test func stackOverflowIntoGuardPage() throws { try expectCrash(ecall: 7, reason: "SIGSEGV") }
    @Test func cAbort() throws { try expectCrash(ecall: 8, reason: "abort()") }
    @Test func heapExhaustion() throws { try expectCrash(ecall: 11, reason: "out of enclave memory") }

    @Test func destroyAfterCrashReleasesTheEnclave() throws {
        for _ in 0..<20 {
            let enclave = try TestEnclaves.basic()
            #expect(throws: SGXError(.enclaveCrashed)) { try enclave.ecall(2) }
            // `enclave` is destroyed here; loading 20 in a row must not run out of anything.
        }
    }

    @Test func crashDuringNestedECallKillsTheEnclave() throws {
        var table = OCallTable()
        table[1] = { call in
            do { try call.ecall(2, frame: nil) } catch { return 0 } // nested ECALL traps
            return 0
        }
        let enclave = try TestEnclaves.basic(ocalls: table)
        let frame = Frame([0])
        #expect(throws: SGXError(.enclaveCrashed)) { try enclave.ecall(5, frame: frame.pointer) }
        let crashed = enclave.isCrashed
        #expect(crashed)
    }
}
