import SwiftASN1
import X509

/// Encodes the Intel SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1, Intel
/// "SGX PCK Certificate and CRL Profile") for the simulated PKI: a SEQUENCE of
/// SEQUENCE { OID, value } with PPID (.1), TCB (.2: .2.1–.2.16 component SVNs, .2.17 PCESVN,
/// .2.18 CPUSVN), PCE-ID (.3), FMSPC (.4) and SGX type (.5).
///
/// The same layout Intel's PCK certificates use, so that `SGXAttestation`'s
/// `PCKCertificateExtension` reads it as it reads Intel's.
enum SimulatedPCKExtension {
    static let oid: ASN1ObjectIdentifier = [1, 2, 840, 113741, 1, 13, 1]

    struct Fields {
        var ppid: [UInt8]
        var tcbComponents: [Int]
        var pceSVN: Int
        var cpuSVN: [UInt8]
        var pceID: [UInt8]
        var fmspc: [UInt8]
        /// 0 standard, 1 scalable, 2 scalable with integrity.
        var sgxType: Int
    }

    /// The extension (not critical, as in Intel's certificates).
    static func make(_ fields: Fields) throws -> Certificate.Extension {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { outer in
            try entry(&outer, arc: 1) { try $0.serialize(ASN1OctetString(contentBytes: fields.ppid[...])) }
            try entry(&outer, arc: 2) { tcbValue in
                try tcbValue.appendConstructedNode(identifier: .sequence) { tcb in
                    for (index, svn) in fields.tcbComponents.enumerated() {
                        try entry(&tcb, arcs: [2, UInt(index + 1)]) { try $0.serialize(svn) }
                    }
                    try entry(&tcb, arcs: [2, 17]) { try $0.serialize(fields.pceSVN) }
                    try entry(&tcb, arcs: [2, 18]) { try $0.serialize(ASN1OctetString(contentBytes: fields.cpuSVN[...])) }
                }
            }
            try entry(&outer, arc: 3) { try $0.serialize(ASN1OctetString(contentBytes: fields.pceID[...])) }
            try entry(&outer, arc: 4) { try $0.serialize(ASN1OctetString(contentBytes: fields.fmspc[...])) }
            try entry(&outer, arc: 5) { try fields.sgxType.serialize(into: &$0, withIdentifier: .enumerated) }
        }
        return Certificate.Extension(oid: oid, critical: false, value: serializer.serializedBytes[...])
    }

    private static func entry(_ serializer: inout DER.Serializer, arc: UInt,
                              _ value: (inout DER.Serializer) throws -> Void) throws {
        try entry(&serializer, arcs: [arc], value)
    }

    /// SEQUENCE { OID (the extension's OID followed by `arcs`), value }.
    private static func entry(_ serializer: inout DER.Serializer, arcs: [UInt],
                              _ value: (inout DER.Serializer) throws -> Void) throws {
        let child = try ASN1ObjectIdentifier(elements: oid.oidComponents + arcs)
        try serializer.appendConstructedNode(identifier: .sequence) { pair in
            try pair.serialize(child)
            try value(&pair)
        }
    }
}
