import Foundation
import SGXHost
import SGXSign
import SGXTypes
import Testing

/// A crash inside one enclave kills that enclave only: the ECALL throws
/// `enclaveCrashed`, later ECALLs fail fast, the process and other enclaves live on.
@Suite struct CrashContainmentTests {
    /// What a crash must report: the exact reason text for its kind (`EnclaveABI.CrashReason`)
    /// and, for a hardware fault, a check of the faulting address.
    struct Expected {
        var reason: String
        var address: ((UInt64, Range<UInt64>) -> Bool)? = nil

        static func kind(_ kind: EnclaveABI.CrashReason) -> Expected {
            Expected(reason: EnclaveABI.CrashReason.describe(kind.rawValue))
        }
        static func fault(signal: UInt64, address: @escaping (UInt64, Range<UInt64>) -> Bool) -> Expected {
            Expected(reason: EnclaveABI.CrashReason.describe(EnclaveABI.CrashReason.hardwareFault.rawValue | signal), address: address)
        }
    }

    func expectCrash(ecall index: UInt32, _ expected: Expected) throws {
        let victim = try TestEnclaves.basic()
        let bystander = try TestEnclaves.basic()
        let frame = Frame([0])
        #expect(victim.crashAddress == nil)
        do {
            try victim.ecall(index, frame: frame.pointer)
            Issue.record("ECALL \(index) returned instead of crashing")
        } catch {
            #expect(error.status == .enclaveCrashed)
            #expect(error.detail == expected.reason, "crash reason was: \(error.detail)")
        }
        let victimCrashed = victim.isCrashed
        #expect(victimCrashed)
        #expect(victim.crashReason == expected.reason)
        let range = victim.addressRange
        if let check = expected.address {
            if let address = victim.crashAddress {
                #expect(check(address, range), "faulting address 0x\(String(address, radix: 16)), enclave at 0x\(String(range.lowerBound, radix: 16))..<0x\(String(range.upperBound, radix: 16))")
            } else {
                Issue.record("a hardware fault without a faulting address")
            }
        } else {
            #expect(victim.crashAddress == nil, "a software crash reports no faulting address")
        }
        // Later ECALLs fail fast, even harmless ones.
        #expect(throws: SGXError(.enclaveCrashed)) { try victim.ecall(0) }
        // Other enclaves are unaffected.
        let bystanderCrashed = bystander.isCrashed
        #expect(!bystanderCrashed)
        #expect(bystander.crashReason == nil && bystander.crashAddress == nil)
        let add = Frame([1, 2, 0])
        try bystander.ecall(3, frame: add.pointer)
        #expect(add[2] == 3)
    }

    @Test func swiftTrap() throws { try expectCrash(ecall: 2, .kind(.swiftTrap)) }
    /// ECALL 6 stores through the pointer 0x10.
    @Test func badMemoryAccess() throws {
        try expectCrash(ecall: 6, .fault(signal: 11) { address, _ in address == 0x10 })
    }
    /// Unbounded recursion runs off the bottom of the TCS's stack into the guard pages below
    /// it: a page of ELRANGE past the heap that the layout does not add.
    @Test func stackOverflowIntoGuardPage() throws {
        let layout = try EnclaveLayout(image: EnclaveELF(bytes: try TestEnclaves.image("Basic")))
        try expectCrash(ecall: 7, .fault(signal: 11) { address, range in
            guard range.contains(address) else { return false }
            let offset = address - range.lowerBound
            let added = layout.regions.contains { $0.offset <= offset && offset < $0.offset + $0.size }
            return !added && offset > layout.heapOffset
        })
    }
    @Test func cAbort() throws { try expectCrash(ecall: 8, .kind(.abort)) }
    @Test func heapExhaustion() throws { try expectCrash(ecall: 11, .kind(.outOfMemory)) }

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
