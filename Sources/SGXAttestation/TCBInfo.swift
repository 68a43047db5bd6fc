import Foundation
import SGXTypes

/// Intel's SGX TCB info (PCS `GET /sgx/certification/v3|v4/tcb`, the inner `tcbInfo` value),
/// versions 2 (`sgxtcbcompNNsvn` keys) and 3 (`sgxtcbcomponents` array).
///
/// Decoded from the exact signed bytes; those bytes are kept in ``SignedTCBInfo``.
public struct TCBInfo: Sendable, Hashable {
    /// `"SGX"` in version 3; absent in version 2.
    public var id: String?
    public var version: Int
    public var issueDate: Date
    public var nextUpdate: Date
    /// FMSPC: family-model-stepping-platform-custom SKU, 6 bytes.
    public var fmspc: [UInt8]
    /// PCE-ID, 2 bytes as written in the hex string.
    public var pceID: [UInt8]
    public var tcbType: Int
    public var tcbEvaluationDataNumber: Int
    /// Levels from newest to oldest, as Intel lists them.
    public var tcbLevels: [Level]

    /// One TCB level: the 16 CPU SVN components, PCESVN, date, status and advisories.
    public struct Level: Sendable, Hashable {
        public var components: [Int]
        public var pceSVN: Int
        public var tcbDate: Date?
        public var status: TCBStatus
        public var advisoryIDs: [String]

        /// True when a platform with these component SVNs and PCESVN is at or above this level.
        public func isMet(components platform: [Int], pceSVN platformPCESVN: Int) -> Bool {
            guard platform.count == 16, components.count == 16 else { return false }
            for index in 0..<16 where platform[index] < components[index] { return false }
            return platformPCESVN >= pceSVN
        }
    }

    /// Decodes the inner `tcbInfo` JSON object.
    public init(json: [UInt8]) throws(QuoteVerificationError) {
        let raw: RawTCBInfo
        do {
            raw = try collateralDecoder().decode(RawTCBInfo.self, from: Data(json))
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "tcbInfo: \(describe(error))")
        }
        guard raw.version == 2 || raw.version == 3 else {
            throw QuoteVerificationError(.malformedCollateral, "tcbInfo: version \(raw.version) is not supported (2, 3)")
        }
        if let id = raw.id, id != "SGX" {
            throw QuoteVerificationError(.malformedCollateral, "tcbInfo: id is \"\(id)\", expected \"SGX\"")
        }
        guard let fmspc = [UInt8](hexString: raw.fmspc), fmspc.count == 6 else {
            throw QuoteVerificationError(.malformedCollateral, "tcbInfo: fmspc \"\(raw.fmspc)\" is not 6 hex bytes")
        }
        guard let pceID = [UInt8](hexString: raw.pceId), pceID.count == 2 else {
            throw QuoteVerificationError(.malformedCollateral, "tcbInfo: pceId \"\(raw.pceId)\" is not 2 hex bytes")
        }
        id = raw.id
        version = raw.version
        issueDate = raw.issueDate
        nextUpdate = raw.nextUpdate
        self.fmspc = fmspc
        self.pceID = pceID
        tcbType = raw.tcbType ?? 0
        tcbEvaluationDataNumber = raw.tcbEvaluationDataNumber ?? 0
        var levels: [Level] = []
        for (index, level) in raw.tcbLevels.enumerated() {
            guard let status = TCBStatus(rawValue: level.tcbStatus) else {
                throw QuoteVerificationError(.malformedCollateral, "tcbInfo: tcbLevels[\(index)] has unknown tcbStatus \"\(level.tcbStatus)\"")
            }
            levels.append(Level(components: level.tcb.components, pceSVN: level.tcb.pcesvn, tcbDate: level.tcbDate,
                                status: status, advisoryIDs: level.advisoryIDs ?? []))
        }
        guard !levels.isEmpty else {
            throw QuoteVerificationError(.malformedCollateral, "tcbInfo: no tcbLevels")
        }
        tcbLevels = levels
    }

    /// The first level (newest first) that the platform meets: Intel's rule for the platform
    /// TCB level. Nil when the platform is below every level.
    public func level(components: [Int], pceSVN: Int) -> Level? {
        tcbLevels.first { $0.isMet(components: components, pceSVN: pceSVN) }
    }
}

private struct RawTCBInfo: Decodable {
    var id: String?
    var version: Int
    var issueDate: Date
    var nextUpdate: Date
    var fmspc: String
    var pceId: String
    var tcbType: Int?
    var tcbEvaluationDataNumber: Int?
    var tcbLevels: [RawLevel]

    struct RawLevel: Decodable {
        var tcb: RawTCB
        var tcbDate: Date?
        var tcbStatus: String
        var advisoryIDs: [String]?
    }

    /// `{"sgxtcbcomponents":[{"svn":N},...16], "pcesvn":N}` (v3) or
    /// `{"sgxtcbcomp01svn":N, ... "sgxtcbcomp16svn":N, "pcesvn":N}` (v2).
    struct RawTCB: Decodable {
        var components: [Int]
        var pcesvn: Int

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        struct Component: Decodable { var svn: Int }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            pcesvn = try container.decode(Int.self, forKey: Key(stringValue: "pcesvn"))
            if container.contains(Key(stringValue: "sgxtcbcomponents")) {
                components = try container.decode([Component].self, forKey: Key(stringValue: "sgxtcbcomponents")).map(\.svn)
            } else {
                components = try (1...16).map { index in
                    let name = index < 10 ? "sgxtcbcomp0\(index)svn" : "sgxtcbcomp\(index)svn"
                    return try container.decode(Int.self, forKey: Key(stringValue: name))
                }
            }
            guard components.count == 16 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "\(components.count) TCB components, expected 16"))
            }
        }
    }
}

/// The JSON decoder used for Intel collateral (ISO 8601 dates).
func collateralDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
}

/// A short description of a decoding error (the path and the reason).
func describe(_ error: Error) -> String {
    if let error = error as? DecodingError {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
    return "\(error)"
}

private func path(_ codingPath: [CodingKey]) -> String {
    codingPath.isEmpty ? "top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
}

/// ISO 8601 text of a date, e.g. `2025-07-01T00:00:00Z`, for messages and reports.
func iso(_ date: Date) -> String {
    date.formatted(.iso8601)
}
