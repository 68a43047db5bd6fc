import Crypto
import Foundation
import SwiftASN1
import X509

/// Builds an empty, signed X.509 v2 certificate revocation list (RFC 5280 §5.1
/// `CertificateList`, ECDSA-P256-SHA256) for the simulated PKI: the root CA CRL and the PCK
/// CA CRL. swift-certificates has no CRL type, so the DER is written with swift-asn1.
enum SimulatedCRL {
    /// ecdsa-with-SHA256 (1.2.840.10045.4.3.2).
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]

    /// DER of a CRL by `issuer` (signed with `key`) revoking nothing, valid from
    /// `thisUpdate` to `nextUpdate`.
    static func make(issuer: DistinguishedName, key: P256.Signing.PrivateKey,
                     thisUpdate: Date, nextUpdate: Date) throws -> [UInt8] {
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { fields in
            try fields.serialize(1)  // version v2
            try algorithm(&fields)
            try fields.serialize(issuer)
            try time(&fields, thisUpdate)
            try time(&fields, nextUpdate)
            // No revokedCertificates: the list is empty.
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try key.signature(for: tbsBytes).derRepresentation
        var crl = DER.Serializer()
        try crl.appendConstructedNode(identifier: .sequence) { list in
            list.serializeRawBytes(tbsBytes)
            try algorithm(&list)
            try list.serialize(ASN1BitString(bytes: Array(signature)[...]))
        }
        return crl.serializedBytes
    }

    private static func algorithm(_ serializer: inout DER.Serializer) throws {
        try serializer.appendConstructedNode(identifier: .sequence) { try $0.serialize(ecdsaWithSHA256) }
    }

    /// UTCTime through 2049, GeneralizedTime after (RFC 5280 §5.1.2.4).
    private static func time(_ serializer: inout DER.Serializer, _ date: Date) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        if c.year! < 2050 {
            try serializer.serialize(UTCTime(year: c.year!, month: c.month!, day: c.day!,
                                              hours: c.hour!, minutes: c.minute!, seconds: c.second!))
        } else {
            try serializer.serialize(GeneralizedTime(year: c.year!, month: c.month!, day: c.day!,
                                                     hours: c.hour!, minutes: c.minute!, seconds: c.second!,
                                                     fractionalSeconds: 0))
        }
    }
}
