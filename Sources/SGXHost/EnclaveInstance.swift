import SGXSign
import SGXSimulation
import SGXTypes
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The loaded enclave behind an ``Enclave`` owner: the back end that runs it (the
/// simulator, ``SGXSimulation/SimulationBackEnd``), its identity and layout, and its OCALL
/// tables.
final class EnclaveInstance: @unchecked Sendable {
    let backEnd: SimulationBackEnd
    let identity: EnclaveIdentity
    let layout: EnclaveLayout
    let ocalls: OCallTable
    let output: @Sendable (UnsafeRawBufferPointer) -> Void
    /// Host state of the runtime OCALLs (thread events, files): RuntimeOCalls.swift.
    let runtimeServices: RuntimeServices
    /// The generated decoders of the runtime OCALLs (table index = OCALL index - base),
    /// set once before the first entry.
    private(set) var runtimeOCalls = OCallTable()
    /// ELRANGE.
    let base: UInt64
    let size: UInt64
    private let destroyed = Atomic<Bool>(false)

    /// Builds the enclave on the simulator through ``SGXImage/EnclaveBackEnd`` (ECREATE,
    /// EADD/EEXTEND region by region as the layout measures, EINIT with `sigstruct`), then
    /// runs INIT.
    init(layout: EnclaveLayout, sigstruct: Sigstruct, ocalls: OCallTable,
         output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) throws(SGXError) {
        self.layout = layout
        self.ocalls = ocalls
        self.output = output
        runtimeServices = RuntimeServices(tcsCount: Int(layout.config.tcsCount))
        var backEnd = SimulationBackEnd(tcsPolicy: layout.config.tcsPolicy)
        do {
            _ = try layout.load(into: &backEnd, sigstruct: sigstruct)
        } catch {
            backEnd.destroy()
            throw error
        }
        let established = backEnd.identity!
        identity = EnclaveIdentity(mrenclave: established.mrenclave, mrsigner: established.mrsigner,
                                   attributes: established.attributes, miscSelect: established.miscSelect,
                                   isvProdID: established.isvProdID, isvSvn: established.isvSvn)
        base = backEnd.baseAddress
        size = backEnd.enclaveSize
        do {
            backEnd.transitionCycles = try Self.transitionCyclesFromEnvironment()
        } catch {
            backEnd.destroy()
            throw error
        }
        self.backEnd = backEnd
        runtimeOCalls = SwiftSGXRuntime.ocallTable(RuntimeOCallHost(instance: self))
        // Initialise: the enclave relocates itself and sets up its heap. The frame carries
        // the host's CPUID values: the enclave cannot run CPUID.
        do {
            try SimulationBackEnd.withCPUFeaturesFrame { (frame) throws(SGXError) in
                try call(EnclaveABI.opInit, frame: frame)
            }
        } catch {
            destroy()
            throw error
        }
    }

    /// The environment's opt-in to the hardware-cost model (`SWIFT_SGX_SIM_TRANSITION_CYCLES`).
    static func transitionCyclesFromEnvironment() throws(SGXError) -> UInt64 {
        let raw = getenv(SimulationBackEnd.transitionCyclesVariable)
        return try SimulationBackEnd.transitionCycles(environmentValue: raw.map { String(cString: $0) })
    }

    var isCrashed: Bool { backEnd.isCrashed }

    var crashReason: String? { backEnd.crashReason.map(EnclaveABI.CrashReason.describe) }
    /// The faulting data address (`si_addr`) when a hardware fault crashed the enclave.
    var crashAddress: UInt64? { backEnd.crashAddress }

    func isOutside(_ pointer: UnsafeRawPointer?, count: Int) -> Bool {
        let start = UInt64(UInt(bitPattern: pointer))
        let (end, overflow) = start.addingReportingOverflow(UInt64(max(count, 1)))
        if overflow { return false }
        return end <= base || start >= base + size
    }

    /// One ECALL (or INIT) through the simulator's fast path.
    @inline(__always)
    func call(_ op: UInt64, frame: UnsafeMutableRawPointer?) throws(SGXError) {
        try backEnd.call(op, frame: UInt64(UInt(bitPattern: frame)), ocall: ocallThunk,
                         context: Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs the OCALL `index` with its untrusted frame.
    func dispatchOCall(_ index: UInt32, frame: UInt64) -> UInt32 {
        let pointer = UnsafeMutableRawPointer(bitPattern: UInt(frame))
        if index >= EnclaveABI.runtimeOCallBase { return runtimeOCall(index, frame: pointer) }
        guard let handler = ocalls[Int(index)] else { return SGXStatus.invalidFunction.rawValue }
        return handler(OCall(frame: pointer, instance: self))
    }

    private func runtimeOCall(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32 {
        if let answer = interceptedRuntimeOCall(index, frame: frame) { return answer }
        return runtimeOCallUnintercepted(index, frame: frame)
    }

    /// A runtime OCALL through its generated decoder (SwiftSGXRuntime+Untrusted.swift).
    func runtimeOCallUnintercepted(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32 {
        guard let handler = runtimeOCalls[Int(index - EnclaveABI.runtimeOCallBase)] else {
            return SGXStatus.invalidFunction.rawValue
        }
        return handler(OCall(frame: frame, instance: self))
    }

    /// Unmaps the enclave. The owner calls it once, when no ECALL can be running.
    func destroy() {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        backEnd.destroy()
    }

    deinit { destroy() }
}

private let ocallThunk: SimulationBackEnd.OCallFunction = { context, index, frame in
    // `context` is the instance whose `call` is running (it holds a reference for the whole
    // ECALL), so it can be used without retaining it again on every OCALL.
    Unmanaged<EnclaveInstance>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.dispatchOCall(index, frame: frame) }
}
