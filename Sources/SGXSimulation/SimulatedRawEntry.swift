internal import CSGXHost
import SGXTypes

/// CPU state for one raw simulated EENTER (`sgx_sim_raw_entry_t`): what a hostile host
/// controls when it executes ENCLU[EENTER] itself. Test-only (`@_spi(SimulatorTesting)`):
/// adversarial-host tests use it to enter with any RFLAGS, MXCSR, x87 control word,
/// operation, untrusted stack, CSSA and TCS, and to look at every register right after
/// EEXIT.
@_spi(SimulatorTesting)
public struct SimulatedEntry: Sendable {
    /// Which TCS to enter.
    public var tcs: Int = 0
    /// `rdi`: the operation (an ECALL index, `EnclaveABI.opInit`, `EnclaveABI.opOCallReturn`, or anything).
    public var op: UInt64
    /// `rsi`: the argument (ECALL frame, or the OCALL status for ORET).
    public var argument: UInt64 = 0
    /// `rdx`: the top of the untrusted OCALL stack.
    public var untrustedStackTop: UInt64 = 0
    /// `rax` as EENTER delivers it: the TCS's current SSA index.
    public var cssa: UInt64 = 0
    /// RFLAGS at EENTER (bit 10 DF, bit 18 AC; bit 1 is always set by the CPU).
    public var rflags: UInt64 = 0x202
    public var mxcsr: UInt32 = 0x1f80
    public var x87ControlWord: UInt16 = 0x037f
    /// Value put in every other general-purpose register and every XMM/YMM lane.
    public var poison: UInt64 = 0x5a5a_5a5a_5a5a_5a5a
    /// Enter without taking the TCS's busy bit: models a host re-entering a TCS whose
    /// thread an AEX interrupted (the thread is still inside, TCS.BUSY clear).
    public var asIfInterrupted = false

    public init(op: UInt64) { self.op = op }
}

/// Every register right after EEXIT (`sgx_sim_raw_exit_t`).
@_spi(SimulatorTesting)
public struct SimulatedExit: Sendable {
    /// rax rcx rdx rbx rsp rbp rsi rdi r8 ... r15, in hardware register order.
    public var gprs: [UInt64]
    public var rflags: UInt64
    public var mxcsr: UInt32
    public var x87ControlWord: UInt16
    /// XMM0-15, 16 bytes each.
    public var xmm: [[UInt8]]
    /// Upper halves of YMM0-15 (all zero when the CPU has no AVX).
    public var ymmHigh: [[UInt8]]
    /// x87 ST0-ST7 (MM0-MM7), 10 bytes each, as FXSAVE stores them.
    public var x87Registers: [[UInt8]]
    /// x87 status word.
    public var x87StatusWord: UInt16
    /// x87 tag word in FXSAVE's abridged form: bit i set = register i holds a value.
    public var x87Tags: UInt8

    public static let registerNames = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                       "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
    public func register(_ name: String) -> UInt64 { gprs[Self.registerNames.firstIndex(of: name)!] }
    /// `rdi`: EnclaveABI.exitReturn, exitOCall or exitCrash.
    public var exitReason: UInt64 { register("rdi") }
    /// `rsi`: the ECALL status, the OCALL index or the crash reason.
    public var value: UInt64 { register("rsi") }
    /// `rdx`: the OCALL frame.
    public var frame: UInt64 { register("rdx") }
}

extension SimulationBackEnd {
    /// One raw simulated EENTER with the given CPU state; returns the registers at EEXIT.
    /// No OCALL is served: an OCALL exit comes back as is, and the caller answers it with
    /// another raw entry (`op = EnclaveABI.opOCallReturn`). A crash exit or a fault marks the
    /// enclave crashed (``isCrashed``). Throws `invalidState` when the TCS is busy (the
    /// hardware raises #GP), `invalidParameter` for a bad TCS index.
    @_spi(SimulatorTesting)
    public func rawEntry(_ entry: SimulatedEntry) throws(SGXError) -> SimulatedExit {
        var input = sgx_sim_raw_entry_t()
        input.rdi = entry.op
        input.rsi = entry.argument
        input.rdx = entry.untrustedStackTop
        input.rax = entry.cssa
        input.rflags = entry.rflags
        input.mxcsr = entry.mxcsr
        input.fcw = entry.x87ControlWord
        input.poison = entry.poison
        var output = sgx_sim_raw_exit_t()
        guard entry.tcs >= 0, entry.tcs < Int(state.pointee.tcs_count) else {
            throw SGXError(.invalidParameter, "no TCS \(entry.tcs)")
        }
        let result = sgx_sim_raw_call(state, UInt32(entry.tcs), entry.asIfInterrupted ? 1 : 0, &input, &output)
        switch result {
        case 0: break
        case SGX_HOST_EXIT_TCS_BUSY: throw SGXError(.invalidState, "EENTER on a busy TCS (the hardware raises #GP)")
        default: throw SGXError(.unexpected, "raw entry failed (\(result))")
        }
        func bytes<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        let gprs = withUnsafeBytes(of: output.gpr) { Array($0.bindMemory(to: UInt64.self)) }
        let xmm = bytes(output.xmm), ymm = bytes(output.ymm_high), st = bytes(output.st)
        return SimulatedExit(
            gprs: gprs, rflags: output.rflags, mxcsr: output.mxcsr, x87ControlWord: output.fcw,
            xmm: (0..<16).map { Array(xmm[$0 * 16..<($0 + 1) * 16]) },
            ymmHigh: (0..<16).map { Array(ymm[$0 * 16..<($0 + 1) * 16]) },
            x87Registers: (0..<8).map { Array(st[$0 * 16..<$0 * 16 + 10]) },
            x87StatusWord: output.fsw, x87Tags: output.ftw)
    }
}
