import SGXTypes

/// Migrating sealed blobs after an enclave (ISVSVN/CONFIGSVN) or CPU (CPUSVN) security
/// upgrade: the new version unseals the old blob (EGETKEY still derives keys for older
/// SVNs) and seals it again bound to the current SVNs, so that the old version, which may
/// be vulnerable, can no longer read it.
extension SealedData {
    /// True when `blob` was sealed for other SVNs than this enclave's current ones.
    public static func needsReseal(_ blob: [UInt8]) throws(SGXError) -> Bool {
        let request = try SealedData(bytes: blob).keyRequest
        let me = try Enclave.selfReport().body
        return request.isvSVN != me.isvSVN || request.cpuSVN != me.cpuSVN || request.configSVN != me.configSVN
    }

    /// Unseals `blob` and seals its texts again with the same key policy and masks, a fresh
    /// KEYID and this enclave's current CPUSVN/ISVSVN/CONFIGSVN. Throws as ``unseal(_:)``.
    public static func reseal(_ blob: [UInt8]) throws(SGXError) -> [UInt8] {
        let old = try SealedData(bytes: blob)
        var texts = try old.unsealed()
        defer { texts.plaintext.withUnsafeMutableBytes { if let base = $0.baseAddress { sgx_zeroize(base, $0.count) } } }
        return try seal(texts.plaintext, additionalData: texts.additionalData, policy: old.keyRequest.keyPolicy,
                        attributeMask: old.keyRequest.attributeMask, miscMask: old.keyRequest.miscMask)
    }
}
