import SGXTypes

/// A host-side writer of Intel protected files (`sgx_tprotected_fs` format 1.0): the bytes
/// an enclave's `sgx_fopen`/`sgx_fopen_auto_key` + `sgx_fwrite` of `plaintext` + `sgx_fclose`
/// leave on disk, so that files made on the host open in an enclave.
///
/// Every node gets a fresh random AES-128 key (Intel derives them from a random session
/// key; no reader can tell the difference), the metadata a fresh random
/// `meta_data_key_id`, so writing the same plaintext twice gives unrelated files.
/// Layout as Intel's writer leaves it: one metadata node up to 3072 bytes of plaintext,
/// otherwise also the root MHT node and the data and MHT nodes up to the last data node;
/// unused bytes (the rest of the last data node, of `data`, of `clean_filename`, unused MHT
/// slots, the metadata padding, `attribute_mask`) zero; `update_flag` 0.
public enum ProtectedFileWriter {
    /// The protected file holding `plaintext`, bound to the last path component of `name`,
    /// under the metadata key from `key`.
    ///
    /// In auto mode the header records the CPU's current CPUSVN and the enclave's ISVSVN,
    /// as the enclave's own REPORT would give them. `layout` selects the
    /// `meta_data_encrypted_t` of SDK ≥ 2.18 (default) or of older SDKs.
    public static func write(_ plaintext: [UInt8], name: String, key: ProtectedFileKeySource,
                             layout: ProtectedFileMetadataLayout = .current) throws(ProtectedFileError) -> [UInt8] {
        guard let cleanName = ProtectedFileFormat.cleanFilename(name) else { throw .invalidName(name) }
        let nodeSize = ProtectedFileFormat.nodeSize
        let inMetadata = ProtectedFileFormat.metadataDataByteCount
        let size = UInt64(plaintext.count)
        let dataNodes = ProtectedFileFormat.dataNodeCount(plaintextSize: size)
        let mhtNodes = ProtectedFileFormat.mhtNodeCount(plaintextSize: size)
        var out = [UInt8](repeating: 0, count: Int(ProtectedFileFormat.physicalNodeCount(plaintextSize: size)) * nodeSize)

        // Data nodes, each under its own key; the key and tag go to the parent MHT node.
        var mht = [ProtectedFileMHTNode](repeating: ProtectedFileMHTNode(), count: Int(mhtNodes))
        var n: UInt64 = 0
        while n < dataNodes {
            let start = inMetadata + Int(n) * nodeSize
            var node = [UInt8](repeating: 0, count: nodeSize)
            let end = min(start + nodeSize, plaintext.count)
            node.replaceSubrange(0..<(end - start), with: plaintext[start..<end])
            let crypto = encrypt(node, into: &out, physicalNode: ProtectedFileFormat.physicalNode(ofDataNode: n))
            let (parent, slot) = ProtectedFileFormat.parent(ofDataNode: n)
            mht[Int(parent)].setDataNode(slot, crypto)
            n += 1
        }

        // Child MHT nodes before their parents (a child's number is always the larger).
        var m = mhtNodes
        while m > 1 {
            m -= 1
            let crypto = encrypt(mht[Int(m)].bytes, into: &out, physicalNode: ProtectedFileFormat.physicalNode(ofMHTNode: m))
            let (parent, slot) = ProtectedFileFormat.parent(ofMHTNode: m)
            mht[Int(parent)].setChildMHTNode(slot, crypto)
        }
        let zero16 = [UInt8](repeating: 0, count: 16)
        let root = mhtNodes > 0
            ? encrypt(mht[0].bytes, into: &out, physicalNode: ProtectedFileFormat.physicalNode(ofMHTNode: 0))
            : ProtectedFileNodeCrypto(key: zero16, gmac: zero16)

        // The metadata node.
        var filename = [UInt8](repeating: 0, count: ProtectedFileFormat.filenameFieldByteCount)
        filename.replaceSubrange(0..<cleanName.count, with: cleanName)
        var data = [UInt8](repeating: 0, count: inMetadata)
        let firstBytes = min(inMetadata, plaintext.count)
        data.replaceSubrange(0..<firstBytes, with: plaintext[0..<firstBytes])
        let encrypted = ProtectedFileMetadataEncrypted(cleanFilename: filename, size: Int64(plaintext.count),
                                                       mhtKey: root.key, mhtGMAC: root.gmac, data: data)

        var header = ProtectedFileMetadataPlain(metadataKeyID: ProtectedFileGCM.randomKeyID())
        let metadataKey: [UInt8]
        switch key {
        case .userKDK(let kdk):
            header.useUserKDKKey = 1
            metadataKey = try ProtectedFileKey.metadataKey(userKDK: kdk, keyID: header.metadataKeyID)
        case .automatic(let enclave, let cpu):
            header.useUserKDKKey = 0
            header.cpuSVN = cpu.cpuSVN.bytes
            header.isvSVN = enclave.isvSVN
            metadataKey = try ProtectedFileKey.metadataKey(for: header, source: key)
        }
        let sealed = ProtectedFileGCM.seal(encrypted.bytes(layout: layout), key: metadataKey)
        header.metadataGMAC = sealed.tag
        out.store(header.bytes, at: 0)
        out.store(sealed.ciphertext, at: ProtectedFileMetadataPlain.byteCount)
        return out
    }

    /// Encrypts one node under a fresh key into its place in `out`; its parent's entry.
    private static func encrypt(_ plain: [UInt8], into out: inout [UInt8], physicalNode: UInt64) -> ProtectedFileNodeCrypto {
        let key = ProtectedFileGCM.randomKey()
        let sealed = ProtectedFileGCM.seal(plain, key: key)
        out.store(sealed.ciphertext, at: Int(physicalNode) * ProtectedFileFormat.nodeSize)
        return ProtectedFileNodeCrypto(key: key, gmac: sealed.tag)
    }
}
