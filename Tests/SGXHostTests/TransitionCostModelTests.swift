import SGXHost
import SGXSimulation
import SGXTypes
import Testing

/// The simulator's opt-in hardware-cost model: every simulated entry and exit is charged
/// `simulatedTransitionCycles` TSC ticks on the host side, and counted.
@Suite struct TransitionCostModelTests {
    @Test func offByDefault() throws {
        let enclave = try TestEnclaves.basic()
        let cycles = enclave.simulatedTransitionCycles
        #expect(cycles == 0)
        try enclave.ecall(0)
        let charged = enclave.modeledTransitions
        #expect(charged == 0)
    }

    @Test func anECallIsChargedItsEntryAndItsExit() throws {
        let enclave = try TestEnclaves.basic()
        let ticks: UInt64 = 300_000
        enclave.simulatedTransitionCycles = ticks
        let before = enclave.modeledTransitions
        let start = SimulationBackEnd.timeStampCounter()
        try enclave.ecall(0)
        let elapsed = SimulationBackEnd.timeStampCounter() &- start
        let charged = enclave.modeledTransitions - before
        #expect(charged == 2)
        #expect(elapsed >= 2 * ticks)
    }

    @Test func anOCallAddsAnExitAndAnEntry() throws {
        var table = OCallTable()
        table[0] = { call in
            guard let frame = call.frame, call.isOutsideEnclave(frame, count: 16) else { return 2 }
            frame.storeBytes(of: frame.load(as: UInt64.self) * 2, toByteOffset: 8, as: UInt64.self)
            return 0
        }
        let enclave = try TestEnclaves.basic(ocalls: table)
        let ticks: UInt64 = 300_000
        enclave.simulatedTransitionCycles = ticks
        let before = enclave.modeledTransitions
        let frame = Frame([21, 0])
        let start = SimulationBackEnd.timeStampCounter()
        try enclave.ecall(4, frame: frame.pointer)
        let elapsed = SimulationBackEnd.timeStampCounter() &- start
        #expect(frame[1] == 42)
        // EENTER, EEXIT to the OCALL, EENTER back (ORET), EEXIT
        let charged = enclave.modeledTransitions - before
        #expect(charged == 4)
        #expect(elapsed >= 4 * ticks)
    }

    @Test(arguments: [(2 as UInt32, "Swift trap: EEXIT"), (6, "bad memory access: AEX")])
    func aCrashIsChargedItsExit(op: UInt32, what: String) throws {
        let enclave = try TestEnclaves.basic()
        enclave.simulatedTransitionCycles = 1_000
        let before = enclave.modeledTransitions
        #expect(throws: SGXError(.enclaveCrashed), "\(what)") { try enclave.ecall(op) }
        let crashed = enclave.isCrashed
        #expect(crashed)
        let charged = enclave.modeledTransitions - before
        #expect(charged == 2, "\(what)")                              // EENTER and the exit
    }

    @Test func turningItOffStopsTheCharges() throws {
        let enclave = try TestEnclaves.basic()
        enclave.simulatedTransitionCycles = 1_000
        try enclave.ecall(0)
        enclave.simulatedTransitionCycles = 0
        let charged = enclave.modeledTransitions
        try enclave.ecall(0)
        try enclave.ecall(0)
        let after = enclave.modeledTransitions
        #expect(after == charged)
    }

    @Test func environmentValueIsParsedStrictly() throws {
        #expect(try SimulationBackEnd.transitionCycles(environmentValue: nil) == 0)
        #expect(try SimulationBackEnd.transitionCycles(environmentValue: "0") == 0)
        #expect(try SimulationBackEnd.transitionCycles(environmentValue: "12000") == 12_000)
        for bad in ["", "12k", "-5", " 12000", "1e4", "1000000001", "99999999999999999999"] {
            #expect(throws: SGXError.self, "\(bad)") { try SimulationBackEnd.transitionCycles(environmentValue: bad) }
        }
    }
}
