internal import CSGXLinuxDriver
import SGXImage
import SGXTypes

/// ENCLU[EENTER] through the kernel's `__vdso_sgx_enter_enclave`, and the decoding of how
/// the thread came back (the one file of this back end that enters an enclave).
///
/// The vDSO returns after EEXIT with the enclave's RDI/RSI/RDX, which `csgx_vdso_enter`
/// (vdso_enter.S) captures: the swift-sgx runtime's exit ABI is RDI = exit reason
/// (``SGXTypes/EnclaveABI/exitReturn``, ``SGXTypes/EnclaveABI/exitOCall``,
/// ``SGXTypes/EnclaveABI/exitCrash``), RSI and RDX = values. An exception inside the
/// enclave (AEX) is fixed up by the kernel and reported in `struct sgx_enclave_run`
/// (`function` is then not EEXIT, `exception_vector`/`exception_addr` are set); no signal
/// is delivered for it, except #DB and #BP.
///
/// - Important: Not yet exercised on SGX hardware: no machine available to this project has SGX.
public enum VDSOEntry {
    /// Enters the TCS at absolute address `tcs` through the vDSO function at `vdsoFunction`
    /// with RDI/RSI/RDX = `rdi`/`rsi`/`rdx`, and decodes the exit.
    public static func enter(vdsoFunction: UInt64, tcs: UInt64, rdi: UInt64, rsi: UInt64, rdx: UInt64) throws(SGXError) -> EnclaveExit {
        var run = csgx_enclave_run_t()
        run.tcs = tcs
        var registers: (UInt64, UInt64, UInt64) = (rdi, rsi, rdx)
        let result = withUnsafeMutableBytes(of: &registers) { regs in
            csgx_vdso_enter(vdsoFunction, regs.baseAddress!.assumingMemoryBound(to: UInt64.self), DriverUAPI.Leaf.eenter.rawValue, &run)
        }
        return try decode(result: result, function: run.function, vector: run.exception_vector,
                          errorCode: run.exception_error_code, address: run.exception_addr,
                          rdi: registers.0, rsi: registers.1, rdx: registers.2)
    }

    /// How a return from `__vdso_sgx_enter_enclave` reads: `result` is its return value,
    /// `function` and the exception fields come from `struct sgx_enclave_run`, `rdi`/`rsi`/`rdx`
    /// are the registers after it returned. Pure; tested without hardware.
    public static func decode(result: Int32, function: UInt32, vector: UInt16, errorCode: UInt16, address: UInt64,
                              rdi: UInt64, rsi: UInt64, rdx: UInt64) throws(SGXError) -> EnclaveExit {
        if result == -22 { // -EINVAL: the vDSO refused the leaf or a non-zero reserved field
            throw SGXError(.unexpected, "__vdso_sgx_enter_enclave refused the entry (EINVAL)")
        }
        guard function == DriverUAPI.Leaf.eexit.rawValue else {
            // EENTER or ERESUME did not end in EEXIT: an exception inside the enclave, or
            // the ENCLU itself faulted (-EFAULT from older vDSOs).
            return .exception(vector: vector, errorCode: errorCode, address: address)
        }
        switch rdi {
        case EnclaveABI.exitReturn:
            return .returned(status: UInt32(truncatingIfNeeded: rsi))
        case EnclaveABI.exitOCall:
            return .ocall(index: UInt32(truncatingIfNeeded: rsi), frame: rdx)
        case EnclaveABI.exitCrash:
            return .crashed(reason: rsi)
        default:
            throw SGXError(.enclaveCrashed, "enclave left with unknown exit reason \(rdi)")
        }
    }

    /// A description of an exception vector (SDM Vol. 3A, 6.15), for crash reports.
    public static func describe(vector: UInt16, errorCode: UInt16, address: UInt64) -> String {
        let name: String = switch vector {
        case 0: "#DE divide error"
        case 1: "#DB debug"
        case 3: "#BP breakpoint"
        case 4: "#OF overflow"
        case 5: "#BR bound range"
        case 6: "#UD invalid opcode"
        case 7: "#NM device not available"
        case 13: "#GP general protection"
        case 14: "#PF page fault"
        case 16: "#MF x87 floating-point error"
        case 17: "#AC alignment check"
        case 19: "#XM SIMD floating-point exception"
        case 21: "#CP control protection"
        default: "vector \(vector)"
        }
        return "hardware exception inside the enclave: \(name) (error code 0x\(String(errorCode, radix: 16))) at 0x\(String(address, radix: 16))"
    }
}
