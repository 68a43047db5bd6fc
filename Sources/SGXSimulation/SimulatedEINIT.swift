import SGXSign
import SGXTypes

/// EINIT's checks as the simulator performs them (SDM 40.3, EINIT): the SIGSTRUCT must be
/// signed by its own modulus with correct Q1/Q2, carry the MRENCLAVE the back end measured
/// while pages were added, and allow the SECS attributes and MISCSELECT under its masks.
/// Launch control is not simulated: any signer may launch (as with Flexible Launch Control
/// and a permissive launch policy).
public enum SimulatedEINIT {
    /// What EINIT establishes: the enclave's identity as EREPORT will state it.
    public struct Identity: Sendable, Hashable {
        public var mrenclave: [UInt8]
        public var mrsigner: [UInt8]
        /// SECS.ATTRIBUTES with INIT set.
        public var attributes: Attributes
        public var miscSelect: UInt32
        public var isvProdID: UInt16
        public var isvSvn: UInt16
    }

    /// Checks `sigstruct` against the enclave being initialised (its SECS and the measurement
    /// of the pages added); the identity, or the specific error EINIT would give.
    public static func check(sigstruct: Sigstruct, secs: SECS, mrenclave measured: [UInt8]) throws(SGXError) -> Identity {
        let verification = SigstructVerification(sigstruct)
        guard verification.signatureValid else {
            throw .invalidSignature("SIGSTRUCT signature does not verify with its own modulus")
        }
        guard verification.q1q2Valid else {
            throw .invalidSignature("SIGSTRUCT Q1/Q2 do not match its signature and modulus")
        }
        guard measured == sigstruct.enclaveHash else {
            throw .invalidSignature("measurement mismatch: SIGSTRUCT expects MRENCLAVE \(sigstruct.enclaveHash.hexString) but the pages added measure \(measured.hexString)")
        }
        let attributes = secs.attributes
        let mask = sigstruct.attributeMask
        guard attributes.flags.rawValue & mask.flags.rawValue == sigstruct.attributes.flags.rawValue & mask.flags.rawValue,
              attributes.xfrm & mask.xfrm == sigstruct.attributes.xfrm & mask.xfrm else {
            throw SGXError(.invalidAttribute, "enclave attributes \(hex(attributes.flags.rawValue))/xfrm \(hex(attributes.xfrm)) do not match the signed attributes \(hex(sigstruct.attributes.flags.rawValue))/\(hex(sigstruct.attributes.xfrm)) under mask \(hex(mask.flags.rawValue))/\(hex(mask.xfrm))")
        }
        guard secs.miscSelect & sigstruct.miscMask == sigstruct.miscSelect & sigstruct.miscMask else {
            throw SGXError(.invalidMisc, "MISCSELECT \(hex(UInt64(secs.miscSelect))) does not match the signed value under its mask")
        }
        var flags = attributes.flags
        flags.insert(.initted)
        return Identity(mrenclave: measured, mrsigner: verification.mrsigner,
                        attributes: Attributes(flags: flags, xfrm: attributes.xfrm),
                        miscSelect: secs.miscSelect, isvProdID: sigstruct.isvProdID, isvSvn: sigstruct.isvSVN)
    }

    private static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
