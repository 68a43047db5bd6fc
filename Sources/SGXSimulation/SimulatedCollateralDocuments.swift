import Foundation
import SGXTypes

/// The JSON texts the simulated PKI signs: a TCB info (Intel PCS `tcbInfo`, version 3) and a
/// QE identity (Intel PCS `enclaveIdentity`, version 2), written byte by byte so that the
/// signature covers exactly the bytes the collateral carries. Both carry an extra
/// `"simulated"` member (ignored by readers of Intel's format) saying what they are.
enum SimulatedCollateralDocuments {
    static let notice = "SIMULATED: swift-sgx test collateral, not issued by Intel; trust it only in tests"
    /// Advisory named by the simulated TCB info's out-of-date level.
    static let advisoryID = "SIMULATED-SA-00001"

    /// Two levels: UpToDate at the platform's own TCB, OutOfDate (with a simulated advisory)
    /// at all-zero SVNs.
    static func tcbInfo(fmspc: [UInt8], pceID: [UInt8], components: [Int], pceSVN: Int,
                        issueDate: Date, nextUpdate: Date) -> [UInt8] {
        func level(_ svns: [Int], _ pcesvn: Int, _ status: String, _ advisories: [String]) -> String {
            let list = svns.map { "{\"svn\":\($0)}" }.joined(separator: ",")
            var text = "{\"tcb\":{\"sgxtcbcomponents\":[\(list)],\"pcesvn\":\(pcesvn)},"
                + "\"tcbDate\":\"\(iso(issueDate))\",\"tcbStatus\":\"\(status)\""
            if !advisories.isEmpty { text += ",\"advisoryIDs\":[" + advisories.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
            return text + "}"
        }
        let levels = [level(components, pceSVN, "UpToDate", []),
                      level([Int](repeating: 0, count: 16), 0, "OutOfDate", [advisoryID])]
        let text = "{\"id\":\"SGX\",\"version\":3,\"issueDate\":\"\(iso(issueDate))\",\"nextUpdate\":\"\(iso(nextUpdate))\","
            + "\"fmspc\":\"\(fmspc.hexString)\",\"pceId\":\"\(pceID.hexString)\",\"tcbType\":0,\"tcbEvaluationDataNumber\":1,"
            + "\"tcbLevels\":[\(levels.joined(separator: ","))],\"simulated\":\"\(notice)\"}"
        return Array(text.utf8)
    }

    /// The QE identity of `qe`: MRSIGNER, ISVPRODID, MISCSELECT and ATTRIBUTES under masks
    /// (Intel's: all MISCSELECT bits; every ATTRIBUTES flag except MODE64BIT, no XFRM), one
    /// UpToDate level at the QE's ISVSVN.
    static func qeIdentity(_ qe: SECSIdentity, issueDate: Date, nextUpdate: Date) -> [UInt8] {
        var miscSelect = [UInt8](repeating: 0, count: 4)
        miscSelect.storeLE(qe.miscSelect, at: 0)
        let attributesMask = [UInt8](hexString: "fbffffffffffffff0000000000000000")!
        let attributes = zip(qe.attributes.bytes, attributesMask).map { $0 & $1 }
        let text = "{\"id\":\"QE\",\"version\":2,\"issueDate\":\"\(iso(issueDate))\",\"nextUpdate\":\"\(iso(nextUpdate))\","
            + "\"tcbEvaluationDataNumber\":1,\"miscselect\":\"\(miscSelect.hexString.uppercased())\",\"miscselectMask\":\"FFFFFFFF\","
            + "\"attributes\":\"\(attributes.hexString.uppercased())\",\"attributesMask\":\"\(attributesMask.hexString.uppercased())\","
            + "\"mrsigner\":\"\(qe.mrSigner.hexString.uppercased())\",\"isvprodid\":\(qe.isvProdID),"
            + "\"tcbLevels\":[{\"tcb\":{\"isvsvn\":\(qe.isvSVN)},\"tcbDate\":\"\(iso(issueDate))\",\"tcbStatus\":\"UpToDate\"}],"
            + "\"simulated\":\"\(notice)\"}"
        return Array(text.utf8)
    }

    /// `2025-01-01T00:00:00Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
