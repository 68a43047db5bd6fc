import SGXTypes

/// Remote attestation from inside the enclave: DCAP quotes (Intel's `sgx_qe_get_target_info`
/// + `sgx_create_report` + `sgx_qe_get_quote`, done in one call).
public enum Attestation {
    /// A DCAP ECDSA quote of this enclave carrying `reportData` (at most 64 bytes,
    /// zero-padded to the REPORT's 64-byte REPORTDATA).
    ///
    /// 1. Asks the host for the quoting enclave's TARGETINFO (runtime OCALL
    ///    `EnclaveABI.ocallQuoteTargetInfo`; untrusted — a wrong target only makes the
    ///    quoting enclave refuse the REPORT).
    /// 2. ENCLU[EREPORT] for that target with `reportData`.
    /// 3. Sends the REPORT to the host's quoting enclave (`EnclaveABI.ocallQuote`) and
    ///    copies the quote back in, checking that its length is within the frame and that it
    ///    is a well-formed quote of *this* REPORT body.
    ///
    /// In simulation the host answers with the simulated quoting service, whose quotes chain
    /// to a SIMULATED test root that verifiers reject unless told to trust it.
    ///
    /// Throws `invalidParameter` for report data over 64 bytes; the host's status when it
    /// refuses (e.g. `macMismatch` when the quoting enclave rejects the REPORT); `unexpected`
    /// when the host's answer is malformed or not a quote of this enclave's REPORT.
    public static func quote(reportData: [UInt8]) throws(SGXError) -> [UInt8] {
        guard reportData.count <= 64 else {
            throw SGXError(.invalidParameter, "quote: REPORTDATA is 64 bytes, got \(reportData.count)")
        }
        let target = try quotingEnclaveTarget()
        let report = try SGXInstructions.ereport(target: target, reportData: reportData)
        return try quote(report)
    }

    /// The quoting enclave's TARGETINFO as the host reports it.
    static func quotingEnclaveTarget() throws(SGXError) -> TargetInfo {
        let size = TargetInfo.byteCount
        let reply: (UInt32, [UInt8]?) = ocall(EnclaveABI.ocallQuoteTargetInfo, frameSize: size, prepare: { frame in
            _ = frame.copyOut([UInt8](repeating: 0, count: size), at: 0)
        }) { status, frame in
            (status, status == 0 ? frame?.copyIn(offset: 0, length: size) : nil)
        }
        guard reply.0 == 0 else { throw SGXError(SGXStatus(rawValue: reply.0) ?? .unexpected, "quoting enclave TARGETINFO OCALL failed") }
        guard let bytes = reply.1 else { throw SGXError(.unexpected, "quoting enclave TARGETINFO: no answer") }
        do {
            return try TargetInfo(bytes: bytes)
        } catch {
            throw SGXError(.unexpected, "quoting enclave TARGETINFO from the host is malformed")
        }
    }

    /// Sends `report` to the host's quoting enclave and validates the quote it returns.
    static func quote(_ report: Report) throws(SGXError) -> [UInt8] {
        typealias Layout = EnclaveABI.QuoteRequest
        let capacity = Layout.maxQuoteSize
        let reply: (UInt32, [UInt8]?) = ocall(EnclaveABI.ocallQuote, frameSize: Layout.quoteOffset + capacity, prepare: { frame in
            _ = frame.store(UInt64(capacity), at: Layout.capacityOffset)
            _ = frame.store(UInt64(0), at: Layout.lengthOffset)
            _ = frame.copyOut(report.bytes, at: Layout.reportOffset)
        }) { status, frame in
            guard status == 0, let frame else { return (status, nil) }
            // Read the length once; bound it by the capacity this side chose, not the host's.
            guard let length = frame.load(UInt64.self, at: Layout.lengthOffset),
                  length >= UInt64(Quote.signatureDataOffset), length <= UInt64(capacity) else { return (status, nil) }
            return (status, frame.copyIn(offset: Layout.quoteOffset, length: Int(length)))
        }
        guard reply.0 == 0 else { throw SGXError(SGXStatus(rawValue: reply.0) ?? .unexpected, "quoting enclave refused the REPORT") }
        guard let bytes = reply.1 else {
            throw SGXError(.unexpected, "quote from the host: length outside \(Quote.signatureDataOffset)...\(capacity)")
        }
        let parsed: Quote
        do {
            parsed = try Quote(bytes: bytes)
        } catch {
            throw SGXError(.unexpected, "quote from the host is malformed")
        }
        guard parsed.reportBody == report.body else {
            throw SGXError(.unexpected, "quote from the host is not a quote of this enclave's REPORT")
        }
        return bytes
    }
}
