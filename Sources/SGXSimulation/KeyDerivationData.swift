import SGXTypes

/// The derivation data the simulated EGETKEY and EREPORT CMAC with a base key: the byte
/// layouts of Intel's simulator (`sdk/simulation/tinst/deriv.h`, natural C alignment,
/// zero-filled, trailing padding included in the CMAC input). The hardware's own
/// derivation strings are not public; these give Intel-simulator-compatible keys.
///
/// Offsets (all little-endian):
/// - SEAL, 280 B: 0 keyname · 2 keypolicy · 8 masked ATTRIBUTES 16 · 24 ATTRIBUTEMASK 16 ·
///   40 masked MISCSELECT · 44 ~MISCMASK · 48 OWNEREPOCH 16 · 64 CPUSVN 16 · 80 ISVSVN ·
///   82 ISVPRODID (unless NOISVPRODID) · 84 CONFIGSVN and 86 CONFIGID 64 (CONFIGID policy) ·
///   150 ISVFAMILYID 16 · 166 ISVEXTPRODID 16 · 182 MRENCLAVE · 214 MRSIGNER (each when its
///   policy bit is set) · 246 KEYID 32.
/// - REPORT, 192 B: 0 keyname · 8 ATTRIBUTES 16 · 24 MISCSELECT · 28 OWNEREPOCH 16 ·
///   44 MRENCLAVE 32 · 76 CPUSVN 16 · 92 CONFIGSVN · 94 CONFIGID 64 · 158 KEYID 32.
/// - EINITTOKEN, 128 B: 0 keyname · 8 masked ATTRIBUTES · 24 masked MISCSELECT ·
///   28 OWNEREPOCH · 44 CPUSVN · 60 ISVSVN · 62 ISVPRODID · 64 MRSIGNER · 96 KEYID.
/// - PROVISION, 104 B: 0 keyname · 8 masked ATTRIBUTES · 24 ATTRIBUTEMASK · 40 masked
///   MISCSELECT · 44 ~MISCMASK · 48 CPUSVN · 64 ISVSVN · 66 ISVPRODID · 68 MRSIGNER.
/// - PROVISION_SEAL, 200 B: 0 keyname · 2 keypolicy · 8 masked ATTRIBUTES · 24 ATTRIBUTEMASK ·
///   40 masked MISCSELECT · 44 ~MISCMASK · 48 CPUSVN · 64 ISVSVN · 66 ISVPRODID (unless
///   NOISVPRODID) · 68 CONFIGSVN · 70 CONFIGID (CONFIGID policy) · 134 ISVFAMILYID ·
///   150 ISVEXTPRODID (policy bits) · 166 MRSIGNER.
enum KeyDerivationData {
    struct Masked {
        var attributes: Attributes
        var miscSelect: UInt32
    }

    /// ATTRIBUTES and MISCSELECT as they enter a derivation: INIT and DEBUG always count.
    static func masked(_ request: KeyRequest, _ secs: SECSIdentity) -> Masked {
        let flags = (request.attributeMask.flags.rawValue | Attributes.Flags.initted.rawValue | Attributes.Flags.debug.rawValue)
            & secs.attributes.flags.rawValue
        return Masked(
            attributes: Attributes(flags: Attributes.Flags(rawValue: flags), xfrm: request.attributeMask.xfrm & secs.attributes.xfrm),
            miscSelect: request.miscMask & secs.miscSelect)
    }

