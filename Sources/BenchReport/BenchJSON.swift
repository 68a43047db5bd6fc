import Foundation

/// sgx-bench's `--json` output: an array with one object per row, camelCase keys:
/// `name`, `ns`, `baselineNs`, `baselineName`, `ratio`, `note`, and when known the spreads
/// `nsMin`, `nsMax`, `baselineNsMin`, `baselineNsMax` and the `checksum` (a "0x…" hex
/// string: JSON numbers cannot carry 64 bits exactly).
public enum BenchJSON {
    struct Object: Encodable {
        var name: String
        var ns: Double
        var baselineNs: Double
        var baselineName: String
        var ratio: Double
        var note: String
        var nsMin: Double?
        var nsMax: Double?
        var baselineNsMin: Double?
        var baselineNsMax: Double?
        var checksum: String?
    }

    /// The rows as pretty-printed JSON with sorted keys.
    public static func encode(_ rows: [BenchRow]) throws(EncodingError) -> String {
        let objects = rows.map { row in
            Object(name: row.name, ns: row.ns, baselineNs: row.baselineNs, baselineName: row.baselineName, ratio: row.ratio,
                   note: row.note, nsMin: row.spread?.min, nsMax: row.spread?.max,
                   baselineNsMin: row.baselineSpread?.min, baselineNsMax: row.baselineSpread?.max,
                   checksum: row.checksum.map { "0x" + String($0, radix: 16) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return String(decoding: try encoder.encode(objects), as: UTF8.self)
        } catch let error as EncodingError {
            throw error
        } catch {
            throw EncodingError.invalidValue(rows, .init(codingPath: [], debugDescription: "\(error)"))
        }
    }
}
