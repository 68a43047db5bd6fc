import SGXTypes

/// The SGX instructions enclave code may execute for keys and reports: ENCLU[EGETKEY] and
/// ENCLU[EREPORT] (Intel SDM Vol. 3D, chapter 38), the counterparts of Intel's
/// `sgx_get_key` and `sgx_create_report`.
///
/// The instruction layer is chosen when the enclave is built (and so measured): the
/// hardware back end executes ENCLU; the simulation back end asks the host's simulated CPU
/// through the runtime OCALL `sgx_ocall_simulated_enclu`, which answers for the calling
/// enclave only. In simulation the request and the key cross untrusted memory (simulation
/// has no isolation and its keys are public test values; see Docs/simulation.md).
public enum SGXInstructions {
    /// ENCLU[EGETKEY]: the 16-byte key `request` names, bound to this enclave's identity.
    ///
    /// Throws `invalidParameter` for reserved KEYPOLICY bits or wrongly sized fields
    /// (hardware would fault), and what EGETKEY reports: `invalidISVSVN` (ISVSVN or
    /// CONFIGSVN above the enclave's), `invalidCPUSVN` (a CPUSVN newer than the CPU's),
    /// `invalidAttribute`, `invalidKeyname`.
    public static func egetkey(_ request: KeyRequest) throws(SGXError) -> SecretKey {
        guard request.keyPolicy.isSubset(of: .defined) else {
            throw SGXError(.invalidParameter, "EGETKEY: KEYPOLICY has reserved bits set")
        }
        guard request.cpuSVN.count == 16, request.keyID.count == 32 else {
            throw SGXError(.invalidParameter, "EGETKEY: CPUSVN must be 16 bytes and KEYID 32 bytes")
        }
        let key = SecretKey(zeroedCount: 16)
        var raw = request.bytes
        let status = raw.withUnsafeBytes { sgx_enclu_egetkey($0.baseAddress!, key.mutableBytes) }
        raw.withUnsafeMutableBytes { sgx_zeroize($0.baseAddress!, $0.count) }
        guard status == 0 else { throw instructionError(status, "EGETKEY") }
        return key
    }

    /// ENCLU[EREPORT]: a REPORT of this enclave for the enclave `target` names, carrying
    /// `reportData` (at most 64 bytes, zero-padded to 64), MACed with the target's report
    /// key so that only the target can verify it.
    public static func ereport(target: TargetInfo, reportData: [UInt8] = []) throws(SGXError) -> Report {
        guard reportData.count <= 64 else {
            throw SGXError(.invalidParameter, "EREPORT: REPORTDATA is 64 bytes, got \(reportData.count)")
        }
        var data = [UInt8](repeating: 0, count: 64)
        for index in 0..<reportData.count { data[index] = reportData[index] }
        let targetBytes = target.bytes
        var out = [UInt8](repeating: 0, count: Report.byteCount)
        let status = targetBytes.withUnsafeBytes { ti in
            data.withUnsafeBytes { rd in
                out.withUnsafeMutableBytes { sgx_enclu_ereport(ti.baseAddress!, rd.baseAddress!, $0.baseAddress!) }
            }
        }
        guard status == 0 else { throw instructionError(status, "EREPORT") }
        return try Report(bytes: out)
    }

    /// The status an instruction back end returned, as an error. Only the statuses the
    /// instructions can produce are passed on (in simulation the host supplies them).
    static func instructionError(_ status: UInt32, _ leaf: String) -> SGXError {
        let known: [SGXStatus] = [.invalidParameter, .outOfMemory, .invalidFunction, .invalidAttribute,
                                  .invalidCPUSVN, .invalidISVSVN, .invalidKeyname]
        for candidate in known where candidate.rawValue == status {
            return SGXError(candidate, "\(leaf) failed")
        }
        return SGXError(.unexpected, "\(leaf) failed with unexpected status \(status)")
    }
}
