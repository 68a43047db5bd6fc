/// A sealed blob in the layout of Intel's `sgx_sealed_data_t` (`sgx_tseal.h`), so blobs
/// move between this SDK, Intel's SDK and Rust-SGX:
///
/// 0 KEYREQUEST 512 · 512 plain_text_offset u32 · 516 rsvd 12 · 528 payload_size u32 ·
/// 532 rsvd 12 · 544 AES-GCM tag 16 · 560 payload (payload_size bytes) = the encrypted text
/// (plain_text_offset bytes), then the additional MAC-only text in clear.
///
/// The payload is AES-128-GCM under EGETKEY(`keyRequest`) with a 12-byte zero IV and the
/// MAC-only text as AAD; a blob with no encrypted text is a MAC-only blob (`sgx_mac_aadata`).
/// The format has no version field. Parsing is strict: the buffer must hold exactly the
/// header and the payload the header announces, and the reserved bytes (which no MAC
/// covers) must be zero, so that every change to a blob is detected.
public struct SealedData: Sendable, Hashable {
    /// Bytes before the payload (`sizeof(sgx_sealed_data_t)`).
    public static let headerByteCount = 560
    /// The GCM tag size.
    public static let tagByteCount = 16

    /// The KEYREQUEST that EGETKEY turns into the sealing key (stored in clear).
    public var keyRequest: KeyRequest
    /// The AES-GCM tag over the encrypted text and the MAC-only text.
    public var tag: [UInt8]
    /// The ciphertext (as long as the plaintext).
    public var encryptedText: [UInt8]
    /// The additional MAC-only text, authenticated but not encrypted.
    public var additionalMACText: [UInt8]

    public init(keyRequest: KeyRequest, tag: [UInt8], encryptedText: [UInt8], additionalMACText: [UInt8]) {
        self.keyRequest = keyRequest
        self.tag = tag
        self.encryptedText = encryptedText
        self.additionalMACText = additionalMACText
    }

    /// The size of a blob with these lengths (`sgx_calc_sealed_data_size`); nil when it does
    /// not fit the format's 32-bit sizes.
    public static func byteCount(additionalMACTextLength: Int, encryptedTextLength: Int) -> Int? {
        guard additionalMACTextLength >= 0, encryptedTextLength >= 0 else { return nil }
        let payload = additionalMACTextLength + encryptedTextLength
        guard payload <= Int(UInt32.max) - headerByteCount else { return nil }
        return headerByteCount + payload
    }

    /// Parses a blob. Throws `invalidParameter` for a buffer shorter than the header, a
    /// buffer that does not hold exactly the announced payload (truncated or with trailing
    /// bytes), non-zero reserved bytes or a malformed KEYREQUEST (`invalidKeyname` for an
    /// undefined key name); `macMismatch` for lengths that cannot belong to a sealed blob
    /// (plain_text_offset above payload_size, or a total size beyond 32 bits), as Intel's
    /// `sgx_unseal_data` reports a corrupted blob.
    public init(bytes: [UInt8]) throws(SGXError) {
        let layout = try Layout(parsing: bytes)
        keyRequest = layout.keyRequest
        tag = bytes.bytes(at: layout.tag.lowerBound, count: layout.tag.count)
        encryptedText = bytes.bytes(at: layout.encryptedText.lowerBound, count: layout.encryptedText.count)
        additionalMACText = bytes.bytes(at: layout.additionalMACText.lowerBound, count: layout.additionalMACText.count)
    }

    /// Where the parts of a blob lie, after the checks of ``init(bytes:)``: for code that
    /// works on the blob in place (unsealing 1 MiB without copying the ciphertext out first).
    public struct Layout: Sendable {
        public var keyRequest: KeyRequest
        public var tag: Range<Int>
        public var encryptedText: Range<Int>
        public var additionalMACText: Range<Int>

