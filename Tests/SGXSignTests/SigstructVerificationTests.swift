import Testing
import SGXSign
import SGXTypes

@Suite struct FixtureSigstructTests {
    @Test func fixtureVerifies() throws {
        let sigstruct = try Sigstruct(bytes: Fixture.sig)
        let verification = SigstructVerification(sigstruct)
        #expect(verification.signatureValid)
        #expect(verification.q1q2Valid)
        #expect(verification.isValid)
        #expect(verification.mrsigner == Fixture.mrsigner)
        try verification.check()
    }

    @Test func fixtureFields() throws {
        let s = try Sigstruct(bytes: Fixture.sig)
        #expect(s.bytes == Fixture.sig)
        #expect(s.vendor == 0)
        #expect(s.date == 0x2016_1214)
        #expect(s.dateComponents! == (2016, 12, 14))
        #expect(s.attributes.flags.rawValue == 0x4)
        #expect(s.attributeMask.flags.rawValue == 0xffff_ffff_ffff_fffd)
        #expect(s.attributes.xfrm == 0x3)
        #expect(s.attributeMask.xfrm == 0xffff_ffff_ffff_ff1b)
        #expect(s.isvProdID == 65535)
        #expect(s.isvSVN == 0)
        #expect(s.enclaveHash == Fixture.mrenclave)
        #expect(!s.isDebugSigned)
    }

    @Test func intelDebugPresetMatchesFixture() throws {
        let s = try Sigstruct(bytes: Fixture.sig)
        let fields = SigstructFields.intel(debug: true, isvProdID: 65535, isvSVN: 0, date: 0x2016_1214)
        #expect(fields.attributes == s.attributes)
        #expect(fields.attributeMask == s.attributeMask)
        #expect(fields.miscSelect == s.miscSelect && fields.miscMask == s.miscMask)
        #expect(fields.headerType == s.headerType)
        // The whole signed part of the fixture is what the preset produces.
        let unsigned = try fields.unsignedSigstruct(enclaveHash: s.enclaveHash)
        #expect(unsigned.signedBytes == s.signedBytes)
    }

    @Test func intelReleasePresetChecksDebug() {
        let release = SigstructFields.intel(debug: false)
        #expect(release.attributeMask.flags.rawValue == 0xffff_ffff_ffff_ffff)
        #expect(!release.attributes.flags.contains(.debug))
        #expect(release.attributes.flags == [.mode64Bit])
        let withKeys = SigstructFields.intel(debug: true, releaseTypeBit: true, provisionKey: true, kss: true)
        #expect(withKeys.attributes.flags == [.mode64Bit, .provisionKey, .kss])
        #expect(withKeys.headerType == 0x8000_0000)
        #expect(SigstructFields.todayBCD() >> 28 == 2)   // 2xxx
    }

    @Test(arguments: [16, 20, 40, 900, 930, 960, 1024, 1027])
    func flippingASignedByteBreaksTheSignature(offset: Int) throws {
        var bytes = Fixture.sig
        bytes[offset] ^= 0x01
        let verification = SigstructVerification(try Sigstruct(bytes: bytes))
        #expect(!verification.signatureValid)
        #expect(verification.mrsigner == Fixture.mrsigner)
        #expect(throws: SGXError(.invalidSignature)) { try verification.check() }
    }

    @Test func flippingAnUnsignedReservedByteIsCaughtByTheDecoder() {
        var bytes = Fixture.sig
        bytes[1030] = 1
        #expect(throws: SGXError(.invalidParameter)) { try Sigstruct(bytes: bytes) }
    }

    @Test(arguments: [1040, 1200, 1423, 1424, 1807])
    func flippingAQByteBreaksQ1Q2Only(offset: Int) throws {
        var bytes = Fixture.sig
        bytes[offset] ^= 0x80
        let verification = SigstructVerification(try Sigstruct(bytes: bytes))
        #expect(verification.signatureValid)
        #expect(!verification.q1q2Valid)
        #expect(throws: SGXError(.invalidSignature)) { try verification.check() }
    }

    @Test func flippingASignatureByteBreaksBoth() throws {
        var bytes = Fixture.sig
        bytes[600] ^= 0x01
        let verification = SigstructVerification(try Sigstruct(bytes: bytes))
        #expect(!verification.signatureValid)
        #expect(!verification.q1q2Valid)
    }

    @Test func flippingAModulusByteChangesMRSIGNER() throws {
        var bytes = Fixture.sig
        bytes[200] ^= 0x01
        let verification = SigstructVerification(try Sigstruct(bytes: bytes))
        #expect(!verification.signatureValid)
        #expect(verification.mrsigner != Fixture.mrsigner)
    }

    @Test func q1q2FromFixture() throws {
        let s = try Sigstruct(bytes: Fixture.sig)
        let (q1, q2) = try SigstructSigner.q1q2(signatureLittleEndian: s.signature, modulusLittleEndian: s.modulus)
        #expect(q1 == s.q1)
        #expect(q2 == s.q2)
    }
}
