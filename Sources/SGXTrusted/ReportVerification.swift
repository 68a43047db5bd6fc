import SGXTypes

/// Verifying a REPORT addressed to this enclave, as Intel's `sgx_verify_report`: EGETKEY
/// with KEYNAME = REPORT and the report's KEYID yields this enclave's report key; the MAC
/// must be the AES-CMAC of the 384-byte body under it (SDM 38.6 EREPORT).
extension Report {
    /// Throws `macMismatch` when the MAC does not verify: the report was made for another
    /// enclave (another TARGETINFO), on another platform, or was altered.
    public func verify() throws(SGXError) {
        let key = SymmetricKey(copying: try SGXInstructions.egetkey(KeyRequest(keyName: .report, keyID: keyID)))
        let expected: [UInt8]
        do {
            expected = try AESCMAC.authenticationCode(for: body.bytes, using: key)
        } catch {
            throw SGXError(.unexpected, "REPORT verification: AES-CMAC failed")
        }
        guard constantTimeEquals(expected, mac) else {
            throw SGXError(.macMismatch, "REPORT MAC does not verify: not made for this enclave, or altered")
        }
    }

    /// Parses `bytes` as a REPORT and verifies it (``verify()``).
    public static func verified(bytes: [UInt8]) throws(SGXError) -> Report {
        let report = try Report(bytes: bytes)
        try report.verify()
        return report
    }
}
