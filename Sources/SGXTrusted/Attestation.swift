import SGXTypes

/// Remote attestation from inside the enclave: DCAP quotes (Intel's `sgx_qe_get_target_info`
/// + `sgx_create_report` + `sgx_qe_get_quote`, done in one call).
public enum Attestation {
    /// A DCAP ECDSA quote of this enclave carrying `reportData` (at most 64 bytes,
    /// zero-padded to the REPORT's 64-byte REPORTDATA).
    ///
    /// 1. Asks the host for the quoting enclave's TARGETINFO (runtime OCALL
    ///    `sgx_ocall_qe_target_info`, Runtime/swift_sgx_runtime.edl; untrusted — a wrong target only makes the
    ///    quoting enclave refuse the REPORT).
    /// 2. ENCLU[EREPORT] for that target with `reportData`.
    /// 3. Sends the REPORT to the host's quoting enclave (`sgx_ocall_qe_quote`) and
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
        var bytes = [UInt8](repeating: 0, count: TargetInfo.byteCount)
        let status: UInt32
        do {
            status = try sgx_ocall_qe_target_info(&bytes)
        } catch {
            throw SGXError(error.status, "quoting enclave TARGETINFO OCALL failed")
        }
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, "quoting enclave TARGETINFO OCALL failed") }
        do {
            return try TargetInfo(bytes: bytes)
        } catch {
            throw SGXError(.unexpected, "quoting enclave TARGETINFO from the host is malformed")
        }
    }

    /// Largest quote the enclave accepts (a v3 quote with a PEM chain is about 4.5 KiB).
    static let maxQuoteSize = 16 << 10

    /// Sends `report` to the host's quoting enclave and validates the quote it returns.
    static func quote(_ report: Report) throws(SGXError) -> [UInt8] {
        let capacity = maxQuoteSize
        var buffer = [UInt8](repeating: 0, count: capacity)
        var length: UInt64 = 0
        let status: UInt32
        do {
            status = try sgx_ocall_qe_quote(report.bytes, &buffer, capacity, &length)
        } catch {
            throw SGXError(error.status, "quoting enclave OCALL failed")
        }
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, "quoting enclave refused the REPORT") }
        // The length was read once by the stub; bound it by the capacity this side chose.
        guard length >= UInt64(Quote.signatureDataOffset), length <= UInt64(capacity), buffer.count == capacity else {
            throw SGXError(.unexpected, "quote from the host: length outside \(Quote.signatureDataOffset)...\(capacity)")
        }
        let bytes = buffer.bytes(at: 0, count: Int(length))
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
