internal import CSGXHost
import SGXImage
import SGXSign
import SGXTypes
import Synchronization

/// The simulator as an ``SGXImage/EnclaveBackEnd``: the enclave is ordinary memory of this
/// process, its EPCM permissions are page protections, and ENCLU is emulated in software.
///
/// It behaves like the CPU where a host could tell the difference:
/// - ECREATE reserves ELRANGE aligned to its size and starts the measurement; each EADD
///   and EEXTEND extends it as the CPU would (SDM 39.1), so EINIT compares the SIGSTRUCT
///   with what was actually added, not with what a layout says should have been;
/// - EINIT checks the SIGSTRUCT's signature, Q1/Q2, MRENCLAVE, and the SECS attributes
///   and MISCSELECT under the signed masks, then gives every page the permissions its
///   SECINFO named (TCS pages: none, as in the EPCM);
/// - EENTER takes OENTRY and OGSBASE from the TCS pages it was given and delivers CSSA
///   in RAX; an entry on a busy TCS is refused as the CPU's #GP would be.
///
/// ``enter(tcsOffset:op:argument:untrustedStack:)`` is one EENTER-to-EEXIT step with
/// architectural entry state; ``call(_:frame:ocall:context:)`` is the simulator's fast path
/// for whole ECALLs (TCS choice, untrusted stacks and OCALLs served in C), which
/// `SGXHost.Enclave` uses.
///
/// - Important: Simulation gives **no isolation**: the host can read and change every byte
///   of the enclave, and the simulated keys are public.
public struct SimulationBackEnd: ~Copyable, EnclaveBackEnd, @unchecked Sendable {
    /// The simulation state shared with CSGXHost (`sgx_host_enclave_t`).
    let state: UnsafeMutablePointer<sgx_host_enclave_t>
    private let released = Atomic<Bool>(false)
    private let boundThreads: Bool
    private var secs: SECS?
    private var measurement = MeasurementBuilder()
    private var added: [(offset: UInt64, length: UInt64, secInfoFlags: UInt64)] = []
    private var tcsPages: [(offset: UInt64, tcs: TCS)] = []
    /// The identity EINIT established (nil before ``initialize(sigstruct:)`` succeeds).
    public private(set) var identity: SimulatedEINIT.Identity?

    /// A simulator for one enclave. `tcsPolicy` is the host's side of the TCS contract:
    /// `.bound` keeps a host thread on the TCS it first used until the thread exits.
    public init(tcsPolicy: EnclaveConfig.TCSPolicy = .unbound) {
        state = .allocate(capacity: 1)
        state.initialize(to: sgx_host_enclave_t())
        state.pointee.slot = -1
        boundThreads = tcsPolicy == .bound
    }

    deinit {
        destroy()
        state.deallocate()
    }

    /// ELRANGE base (0 before ``create(secs:)``).
    public var baseAddress: UInt64 { state.pointee.base }
    /// ELRANGE size (0 before ``create(secs:)``).
    public var enclaveSize: UInt64 { state.pointee.size }

    // MARK: EnclaveBackEnd

    public mutating func create(secs: SECS) throws(SGXError) -> UInt64 {
        precondition(self.secs == nil, "create called twice")
        guard secs.size >= 2 * EnclaveLayout.pageSize, secs.size & (secs.size - 1) == 0 else {
            throw .invalidParameter("SECS.SIZE 0x\(String(secs.size, radix: 16)) is not a power of two of at least 8 KiB")
        }
        guard let base = sgx_host_reserve(secs.size, secs.size) else {
            throw SGXError(.outOfEPC, "cannot reserve \(secs.size) bytes of address space for the enclave (errno \(sgx_host_last_errno()))")
        }
        state.pointee.base = UInt64(UInt(bitPattern: base))
        state.pointee.size = secs.size
        measurement.ecreate(ssaFrameSize: secs.ssaFrameSize, enclaveSize: secs.size)
        self.secs = secs
        return state.pointee.base
    }

