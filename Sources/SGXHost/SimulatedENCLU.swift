import SGXSimulation
import SGXTypes

/// The host half of simulated ENCLU[EREPORT] and ENCLU[EGETKEY]: the trusted runtime's
/// simulation back end (`CEnclaveRuntime/enclu_sim.c`) exits with the runtime OCALL
/// `sgx_ocall_simulated_enclu` (swift_sgx_runtime.edl), and the host runs the leaf on ``SimulatedCPU`` for the
/// enclave that made the call, with the identity the loader measured and verified
/// (``EnclaveIdentity``). The frame carries only the operands, never an identity, so an
/// enclave cannot obtain another enclave's keys this way.
extension EnclaveInstance {
    /// The SECS identity EINIT established for this enclave.
    var secsIdentity: SECSIdentity {
        SECSIdentity(mrEnclave: identity.mrenclave, mrSigner: identity.mrsigner, attributes: identity.attributes,
                     miscSelect: identity.miscSelect, isvProdID: identity.isvProdID, isvSVN: identity.isvSvn)
    }

    /// Runs one leaf of `sgx_ocall_simulated_enclu` (operands already copied out of the
    /// frame by the generated bridge); `output` must have room for the result.
    func simulatedENCLU(leaf: UInt32, request: [UInt8], reportData: [UInt8], output: inout [UInt8]) -> UInt32 {
        let cpu = SimulatedCPU()
        do {
            let result: [UInt8]
            switch leaf {
            case EnclaveABI.leafEREPORT:
                let target = try TargetInfo(bytes: Array(request.prefix(TargetInfo.byteCount)))
                result = try cpu.ereport(targetInfo: target, reportData: reportData, for: secsIdentity).bytes
            case EnclaveABI.leafEGETKEY:
                result = try cpu.egetkey(requestBytes: Array(request.prefix(KeyRequest.byteCount)), for: secsIdentity)
            default:
                return SGXStatus.invalidFunction.rawValue
            }
            guard output.count >= result.count else { return SGXStatus.invalidParameter.rawValue }
            output.replaceSubrange(0..<result.count, with: result)
            return SGXStatus.success.rawValue
        } catch {
            return error.status.rawValue
        }
    }
}
