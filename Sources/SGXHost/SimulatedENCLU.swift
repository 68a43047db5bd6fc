import SGXSimulation
import SGXTypes

/// The host half of simulated ENCLU[EREPORT] and ENCLU[EGETKEY]: the trusted runtime's
/// simulation back end (`CEnclaveRuntime/enclu_sim.c`) exits with the runtime OCALL
/// `EnclaveABI.ocallSimulatedENCLU`, and the host runs the leaf on ``SimulatedCPU`` for the
/// enclave that made the call, with the identity the loader measured and verified
/// (``EnclaveIdentity``). The frame carries only the operands, never an identity, so an
/// enclave cannot obtain another enclave's keys this way.
extension EnclaveInstance {
    /// The SECS identity EINIT established for this enclave.
    var secsIdentity: SECSIdentity {
        SECSIdentity(mrEnclave: identity.mrenclave, mrSigner: identity.mrsigner, attributes: identity.attributes,
                     miscSelect: identity.miscSelect, isvProdID: identity.isvProdID, isvSVN: identity.isvSvn)
    }

    func simulatedENCLU(frame: UnsafeMutableRawPointer?) -> UInt32 {
        typealias Layout = EnclaveABI.SimulatedENCLU
        guard let frame, isOutside(frame, count: Layout.frameSize) else { return SGXStatus.invalidParameter.rawValue }
        // Copy the operands once; the enclave side owns the frame until we return.
        let input = [UInt8](UnsafeRawBufferPointer(start: frame, count: Layout.frameSize))
        let leaf = input.loadLE(UInt32.self, at: 0)
        let cpu = SimulatedCPU()
        do {
            switch leaf {
            case Layout.leafEREPORT:
                let target = try TargetInfo(bytes: input.bytes(at: Layout.inputOffset, count: TargetInfo.byteCount))
                let report = try cpu.ereport(targetInfo: target, reportData: input.bytes(at: Layout.reportDataOffset, count: 64),
                                             for: secsIdentity)
                write(report.bytes, to: frame + Layout.outputOffset)
            case Layout.leafEGETKEY:
                let key = try cpu.egetkey(requestBytes: input.bytes(at: Layout.inputOffset, count: KeyRequest.byteCount),
                                          for: secsIdentity)
                write(key, to: frame + Layout.outputOffset)
            default:
                return SGXStatus.invalidFunction.rawValue
            }
            return SGXStatus.success.rawValue
        } catch {
            return error.status.rawValue
        }
    }

    private func write(_ bytes: [UInt8], to destination: UnsafeMutableRawPointer) {
        bytes.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }
}