    /// Bytes 0..<48 that the SEAL, PROVISION and PROVISION_SEAL layouts share: KEYNAME,
    /// KEYPOLICY (left zero in PROVISION's), the masked ATTRIBUTES, the ATTRIBUTEMASK, the
    /// masked MISCSELECT and ~MISCMASK; the rest of the `size` bytes zero.
    static func head(_ request: KeyRequest, _ secs: SECSIdentity, size: Int, withPolicy: Bool) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        let masked = masked(request, secs)
        out.storeLE(request.keyName.rawValue, at: 0)
        if withPolicy { out.storeLE(request.keyPolicy.rawValue, at: 2) }
        out.store(masked.attributes.bytes, at: 8)
        out.store(request.attributeMask.bytes, at: 24)
        out.storeLE(masked.miscSelect, at: 40)
        out.storeLE(~request.miscMask, at: 44)
        return out
    }

    static func seal(_ request: KeyRequest, cpuSVN: [UInt8], _ secs: SECSIdentity) -> [UInt8] {
        var out = head(request, secs, size: 280, withPolicy: true)
        let policy = request.keyPolicy
        out.store(SimulatedKeyHierarchy.ownerEpoch, at: 48)
        out.store(cpuSVN, at: 64)
        out.storeLE(request.isvSVN, at: 80)
        if !policy.contains(.noISVProdID) { out.storeLE(secs.isvProdID, at: 82) }
        if policy.contains(.configID) {
            out.storeLE(request.configSVN, at: 84)
            out.store(field(secs.configID, 64), at: 86)
        }
        if policy.contains(.isvFamilyID) { out.store(field(secs.isvFamilyID, 16), at: 150) }
        if policy.contains(.isvExtProdID) { out.store(field(secs.isvExtProdID, 16), at: 166) }
        if policy.contains(.mrEnclave) { out.store(field(secs.mrEnclave, 32), at: 182) }
        if policy.contains(.mrSigner) { out.store(field(secs.mrSigner, 32), at: 214) }
        out.store(field(request.keyID, 32), at: 246)
        return out
    }

    /// The report key of the enclave described by these fields (EGETKEY(REPORT) in that
    /// enclave, or EREPORT for a TARGETINFO naming it).
    static func report(attributes: Attributes, miscSelect: UInt32, mrEnclave: [UInt8], cpuSVN: [UInt8],
                       configSVN: UInt16, configID: [UInt8], keyID: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 192)
        out.storeLE(KeyRequest.KeyName.report.rawValue, at: 0)
        out.store(attributes.bytes, at: 8)
        out.storeLE(miscSelect, at: 24)
        out.store(SimulatedKeyHierarchy.ownerEpoch, at: 28)
        out.store(field(mrEnclave, 32), at: 44)
        out.store(cpuSVN, at: 76)
        out.storeLE(configSVN, at: 92)
        out.store(field(configID, 64), at: 94)
        out.store(field(keyID, 32), at: 158)
        return out
    }

    static func einitToken(_ request: KeyRequest, cpuSVN: [UInt8], _ secs: SECSIdentity) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 128)
        let masked = masked(request, secs)
        out.storeLE(request.keyName.rawValue, at: 0)
        out.store(masked.attributes.bytes, at: 8)
        out.storeLE(masked.miscSelect, at: 24)
        out.store(SimulatedKeyHierarchy.ownerEpoch, at: 28)
        out.store(cpuSVN, at: 44)
        out.storeLE(request.isvSVN, at: 60)
        out.storeLE(secs.isvProdID, at: 62)
        out.store(field(secs.mrSigner, 32), at: 64)
        out.store(field(request.keyID, 32), at: 96)
        return out
    }

    static func provision(_ request: KeyRequest, cpuSVN: [UInt8], _ secs: SECSIdentity) -> [UInt8] {
        var out = head(request, secs, size: 104, withPolicy: false)
        out.store(cpuSVN, at: 48)
        out.storeLE(request.isvSVN, at: 64)
        out.storeLE(secs.isvProdID, at: 66)
        out.store(field(secs.mrSigner, 32), at: 68)
        return out
    }

    static func provisionSeal(_ request: KeyRequest, cpuSVN: [UInt8], _ secs: SECSIdentity) -> [UInt8] {
        var out = head(request, secs, size: 200, withPolicy: true)
        let policy = request.keyPolicy
        out.store(cpuSVN, at: 48)
        out.storeLE(request.isvSVN, at: 64)
        if !policy.contains(.noISVProdID) { out.storeLE(secs.isvProdID, at: 66) }
        if policy.contains(.configID) {
            out.storeLE(request.configSVN, at: 68)
            out.store(field(secs.configID, 64), at: 70)
        }
        if policy.contains(.isvFamilyID) { out.store(field(secs.isvFamilyID, 16), at: 134) }
        if policy.contains(.isvExtProdID) { out.store(field(secs.isvExtProdID, 16), at: 150) }
        out.store(field(secs.mrSigner, 32), at: 166)
        return out
    }

    /// A fixed-width copy of a field (zero-padded or cut), so a malformed identity can never
    /// shift the layout.
    static func field(_ value: [UInt8], _ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for index in 0..<min(count, value.count) { out[index] = value[index] }
        return out
    }
}
