// The Iris fixture (iris.csv, see PROVENANCE.md) read on the host. Enclave code never
// sees the file: hosts read it here and pass the numbers in through ECALL buffers.
import Foundation

/// Fisher's Iris data as numbers: four features per row and a class index.
public struct IrisFixture: Sendable {
    /// Row-major features, four per row: sepal length, sepal width, petal length, petal width (cm).
    public let features: [Double]
    /// Class index per row: 0 setosa, 1 versicolor, 2 virginica.
    public let labels: [UInt8]
    /// The species names, indexed by class.
    public static let species = ["setosa", "versicolor", "virginica"]
    /// Features per row.
    public static let featureCount = 4

    /// The number of rows.
    public var rowCount: Int { labels.count }

    /// Column `index` of every row (0 sepal length ... 3 petal width).
    public func column(_ index: Int) -> [Double] {
        stride(from: index, to: features.count, by: Self.featureCount).map { features[$0] }
    }

    /// The path of iris.csv in this source tree (next to this file).
    public static var defaultPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("iris.csv").path
    }

    /// Reads and parses iris.csv; throws on any malformed row, so a damaged fixture is noticed.
    public static func load(path: String = defaultPath) throws -> IrisFixture {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var features: [Double] = []
        var labels: [UInt8] = []
        for (number, line) in text.split(separator: "\n").enumerated() where number > 0 {
            let fields = line.split(separator: ",")
            guard fields.count == featureCount + 1 else { throw FixtureError(line: number + 1, "expected 5 fields") }
            for field in fields.prefix(featureCount) {
                guard let value = Double(field) else { throw FixtureError(line: number + 1, "bad number \(field)") }
                features.append(value)
            }
            guard let label = species.firstIndex(of: String(fields[featureCount])) else {
                throw FixtureError(line: number + 1, "unknown species \(fields[featureCount])")
            }
            labels.append(UInt8(label))
        }
        guard labels.count == 150 else { throw FixtureError(line: 0, "expected 150 rows, found \(labels.count)") }
        return IrisFixture(features: features, labels: labels)
    }
}

/// A malformed line in the fixture file.
public struct FixtureError: Error, CustomStringConvertible {
    /// The 1-based line number (0: the file as a whole).
    public let line: Int
    /// What is wrong.
    public let message: String
    init(line: Int, _ message: String) { self.line = line; self.message = message }
    public var description: String { "iris.csv line \(line): \(message)" }
}
