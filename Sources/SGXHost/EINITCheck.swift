import SGXSign
import SGXTypes

/// What EINIT checks before an enclave may run (SDM 39.2 "EINIT"), done in software by
/// the simulation loader: the SIGSTRUCT is well formed and its RSA signature verifies, its
/// ENCLAVEHASH equals the measurement of the pages as laid out, and the enclave's
/// ATTRIBUTES and MISCSELECT match the signed values under the signed masks.
enum EINITCheck {
    static func verify(layout: EnclaveLayout) throws(SGXError) -> EnclaveIdentity {
        guard let raw = layout.image.embeddedSigstruct else {
            throw .invalidSignature("image is not signed (its SIGSTRUCT slot is empty): run `swift-sgx sign`")
        }
        let sigstruct = try Sigstruct(bytes: raw)
        let verification = SigstructVerification(sigstruct)
        guard verification.signatureValid else {
            throw .invalidSignature("SIGSTRUCT signature does not verify with its own modulus")
        }
        guard verification.q1q2Valid else {
            throw .invalidSignature("SIGSTRUCT Q1/Q2 do not match its signature and modulus")
        }
        let measured = layout.measure().mrenclave
        guard measured == sigstruct.enclaveHash else {
            throw .invalidSignature("measurement mismatch: SIGSTRUCT expects MRENCLAVE \(sigstruct.enclaveHash.hexString) but the image measures \(measured.hexString)")
        }
        let config = layout.config
        var flags = config.attributes.flags
        flags.insert(.mode64Bit)
        if config.debug { flags.insert(.debug) }
        let secsAttributes = Attributes(flags: flags, xfrm: config.attributes.xfrm)
        let mask = sigstruct.attributeMask
        guard secsAttributes.flags.rawValue & mask.flags.rawValue == sigstruct.attributes.flags.rawValue & mask.flags.rawValue,
              secsAttributes.xfrm & mask.xfrm == sigstruct.attributes.xfrm & mask.xfrm else {
            throw SGXError(.invalidAttribute, "enclave attributes \(hex(secsAttributes.flags.rawValue))/xfrm \(hex(secsAttributes.xfrm)) do not match the signed attributes \(hex(sigstruct.attributes.flags.rawValue))/\(hex(sigstruct.attributes.xfrm)) under mask \(hex(mask.flags.rawValue))/\(hex(mask.xfrm))")
        }
        guard config.miscSelect & sigstruct.miscMask == sigstruct.miscSelect & sigstruct.miscMask else {
            throw SGXError(.invalidMisc, "MISCSELECT 0x\(hex(UInt64(config.miscSelect))) does not match the signed value under its mask")
        }
        flags.insert(.initted)
        return EnclaveIdentity(
            mrenclave: measured, mrsigner: verification.mrsigner,
            attributes: Attributes(flags: flags, xfrm: secsAttributes.xfrm),
            miscSelect: config.miscSelect, isvProdID: sigstruct.isvProdID, isvSvn: sigstruct.isvSVN)
    }

    private static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
