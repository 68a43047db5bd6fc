import Foundation
import SGXTypes

/// Intel's enclave identity for the Quoting Enclave (PCS `GET /sgx/certification/v3|v4/qe/identity`,
/// the inner `enclaveIdentity` value, version 2).
///
/// The `miscselect` and `attributes` hex strings (and their masks) are in REPORT byte order:
/// `"D182B18C"` means report bytes `d1 82 b1 8c`, i.e. the little-endian integer 0x8CB182D1.
public struct EnclaveIdentity: Sendable, Hashable {
    /// `"QE"` for the ECDSA Quoting Enclave.
    public var id: String
    public var version: Int
    public var issueDate: Date
    public var nextUpdate: Date
    public var tcbEvaluationDataNumber: Int
    /// MISCSELECT and its mask, 4 bytes each in report byte order.
    public var miscSelect: [UInt8]
    public var miscSelectMask: [UInt8]
    /// ATTRIBUTES and their mask, 16 bytes each in report byte order.
    public var attributes: [UInt8]
    public var attributesMask: [UInt8]
    public var mrSigner: [UInt8]
    public var isvProdID: UInt16
    public var tcbLevels: [Level]

    public struct Level: Sendable, Hashable {
        public var isvSVN: Int
        public var tcbDate: Date?
        public var status: TCBStatus
        public var advisoryIDs: [String]
    }

    /// Decodes the inner `enclaveIdentity` JSON object.
    public init(json: [UInt8]) throws(QuoteVerificationError) {
        let raw: RawIdentity
        do {
            raw = try collateralDecoder().decode(RawIdentity.self, from: Data(json))
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "enclaveIdentity: \(describe(error))")
        }
        guard raw.version == 2 else {
            throw QuoteVerificationError(.malformedCollateral, "enclaveIdentity: version \(raw.version) is not supported (2)")
        }
        func hex(_ text: String, _ count: Int, _ name: String) throws(QuoteVerificationError) -> [UInt8] {
            guard let bytes = [UInt8](hexString: text), bytes.count == count else {
                throw QuoteVerificationError(.malformedCollateral, "enclaveIdentity: \(name) \"\(text)\" is not \(count) hex bytes")
            }
            return bytes
        }
        id = raw.id
        version = raw.version
        issueDate = raw.issueDate
        nextUpdate = raw.nextUpdate
        tcbEvaluationDataNumber = raw.tcbEvaluationDataNumber ?? 0
        miscSelect = try hex(raw.miscselect, 4, "miscselect")
        miscSelectMask = try hex(raw.miscselectMask, 4, "miscselectMask")
        attributes = try hex(raw.attributes, 16, "attributes")
        attributesMask = try hex(raw.attributesMask, 16, "attributesMask")
        mrSigner = try hex(raw.mrsigner, 32, "mrsigner")
        guard let prodID = UInt16(exactly: raw.isvprodid) else {
            throw QuoteVerificationError(.malformedCollateral, "enclaveIdentity: isvprodid \(raw.isvprodid) out of range")
        }
        isvProdID = prodID
        var levels: [Level] = []
        for (index, level) in raw.tcbLevels.enumerated() {
            guard let status = TCBStatus(rawValue: level.tcbStatus) else {
                throw QuoteVerificationError(.malformedCollateral, "enclaveIdentity: tcbLevels[\(index)] has unknown tcbStatus \"\(level.tcbStatus)\"")
            }
            levels.append(Level(isvSVN: level.tcb.isvsvn, tcbDate: level.tcbDate, status: status, advisoryIDs: level.advisoryIDs ?? []))
        }
        guard !levels.isEmpty else {
            throw QuoteVerificationError(.malformedCollateral, "enclaveIdentity: no tcbLevels")
        }
        tcbLevels = levels
    }

    /// Checks a QE report against this identity: MRSIGNER, ISVPRODID, and MISCSELECT and
    /// ATTRIBUTES under their masks (byte-wise, report byte order; as Intel's QVL, the masked
    /// report value must equal the identity's value). Then returns the first TCB
    /// level whose ISVSVN the QE meets.
    public func evaluate(_ qeReport: ReportBody) throws(QuoteVerificationError) -> Level {
        guard qeReport.mrSigner == mrSigner else {
            throw QuoteVerificationError(.qeIdentityMismatch,
                                         "QE MRSIGNER \(qeReport.mrSigner.hexString) differs from the QE identity's \(mrSigner.hexString)")
        }
        guard qeReport.isvProdID == isvProdID else {
            throw QuoteVerificationError(.qeIdentityMismatch,
                                         "QE ISVPRODID \(qeReport.isvProdID) differs from the QE identity's \(isvProdID)")
        }
        let reportBytes = qeReport.bytes
        let misc = reportBytes.bytes(at: ReportBody.Offset.miscSelect, count: 4)
        guard maskedEqual(misc, miscSelectMask, miscSelect) else {
            throw QuoteVerificationError(.qeIdentityMismatch,
                                         "QE MISCSELECT \(misc.hexString) under mask \(miscSelectMask.hexString) differs from \(miscSelect.hexString)")
        }
        let attrs = reportBytes.bytes(at: ReportBody.Offset.attributes, count: 16)
        guard maskedEqual(attrs, attributesMask, attributes) else {
            throw QuoteVerificationError(.qeIdentityMismatch,
                                         "QE ATTRIBUTES \(attrs.hexString) under mask \(attributesMask.hexString) differ from \(attributes.hexString)")
        }
        guard let level = tcbLevels.first(where: { Int(qeReport.isvSVN) >= $0.isvSVN }) else {
            throw QuoteVerificationError(.qeTCBLevelNotFound,
                                         "QE ISVSVN \(qeReport.isvSVN) is below every QE identity TCB level (lowest \(tcbLevels.map(\.isvSVN).min() ?? 0))")
        }
        return level
    }

    private func maskedEqual(_ value: [UInt8], _ mask: [UInt8], _ expected: [UInt8]) -> Bool {
        for index in 0..<value.count where value[index] & mask[index] != expected[index] { return false }
        return true
    }
}

private struct RawIdentity: Decodable {
    var id: String
    var version: Int
    var issueDate: Date
    var nextUpdate: Date
    var tcbEvaluationDataNumber: Int?
    var miscselect: String
    var miscselectMask: String
    var attributes: String
    var attributesMask: String
    var mrsigner: String
    var isvprodid: Int
    var tcbLevels: [RawLevel]

    struct RawLevel: Decodable {
        struct TCB: Decodable { var isvsvn: Int }
        var tcb: TCB
        var tcbDate: Date?
        var tcbStatus: String
        var advisoryIDs: [String]?
    }
}
