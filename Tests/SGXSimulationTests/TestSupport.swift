import Crypto
import _CryptoExtras
import SGXSimulation
import SGXTypes

/// Independent re-statement of the simulated key hierarchy for the tests: values typed in
/// from Intel's linux-sgx sources (sdk/simulation/tinst/deriv.cpp, t_instructions.cpp,
/// rts_sim.h) and Docs/simulation.md, not taken from SGXSimulation.
enum Reference {
    static let sealBase = hex("00112233445566778899aabbccddeeff")
    static let reportBase = hex("ff00ff00ff00ff00ff00ff00ff00ff00")
    static let einitTokenBase = hex("aa55aa55aa55aa55aa55aa55aa55aa55")
    static let provisionBase = hex("bbaabbeeff0000ddbbaabbeeff0000dd")
    static let provisionSealBase = hex("50524f564953494f4e5345414c4b4559") // "PROVISIONSEALKEY"
    static let ownerEpoch = hex("5448495349534f574e455245504f4348") // "THISISOWNEREPOCH"
    static let defaultCPUSVN = hex("4820f3376ae6b2f2034d3b7a4b48a778")
    static let upgradedCPUSVN = hex("5339ae8c93ae8f3ce432db924d0f0733")
    static let downgradedCPUSVN = hex("64ea4f3fa0030c36383c322d4f3a8d4f")

    static func hex(_ string: String) -> [UInt8] { [UInt8](hexString: string)! }

    static func cmac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var mac = try! AES.CMAC(key: SymmetricKey(data: key))
        mac.update(data: message)
        return mac.finalize().withUnsafeBytes { Array($0) }
    }

    /// A zeroed buffer with fields written at explicit offsets.
    struct Layout {
        var bytes: [UInt8]
        init(_ count: Int) { bytes = [UInt8](repeating: 0, count: count) }
        mutating func put(_ field: [UInt8], at offset: Int) {
            bytes.replaceSubrange(offset..<(offset + field.count), with: field)
        }
        mutating func u16(_ value: UInt16, at offset: Int) { put([UInt8(value & 0xff), UInt8(value >> 8)], at: offset) }
        mutating func u32(_ value: UInt32, at offset: Int) { put((0..<4).map { UInt8((value >> ($0 * 8)) & 0xff) }, at: offset) }
        mutating func u64(_ value: UInt64, at offset: Int) { put((0..<8).map { UInt8((value >> ($0 * 8)) & 0xff) }, at: offset) }
    }

    /// The expected SEAL key, built from the documented 280-byte layout.
    static func sealKey(_ request: KeyRequest, _ secs: SECSIdentity, cpuSVN: [UInt8]? = nil) -> [UInt8] {
        var dd = Layout(280)
        let policy = request.keyPolicy
        dd.u16(4, at: 0)
        dd.u16(policy.rawValue, at: 2)
        dd.u64((request.attributeMask.flags.rawValue | 0x3) & secs.attributes.flags.rawValue, at: 8)
        dd.u64(request.attributeMask.xfrm & secs.attributes.xfrm, at: 16)
        dd.u64(request.attributeMask.flags.rawValue, at: 24)
        dd.u64(request.attributeMask.xfrm, at: 32)
        dd.u32(request.miscMask & secs.miscSelect, at: 40)
        dd.u32(~request.miscMask, at: 44)
        dd.put(ownerEpoch, at: 48)
        let svn = cpuSVN ?? (request.cpuSVN.allSatisfy { $0 == 0 } ? defaultCPUSVN : request.cpuSVN)
        dd.put(svn, at: 64)
        dd.u16(request.isvSVN, at: 80)
        if !policy.contains(.noISVProdID) { dd.u16(secs.isvProdID, at: 82) }
        if policy.contains(.configID) { dd.u16(request.configSVN, at: 84); dd.put(secs.configID, at: 86) }
        if policy.contains(.isvFamilyID) { dd.put(secs.isvFamilyID, at: 150) }
        if policy.contains(.isvExtProdID) { dd.put(secs.isvExtProdID, at: 166) }
        if policy.contains(.mrEnclave) { dd.put(secs.mrEnclave, at: 182) }
        if policy.contains(.mrSigner) { dd.put(secs.mrSigner, at: 214) }
        dd.put(request.keyID, at: 246)
        return cmac(sealBase, dd.bytes)
    }

    /// The expected report key of the enclave a TARGETINFO names, from the 192-byte layout.
    static func reportKey(mrEnclave: [UInt8], attributes: Attributes, miscSelect: UInt32 = 0, configSVN: UInt16 = 0,
                          configID: [UInt8] = [UInt8](repeating: 0, count: 64), keyID: [UInt8],
                          cpuSVN: [UInt8] = defaultCPUSVN) -> [UInt8] {
        var dd = Layout(192)
        dd.u16(3, at: 0)
        dd.u64(attributes.flags.rawValue, at: 8)
        dd.u64(attributes.xfrm, at: 16)
        dd.u32(miscSelect, at: 24)
        dd.put(ownerEpoch, at: 28)
        dd.put(mrEnclave, at: 44)
        dd.put(cpuSVN, at: 76)
        dd.u16(configSVN, at: 92)
        dd.put(configID, at: 94)
        dd.put(keyID, at: 158)
        return cmac(reportBase, dd.bytes)
    }

    /// EREPORT's KEYID in Intel's simulator: the REPORT base key, then 16 zero bytes.
    static let ereportKeyID = reportBase + [UInt8](repeating: 0, count: 16)
}

/// Sample identities: two enclaves of one signer and one of another.
enum Identities {
    static let attributes = Attributes(flags: [.initted, .debug, .mode64Bit], xfrm: 0x3)
    static let signerA = [UInt8](repeating: 0x5a, count: 32)
    static let signerB = [UInt8](repeating: 0xa5, count: 32)

    static func enclave(_ fill: UInt8, signer: [UInt8] = signerA, isvProdID: UInt16 = 1, isvSVN: UInt16 = 2,
                        attributes: Attributes = Identities.attributes) -> SECSIdentity {
        SECSIdentity(mrEnclave: (0..<32).map { UInt8($0) &+ fill }, mrSigner: signer, attributes: attributes,
                     miscSelect: 0, isvProdID: isvProdID, isvSVN: isvSVN)
    }

    static let a = enclave(0x10)
    static let b = enclave(0x20)
    static let otherSigner = enclave(0x10, signer: signerB)
}