    public mutating func addPages(_ contents: UnsafeRawBufferPointer, offset: UInt64, secInfoFlags: UInt64,
                                  measured: Bool) throws(SGXError) {
        precondition(secs != nil && identity == nil, "addPages outside create ... initialize")
        let page = EnclaveLayout.pageSize
        let length = UInt64(contents.count)
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard length > 0, length % page == 0, offset % page == 0, !overflow, end <= state.pointee.size else {
            throw .invalidParameter("EADD of 0x\(String(length, radix: 16)) bytes at offset 0x\(String(offset, radix: 16)) is not whole pages inside ELRANGE")
        }
        guard let source = contents.baseAddress,
              let target = UnsafeMutableRawPointer(bitPattern: UInt(state.pointee.base + offset)) else {
            throw .invalidParameter("EADD without contents")
        }
        guard sgx_host_protect(target, length, 1, 1, 0) == 0 else {
            throw SGXError(.memoryMapFailure, "mprotect failed (errno \(sgx_host_last_errno()))")
        }
        target.copyMemory(from: source, byteCount: contents.count)
        let isTCS = secInfoFlags & 0xff00 == EnclaveLayout.pageTypeTCS
        for index in 0..<(length / page) {
            let pageOffset = offset + index * page
            let bytes = UnsafeRawBufferPointer(start: source + Int(index * page), count: Int(page))
            measurement.eadd(offset: pageOffset, secInfoFlags: secInfoFlags)
            if measured { measurement.eextendPage(offset: pageOffset, page: bytes) }
            if isTCS { tcsPages.append((pageOffset, try TCS(bytes: Array(bytes)))) }
        }
        added.append((offset, length, secInfoFlags))
    }

    public mutating func initialize(sigstruct: Sigstruct) throws(SGXError) {
        guard let secs else { preconditionFailure("initialize before create") }
        precondition(identity == nil, "initialize called twice")
        let identity = try SimulatedEINIT.check(sigstruct: sigstruct, secs: secs, mrenclave: measurement.finalize())
        try configureEntry()
        // EPCM permissions: a TCS page has none (only EENTER reads it).
        for range in added {
            let flags = range.secInfoFlags
            let isTCS = flags & 0xff00 == EnclaveLayout.pageTypeTCS
            let start = UnsafeMutableRawPointer(bitPattern: UInt(state.pointee.base + range.offset))
            guard sgx_host_protect(start, range.length, !isTCS && flags & 1 != 0 ? 1 : 0,
                                   !isTCS && flags & 2 != 0 ? 1 : 0, !isTCS && flags & 4 != 0 ? 1 : 0) == 0 else {
                throw SGXError(.memoryMapFailure, "mprotect failed (errno \(sgx_host_last_errno()))")
            }
        }
        sgx_host_tcs_reset(state)
        guard sgx_host_register(state) == 0 else {
            throw SGXError(.outOfEPC, "too many enclaves loaded in this process")
        }
        self.identity = identity
    }

    /// What EENTER needs, from the TCS pages: OENTRY and OGSBASE. The simulator keeps one
    /// entry point and TCSs at a uniform stride, each with its thread data at the same
    /// distance (the swift-sgx layout); anything else is refused at EINIT.
    private func configureEntry() throws(SGXError) {
        let tcss = tcsPages.sorted { $0.offset < $1.offset }
        guard let first = tcss.first else { throw .invalidMetadata("the enclave has no TCS page") }
        guard tcss.count <= 1024 else { throw .invalidMetadata("the simulator supports at most 1024 TCSs") }
        let stride = tcss.count > 1 ? tcss[1].offset - first.offset : EnclaveLayout.pageSize
        let delta = first.tcs.ogsBase &- first.offset
        for (index, page) in tcss.enumerated() {
            guard page.offset == first.offset + UInt64(index) * stride, page.tcs.oentry == first.tcs.oentry,
                  page.tcs.ogsBase &- page.offset == delta, page.tcs.ogsBase < state.pointee.size,
                  page.tcs.oentry < state.pointee.size else {
                throw .invalidMetadata("TCS at offset 0x\(String(page.offset, radix: 16)): the simulator needs one OENTRY and TCSs at a uniform stride with thread data at the same distance")
            }
        }
        state.pointee.entry = state.pointee.base + first.tcs.oentry
        state.pointee.first_tcs = state.pointee.base + first.offset
        state.pointee.tcs_stride = stride
        state.pointee.thread_data_delta = delta
        state.pointee.tcs_count = UInt32(tcss.count)
        state.pointee.bound_policy = boundThreads ? 1 : 0
    }

