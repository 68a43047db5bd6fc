import SGXSimulation
import SGXTypes

/// The host's quoting service in simulation: one process-wide ``SimulatedQuotingEnclave``,
/// created on first use, that answers the runtime OCALLs of SGXTrusted's
/// `Attestation.quote(reportData:)` (`sgx_ocall_qe_target_info`, `sgx_ocall_qe_quote` in
/// swift_sgx_runtime.edl; Intel's `sgx_qe_get_target_info` / `sgx_qe_get_quote`).
///
/// Relying-party code in the same process (tests, examples) reads its collateral and root
/// from ``quotingEnclave``:
///
/// ```swift
/// let qe = SimulatedQuoting.quotingEnclave
/// let verifier = QuoteVerifier(trustedRoots: [qe.trustedRoot])   // opt in to the SIMULATED root
/// let verified = try verifier.verify(UnverifiedQuote(bytes: quote), collateral: qe.collateral, at: Date())
/// ```
public enum SimulatedQuoting {
    /// The process-wide simulated quoting enclave: fresh random keys per process, test PKI
    /// labelled SIMULATED. Generating it cannot fail for the default configuration, so a
    /// failure here is a bug and traps.
    public static var quotingEnclave: SimulatedQuotingEnclave { shared }

    private static let shared: SimulatedQuotingEnclave = {
        do {
            return try SimulatedQuotingEnclave()
        } catch {
            fatalError("simulated quoting enclave: \(error)")
        }
    }()
}

extension EnclaveInstance {
    /// Answers `sgx_ocall_qe_target_info`.
    func quotingEnclaveTargetInfo(_ targetInfo: inout [UInt8]) -> UInt32 {
        let bytes = SimulatedQuoting.quotingEnclave.targetInfo.bytes
        guard targetInfo.count == bytes.count else { return SGXStatus.invalidParameter.rawValue }
        targetInfo = bytes
        return SGXStatus.success.rawValue
    }

    /// Answers `sgx_ocall_qe_quote`: the quote goes into `quote` (the enclave's capacity),
    /// its size into `length`; `outOfMemory` when it does not fit.
    func simulatedQuote(report: [UInt8], into quote: inout [UInt8], length: inout UInt64) -> UInt32 {
        do {
            let bytes = try SimulatedQuoting.quotingEnclave.quote(reportBytes: report)
            guard bytes.count <= quote.count else { return SGXStatus.outOfMemory.rawValue }
            quote.replaceSubrange(0..<bytes.count, with: bytes)
            length = UInt64(bytes.count)
            return SGXStatus.success.rawValue
        } catch {
            return error.status.rawValue
        }
    }
}
