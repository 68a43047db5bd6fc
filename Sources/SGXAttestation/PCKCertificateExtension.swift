import SwiftASN1
import X509

/// The Intel SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1, Intel "SGX PCK
/// Certificate and CRL Profile"): a SEQUENCE of (OID, value) pairs.
///
/// | sub-OID | field |
/// |---|---|
/// | .1 | PPID, OCTET STRING 16 |
/// | .2 | TCB: .2.1–.2.16 component SVNs (INTEGER), .2.17 PCESVN, .2.18 CPUSVN (OCTET STRING 16) |
/// | .3 | PCE-ID, OCTET STRING 2 |
/// | .4 | FMSPC, OCTET STRING 6 |
/// | .5 | SGX type, ENUMERATED (0 standard, 1 scalable, 2 scalable with integrity) |
public struct PCKCertificateExtension: Sendable, Hashable {
    public static let oid: ASN1ObjectIdentifier = [1, 2, 840, 113741, 1, 13, 1]

    public var ppid: [UInt8]
    /// The 16 TCB component SVNs, in order .2.1 … .2.16.
    public var tcbComponents: [Int]
    public var pceSVN: Int
    public var cpuSVN: [UInt8]
    public var pceID: [UInt8]
    public var fmspc: [UInt8]
    public var sgxType: Int

    /// Finds and decodes the extension in `certificate`.
    public init(certificate: Certificate) throws(QuoteVerificationError) {
        guard let ext = certificate.extensions.first(where: { $0.oid == Self.oid }) else {
            throw QuoteVerificationError(.malformedQuote, "PCK certificate has no SGX extension (1.2.840.113741.1.13.1)")
        }
        do {
            try self.init(derEncoded: Array(ext.value))
        } catch let error as QuoteVerificationError {
            throw error
        } catch {
            throw QuoteVerificationError(.malformedQuote, "PCK certificate SGX extension: \(error)")
        }
    }

    /// Decodes the extension value (the DER inside the extension's OCTET STRING).
    public init(derEncoded bytes: [UInt8]) throws {
        var ppid: [UInt8]?, components = [Int?](repeating: nil, count: 16), pceSVN: Int?, cpuSVN: [UInt8]?
        var pceID: [UInt8]?, fmspc: [UInt8]?, sgxType: Int?
        let base = Self.oid
        for (oid, value) in try Self.pairs(DER.parse(bytes)) {
            switch oid {
            case child(base, 1): ppid = try octets(value)
            case child(base, 2):
                for (tcbOID, tcbValue) in try Self.pairs(value) {
                    let arcs = Array(tcbOID.oidComponents)
                    guard arcs.count == base.oidComponents.count + 2, tcbOID.oidComponents.starts(with: child(base, 2).oidComponents) else { continue }
                    let index = Int(arcs.last!)
                    switch index {
                    case 1...16: components[index - 1] = try Int(derEncoded: tcbValue)
                    case 17: pceSVN = try Int(derEncoded: tcbValue)
                    case 18: cpuSVN = try octets(tcbValue)
                    default: break
                    }
                }
            case child(base, 3): pceID = try octets(value)
            case child(base, 4): fmspc = try octets(value)
            case child(base, 5): sgxType = try Int(derEncoded: value, withIdentifier: .enumerated)
            default: break  // platform instance ID, configuration (platform CA certificates)
            }
        }
        func missing(_ name: String) -> QuoteVerificationError {
            QuoteVerificationError(.malformedQuote, "PCK certificate SGX extension lacks \(name)")
        }
        guard let ppid else { throw missing("PPID (.1)") }
        guard let pceSVN else { throw missing("PCESVN (.2.17)") }
        guard let cpuSVN else { throw missing("CPUSVN (.2.18)") }
        guard let pceID, pceID.count == 2 else { throw missing("a 2-byte PCE-ID (.3)") }
        guard let fmspc, fmspc.count == 6 else { throw missing("a 6-byte FMSPC (.4)") }
        var svns: [Int] = []
        for (index, svn) in components.enumerated() {
            guard let svn else { throw missing("TCB component \(index + 1) (.2.\(index + 1))") }
            svns.append(svn)
        }
        self.ppid = ppid
        self.tcbComponents = svns
        self.pceSVN = pceSVN
        self.cpuSVN = cpuSVN
        self.pceID = pceID
        self.fmspc = fmspc
        self.sgxType = sgxType ?? 0
    }

    /// The (OID, value) pairs of a SEQUENCE OF SEQUENCE { OID, ANY }.
    private static func pairs(_ node: ASN1Node) throws -> [(ASN1ObjectIdentifier, ASN1Node)] {
        try derChildren(node).map { pair in
            try DER.sequence(pair, identifier: .sequence) { nodes in
                guard let oidNode = nodes.next(), let valueNode = nodes.next() else {
                    throw ASN1Error.invalidASN1Object(reason: "SGX extension entry without OID and value")
                }
                return (try ASN1ObjectIdentifier(derEncoded: oidNode), valueNode)
            }
        }
    }
}

private func child(_ oid: ASN1ObjectIdentifier, _ arc: UInt) -> ASN1ObjectIdentifier {
    try! ASN1ObjectIdentifier(elements: oid.oidComponents + [arc])
}

private func octets(_ node: ASN1Node) throws -> [UInt8] {
    Array(try ASN1OctetString(derEncoded: node).bytes)
}
