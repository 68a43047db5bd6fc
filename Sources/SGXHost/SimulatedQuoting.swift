import SGXSimulation
import SGXTypes

/// The host's quoting service in simulation: one process-wide ``SimulatedQuotingEnclave``,
/// created on first use, that answers the runtime OCALLs of SGXTrusted's
/// `Attestation.quote(reportData:)` (`EnclaveABI.ocallQuoteTargetInfo`, `EnclaveABI.ocallQuote`;
/// Intel's `sgx_qe_get_target_info` / `sgx_qe_get_quote`).
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
    /// Answers `ocallQuoteTargetInfo` and `ocallQuote`. The frame must lie wholly outside the
    /// enclave; the capacity the enclave names is bounded by `EnclaveABI.QuoteRequest.maxQuoteSize`.
    func simulatedQuoting(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32 {
        typealias Layout = EnclaveABI.QuoteRequest
        let invalid = SGXStatus.invalidParameter.rawValue
        let qe = SimulatedQuoting.quotingEnclave
        switch index {
        case EnclaveABI.ocallQuoteTargetInfo:
            guard let frame, isOutside(frame, count: TargetInfo.byteCount) else { return invalid }
            write(qe.targetInfo.bytes, to: frame)
            return SGXStatus.success.rawValue
        case EnclaveABI.ocallQuote:
            guard let frame, isOutside(frame, count: Layout.quoteOffset) else { return invalid }
            let capacity = frame.loadUnaligned(fromByteOffset: Layout.capacityOffset, as: UInt64.self)
            guard capacity <= UInt64(Layout.maxQuoteSize), isOutside(frame, count: Layout.quoteOffset + Int(capacity)) else {
                return invalid
            }
            let reportBytes = [UInt8](UnsafeRawBufferPointer(start: frame + Layout.reportOffset, count: Report.byteCount))
            do {
                let quote = try qe.quote(reportBytes: reportBytes)
                guard quote.count <= Int(capacity) else { return SGXStatus.outOfMemory.rawValue }
                write(quote, to: frame + Layout.quoteOffset)
                frame.storeBytes(of: UInt64(quote.count), toByteOffset: Layout.lengthOffset, as: UInt64.self)
                return SGXStatus.success.rawValue
            } catch {
                return error.status.rawValue
            }
        default:
            return SGXStatus.invalidFunction.rawValue
        }
    }

    private func write(_ bytes: [UInt8], to destination: UnsafeMutableRawPointer) {
        bytes.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }
}