        /// Checks `bytes` as ``SealedData/init(bytes:)`` does, with the same errors.
        public init(parsing bytes: [UInt8]) throws(SGXError) {
            guard bytes.count >= SealedData.headerByteCount else {
                throw SGXError(.invalidParameter,
                    "sealed data truncated: the header needs \(SealedData.headerByteCount) bytes, got \(bytes.count)")
            }
            guard bytes.isZero(at: 516, count: 12), bytes.isZero(at: 532, count: 12) else {
                throw SGXError(.invalidParameter, "sealed data: reserved header bytes (516..<528, 532..<544) must be zero")
            }
            do {
                keyRequest = try KeyRequest(bytes: bytes.bytes(at: 0, count: KeyRequest.byteCount))
            } catch {
                throw SGXError(error.status, "sealed data: \(error.detail)")
            }
            let encryptedLength = Int(bytes.loadLE(UInt32.self, at: 512))
            let payloadSize = Int(bytes.loadLE(UInt32.self, at: 528))
            guard encryptedLength <= payloadSize else {
                throw SGXError(.macMismatch,
                    "sealed data corrupt: plain_text_offset \(encryptedLength) exceeds payload_size \(payloadSize)")
            }
            guard let total = SealedData.byteCount(additionalMACTextLength: payloadSize - encryptedLength,
                                                   encryptedTextLength: encryptedLength) else {
                throw SGXError(.macMismatch, "sealed data corrupt: payload_size \(payloadSize) overflows the 32-bit blob size")
            }
            guard bytes.count == total else {
                throw SGXError(.invalidParameter, bytes.count < total
                    ? "sealed data truncated: payload_size \(payloadSize) needs \(total) bytes, got \(bytes.count)"
                    : "sealed data has \(bytes.count - total) bytes after its payload")
            }
            let start = SealedData.headerByteCount
            tag = 544..<(544 + SealedData.tagByteCount)
            encryptedText = start..<(start + encryptedLength)
            additionalMACText = (start + encryptedLength)..<total
        }
    }

    /// The blob's bytes. Traps if the texts exceed the format's 32-bit sizes (sealing
    /// checks that first) or the tag is not 16 bytes.
    public var bytes: [UInt8] {
        guard let total = Self.byteCount(additionalMACTextLength: additionalMACText.count,
                                         encryptedTextLength: encryptedText.count) else {
            fatalError("sealed data larger than 4 GiB")
        }
        var out = [UInt8](repeating: 0, count: total)
        out.store(keyRequest.bytes, at: 0)
        out.storeLE(UInt32(encryptedText.count), at: 512)
        out.storeLE(UInt32(encryptedText.count + additionalMACText.count), at: 528)
        out.storeField(tag, at: 544, count: Self.tagByteCount)
        out.store(encryptedText, at: Self.headerByteCount)
        out.store(additionalMACText, at: Self.headerByteCount + encryptedText.count)
        return out
    }

    /// True for a MAC-only blob (no encrypted text).
    public var isMACOnly: Bool { encryptedText.isEmpty }
}

extension SealedData {
    /// Intel's default ATTRIBUTEMASK for sealing (`TSEAL_DEFAULT_FLAGSMASK`, XFRM mask 0):
    /// INIT, DEBUG, MODE64BIT and the top byte of reserved security bits.
    public static let defaultAttributeMask = Attributes(
        flags: Attributes.Flags(rawValue: 0xFF00_0000_0000_000B), xfrm: 0)
    /// Intel's default MISCMASK for sealing (`TSEAL_DEFAULT_MISCMASK`).
    public static let defaultMiscMask: UInt32 = 0xF000_0000

    /// Intel's default key policy (`sgx_seal_data`): MRSIGNER, plus the KSS bits for a KSS
    /// enclave.
    public static func defaultKeyPolicy(for identity: ReportBody) -> KeyRequest.KeyPolicy {
        identity.attributes.flags.contains(.kss) ? [.mrSigner, .configID, .isvFamilyID, .isvExtProdID] : .mrSigner
    }

    /// The KEYREQUEST `sgx_seal_data_ex` builds: SEAL key, `policy`, CPUSVN, ISVSVN and
    /// CONFIGSVN of the sealing enclave (from its own report), `keyID` (random per blob).
    public static func keyRequest(
        policy: KeyRequest.KeyPolicy, keyID: [UInt8], identity: ReportBody,
        attributeMask: Attributes = SealedData.defaultAttributeMask,
        miscMask: UInt32 = SealedData.defaultMiscMask
    ) -> KeyRequest {
        KeyRequest(keyName: .seal, keyPolicy: policy, isvSVN: identity.isvSVN, cpuSVN: identity.cpuSVN,
                   attributeMask: attributeMask, keyID: keyID, miscMask: miscMask, configSVN: identity.configSVN)
    }

    /// Checks the sealing parameters as `sgx_seal_data_ex` does: only defined policy bits,
    /// MRENCLAVE or MRSIGNER among them, and INIT and DEBUG in the attribute mask.
    public static func validate(policy: KeyRequest.KeyPolicy, attributeMask: Attributes) throws(SGXError) {
        guard policy.isSubset(of: .defined), !policy.isDisjoint(with: [.mrEnclave, .mrSigner]) else {
            throw SGXError(.invalidParameter, "sealing key policy must name MRENCLAVE or MRSIGNER and no reserved bits")
        }
        guard attributeMask.flags.isSuperset(of: [.initted, .debug]) else {
            throw SGXError(.invalidParameter, "sealing attribute mask must include INIT and DEBUG")
        }
    }
}
