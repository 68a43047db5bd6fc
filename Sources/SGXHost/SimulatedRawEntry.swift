@_spi(SimulatorTesting) import SGXSimulation
import SGXTypes

extension Enclave {
    /// One raw simulated EENTER with the given CPU state; returns the registers at EEXIT
    /// (``SGXSimulation/SimulationBackEnd/rawEntry(_:)``). No OCALL is served: an OCALL exit
    /// comes back as is, and the caller answers it with another raw entry
    /// (`op = EnclaveABI.opOCallReturn`). Throws `invalidState` when the TCS is busy (the
    /// hardware raises #GP), `invalidParameter` for a bad TCS index.
    @_spi(SimulatorTesting)
    public func rawSimulatedEntry(_ entry: SimulatedEntry) throws(SGXError) -> SimulatedExit {
        try instance.backEnd.rawEntry(entry)
    }

    /// Absolute address of the enclave base (tests aim hostile pointers at it).
    @_spi(SimulatorTesting)
    public var simulatedBase: UInt64 { instance.base }

    /// The enclave's size (ELRANGE).
    @_spi(SimulatorTesting)
    public var simulatedSize: UInt64 { instance.size }
}