    /// One EENTER on the TCS at `tcsOffset` (CSSA 0 in RAX, RFLAGS 0x202, MXCSR 0x1F80, x87
    /// control word 0x37F, and every other register and vector lane holding a junk pattern,
    /// as a host leaves them: the enclave's entry code resets what it relies on), up to the next EEXIT or
    /// crash. OCALLs are not served: answer ``EnclaveExit/ocall(index:frame:)`` by entering
    /// the same TCS with ``SGXTypes/EnclaveABI/opOCallReturn``. A crash (the runtime's crash
    /// exit or a fault) comes back as ``EnclaveExit/crashed(reason:)`` with the
    /// ``SGXTypes/EnclaveABI/CrashReason`` value (faults: `hardwareFault` | signal).
    public func enter(tcsOffset: UInt64, op: UInt64, argument: UInt64, untrustedStack: UInt64) throws(SGXError) -> EnclaveExit {
        precondition(identity != nil, "enter before initialize")
        let firstOffset = state.pointee.first_tcs - state.pointee.base
        guard tcsOffset >= firstOffset, (tcsOffset - firstOffset) % state.pointee.tcs_stride == 0,
              (tcsOffset - firstOffset) / state.pointee.tcs_stride < UInt64(state.pointee.tcs_count) else {
            throw .invalidParameter("no TCS at offset 0x\(String(tcsOffset, radix: 16))")
        }
        var entry = SimulatedEntry(op: op)
        entry.tcs = Int((tcsOffset - firstOffset) / state.pointee.tcs_stride)
        entry.argument = argument
        entry.untrustedStackTop = untrustedStack
        let exit = try rawEntry(entry)
        switch exit.exitReason {
        case EnclaveABI.exitReturn: return .returned(status: UInt32(truncatingIfNeeded: exit.value))
        case EnclaveABI.exitOCall: return .ocall(index: UInt32(truncatingIfNeeded: exit.value), frame: exit.frame)
        default: return .crashed(reason: isCrashed ? state.pointee.crash_reason : exit.value)
        }
    }

    /// Releases ELRANGE and leaves the fault handler's registry. Safe to call more than once;
    /// the owner calls it when no thread can be inside.
    public func destroy() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if state.pointee.slot >= 0 { sgx_host_unregister(state) }
        if state.pointee.size > 0, let base = UnsafeMutableRawPointer(bitPattern: UInt(state.pointee.base)) {
            _ = sgx_host_release(base, state.pointee.size)
        }
    }

    // MARK: Hardware-cost model

    /// TSC ticks the simulator spends, on the host side, on every simulated EENTER (an
    /// ECALL's entry, an OCALL's return) and every exit (EEXIT, or the AEX of a fault);
    /// 0 (the default) turns the model off. A *model* of SGX hardware, where a transition
    /// is reported to cost some 8,000–14,000 cycles, for seeing in simulation when fewer
    /// transitions pay off; it measures nothing. Safe to change while calls run.
    public var transitionCycles: UInt64 {
        get { state.pointee.transition_cycles }
        nonmutating set { state.pointee.transition_cycles = newValue }
    }
    /// How many transitions the model has charged so far.
    public var modeledTransitions: UInt64 { state.pointee.modeled_transitions }

    /// The environment variable that turns the model on at load time.
    public static let transitionCyclesVariable = "SWIFT_SGX_SIM_TRANSITION_CYCLES"

    /// ``transitionCycles`` from the value of ``transitionCyclesVariable``: unset or "0" is
    /// off; otherwise a decimal number of TSC ticks, at most 10^9 (a second or so per
    /// transition would only look like a hang).
    public static func transitionCycles(environmentValue: String?) throws(SGXError) -> UInt64 {
        guard let text = environmentValue else { return 0 }
        guard let cycles = UInt64(text), cycles <= 1_000_000_000 else {
            throw .invalidParameter("\(transitionCyclesVariable) must be a decimal number of TSC ticks from 0 to 1000000000 (the hardware-cost model), not '\(text)'")
        }
        return cycles
    }

    /// The host's time-stamp counter (RDTSC), the unit of ``transitionCycles``.
    public static func timeStampCounter() -> UInt64 { sgx_host_tsc() }

    // MARK: Crash state

    /// Whether the enclave has crashed (set once, never cleared).
    public var isCrashed: Bool { state.pointee.crashed != 0 }
    /// The ``SGXTypes/EnclaveABI/CrashReason`` value of the crash, when it has crashed.
    public var crashReason: UInt64? { isCrashed ? state.pointee.crash_reason : nil }
    /// The faulting data address when a hardware fault crashed the enclave.
    public var crashAddress: UInt64? {
        isCrashed && state.pointee.crash_reason & EnclaveABI.CrashReason.hardwareFault.rawValue != 0 ? state.pointee.crash_address : nil
    }
}
