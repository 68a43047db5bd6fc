import SGXTypes

/// Sealing inside the enclave: Intel's `sgx_seal_data_ex` / `sgx_unseal_data` /
/// `sgx_mac_aadata` / `sgx_unmac_aadata` (`sgx_tseal.h`), producing and reading blobs in the
/// ``SealedData`` (`sgx_sealed_data_t`) layout.
///
/// The key is ENCLU[EGETKEY] with the blob's KEYREQUEST (SEAL key, the chosen policy,
/// Intel's default masks, a random KEYID and the CPUSVN/ISVSVN/CONFIGSVN of this enclave's
/// own report); the payload is AES-128-GCM with a 12-byte zero IV (the KEYID makes every
/// key unique) and the MAC-only text as AAD. The key lives in ``SecretKey`` /
/// ``SymmetricKey`` owners that zero it on deinit.
extension SealedData {
    /// The IV every sealed blob uses (`sgx_seal_data_ex`: 12 zero bytes).
    static let zeroIV = [UInt8](repeating: 0, count: 12)

    /// Seals `plaintext` and authenticates `additionalData` (the MAC-only text, stored in
    /// clear) for this enclave: the blob's bytes.
    ///
    /// - policy: KEYPOLICY; nil is Intel's default (MRSIGNER, plus the KSS bits in a KSS
    ///   enclave). Must name MRENCLAVE or MRSIGNER; `.noISVProdID` needs a KSS enclave.
    /// - Throws: `invalidParameter` for a bad policy or mask or texts beyond the format's
    ///   32-bit sizes; what EGETKEY reports.
    public static func seal(_ plaintext: [UInt8], additionalData: [UInt8] = [],
                            policy: KeyRequest.KeyPolicy? = nil,
                            attributeMask: Attributes = SealedData.defaultAttributeMask,
                            miscMask: UInt32 = SealedData.defaultMiscMask) throws(SGXError) -> [UInt8] {
        guard let total = byteCount(additionalMACTextLength: additionalData.count, encryptedTextLength: plaintext.count) else {
            throw SGXError(.invalidParameter, "seal: texts exceed the sealed format's 32-bit size")
        }
        let request = try sealingRequest(policy: policy, attributeMask: attributeMask, miscMask: miscMask)
        let key = SymmetricKey(copying: try SGXInstructions.egetkey(request))
        // The blob is assembled in place: header, then AES-GCM writes ciphertext and tag into it.
        let requestBytes = request.bytes
        var failed = false
        let blob = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).initializeMemory(as: UInt8.self, repeating: 0, count: headerByteCount)
            requestBytes.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: KeyRequest.byteCount) }
            UnsafeMutableRawPointer(base).storeBytes(of: UInt32(plaintext.count).littleEndian, toByteOffset: 512, as: UInt32.self)
            UnsafeMutableRawPointer(base).storeBytes(of: UInt32(plaintext.count + additionalData.count).littleEndian,
                                                     toByteOffset: 528, as: UInt32.self)
            additionalData.withUnsafeBytes { aad in
                if let source = aad.baseAddress {
                    UnsafeMutableRawPointer(base + headerByteCount + plaintext.count).copyMemory(from: source, byteCount: aad.count)
                }
            }
            do throws(CryptoError) {
                try AESGCM.seal(plaintext, using: key, nonce: zeroIV, authenticating: additionalData,
                                ciphertext: base + headerByteCount, tag: base + 544)
            } catch {
                failed = true
            }
            initialized = failed ? 0 : total
        }
        if failed { throw SGXError(.unexpected, "seal: AES-GCM failed") }
        return blob
    }

    /// ``seal(_:additionalData:policy:attributeMask:miscMask:)`` as a ``SealedData`` value.
    public static func sealing(_ plaintext: [UInt8], additionalData: [UInt8] = [],
                               policy: KeyRequest.KeyPolicy? = nil,
                               attributeMask: Attributes = SealedData.defaultAttributeMask,
                               miscMask: UInt32 = SealedData.defaultMiscMask) throws(SGXError) -> SealedData {
        try SealedData(bytes: seal(plaintext, additionalData: additionalData, policy: policy,
                                   attributeMask: attributeMask, miscMask: miscMask))
    }

    /// A fresh KEYREQUEST for sealing: the policy checked, a random KEYID, this enclave's own
    /// SVNs from its REPORT.
    static func sealingRequest(policy: KeyRequest.KeyPolicy?, attributeMask: Attributes,
                               miscMask: UInt32) throws(SGXError) -> KeyRequest {
        let identity = try Enclave.selfReport().body
        let keyPolicy = policy ?? defaultKeyPolicy(for: identity)
        try validate(policy: keyPolicy, attributeMask: attributeMask)
        return keyRequest(policy: keyPolicy, keyID: randomBytes(32), identity: identity,
                          attributeMask: attributeMask, miscMask: miscMask)
    }

    /// Parses and unseals a blob sealed by this enclave (MRENCLAVE policy) or by an enclave
    /// of the same signer and ISVPRODID (MRSIGNER policy) at this or an older ISVSVN.
    ///
    /// - Throws: the parser's errors (`invalidParameter` for truncated or padded blobs,
    ///   `macMismatch` for impossible lengths); `invalidISVSVN` / `invalidCPUSVN` when the
    ///   blob was sealed at a newer enclave or CPU security version (EGETKEY refuses the key);
    ///   `macMismatch` when the tag does not verify (another enclave or signer, any change).
    public static func unseal(_ blob: [UInt8]) throws(SGXError) -> (plaintext: [UInt8], additionalData: [UInt8]) {
        // In place: the ciphertext is decrypted straight out of the blob.
        let layout = try Layout(parsing: blob)
        let key = try unsealingKey(layout.keyRequest)
        let additionalData = blob.bytes(at: layout.additionalMACText.lowerBound, count: layout.additionalMACText.count)
        do {
            let plaintext = try AESGCM.open(in: blob, ciphertext: layout.encryptedText, tag: layout.tag, using: key,
                                            nonce: zeroIV, authenticating: additionalData)
            return (plaintext, additionalData)
        } catch {
            throw SGXError(.macMismatch, "unseal: the AES-GCM tag does not verify")
        }
    }

    /// Unseals this blob: the plaintext and the MAC-only text (see ``unseal(_:)``).
    public func unsealed() throws(SGXError) -> (plaintext: [UInt8], additionalData: [UInt8]) {
        guard tag.count == Self.tagByteCount else { throw SGXError(.macMismatch, "unseal: tag must be 16 bytes") }
        let key = try Self.unsealingKey(keyRequest)
        do {
            let plaintext = try AESGCM.open(encryptedText, tag: tag, using: key, nonce: Self.zeroIV,
                                            authenticating: additionalMACText)
            return (plaintext, additionalMACText)
        } catch {
            throw SGXError(.macMismatch, "unseal: the AES-GCM tag does not verify")
        }
    }

    /// The SEAL key a blob's KEYREQUEST names, with `sgx_unseal_data`'s errors: SVNs newer
    /// than this enclave's or this CPU's stay `invalidISVSVN` / `invalidCPUSVN`; any other
    /// refusal, and a request for another key, is `macMismatch`.
    static func unsealingKey(_ request: KeyRequest) throws(SGXError) -> SymmetricKey {
        guard request.keyName == .seal else {
            throw SGXError(.macMismatch, "unseal: the KEYREQUEST does not name the SEAL key")
        }
        let secret: SecretKey
        do {
            secret = try SGXInstructions.egetkey(request)
        } catch {
            switch error.status {
            case .invalidISVSVN, .invalidCPUSVN: throw error
            default: throw SGXError(.macMismatch, "unseal: EGETKEY refused the blob's KEYREQUEST (\(error.detail))")
            }
        }
        return SymmetricKey(copying: secret)
    }

    /// A MAC-only blob (`sgx_mac_aadata`): `additionalData` in clear, authenticated with
    /// this enclave's seal key.
    public static func mac(_ additionalData: [UInt8], policy: KeyRequest.KeyPolicy? = nil) throws(SGXError) -> [UInt8] {
        guard !additionalData.isEmpty else { throw SGXError(.invalidParameter, "mac: no text to authenticate") }
        return try seal([], additionalData: additionalData, policy: policy)
    }

    /// Verifies a MAC-only blob (`sgx_unmac_aadata`) and returns its text. Throws
    /// `invalidParameter` for a blob that carries encrypted text, otherwise as ``unseal(_:)``.
    public static func verifyMAC(_ blob: [UInt8]) throws(SGXError) -> [UInt8] {
        let sealed = try SealedData(bytes: blob)
        guard sealed.isMACOnly else { throw SGXError(.invalidParameter, "verifyMAC: the blob carries encrypted text") }
        return try sealed.unsealed().additionalData
    }
}
