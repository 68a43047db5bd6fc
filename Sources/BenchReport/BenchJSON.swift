import Foundation

/// sgx-bench's `--json` output: an array with one object per row, keys `name`, `ns`,
/// `nsMin`, `nsMax`, `baselineName`, `baselineNs`, `baselineMin`, `baselineMax`, `ratio`,
/// `rounds`, `note`, and for compute kernels `checksum` (a "0x…" hex string: JSON numbers
/// cannot carry 64 bits exactly).
public enum BenchJSON {
    struct Object: Encodable {
        var name: String
        var ns: Double
        var nsMin: Double
        var nsMax: Double
        var baselineName: String
        var baselineNs: Double
        var baselineMin: Double
        var baselineMax: Double
        var ratio: Double
        var rounds: Int
        var note: String
        var checksum: String?
    }

    /// The rows as pretty-printed JSON with sorted keys.
    public static func encode(_ rows: [BenchRow]) throws(EncodingError) -> String {
        let objects = rows.map { row in
            Object(name: row.name, ns: row.ns, nsMin: row.ours.min, nsMax: row.ours.max, baselineName: row.baselineName,
                   baselineNs: row.baselineNs, baselineMin: row.baseline.min, baselineMax: row.baseline.max,
                   ratio: row.ratio, rounds: row.ours.rounds, note: row.note,
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
