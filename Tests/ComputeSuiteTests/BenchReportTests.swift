import BenchReport
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The sgx-bench report pieces: spreads, the JSON rows and the SVG ratio chart.
@Suite struct BenchReportTests {
    @Test func timingMedianAndExtremes() {
        let odd = Timing(samples: [5, 1, 3, 9, 7])
        #expect(odd.median == 5 && odd.min == 1 && odd.max == 9 && odd.rounds == 5)
        let even = Timing(samples: [4, 1, 2, 3])
        #expect(even.median == 2.5 && even.min == 1 && even.max == 4)
        #expect(odd.map { $0 / 2 }.median == 2.5)
    }

    @Test func jsonCarriesBaselineSpreadAndChecksum() throws {
        let rows = [
            BenchRow(name: "fasta", ours: Timing(samples: [130, 110, 100]),
                     baseline: Timing(samples: [95, 100, 120]), baselineName: "native twin", note: "n", checksum: 0xfedc_ba98_7654_3210),
            BenchRow(name: "ecall-empty", ours: Timing(samples: [12]), baseline: Timing(samples: [3]), baselineName: "direct call", note: ""),
        ]
        let json = try BenchJSON.encode(rows)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects[0]["name"] as? String == "fasta")
        #expect(objects[0]["baselineName"] as? String == "native twin")
        #expect(objects[0]["ns"] as? Double == 110)
        #expect(objects[0]["baselineNs"] as? Double == 100)
        #expect(objects[0]["ratio"] as? Double == 1.1)
        #expect(objects[0]["nsMin"] as? Double == 100 && objects[0]["nsMax"] as? Double == 130)
        #expect(objects[0]["baselineMin"] as? Double == 95 && objects[0]["baselineMax"] as? Double == 120)
        #expect(objects[0]["rounds"] as? Int == 3 && objects[1]["rounds"] as? Int == 1)
        #expect(objects[0]["checksum"] as? String == "0xfedcba9876543210")
        #expect(objects[1]["ratio"] as? Double == 4)
        #expect(objects[1]["nsMin"] as? Double == 12 && objects[1]["checksum"] == nil)
    }

    /// Counts the elements of an SVG document (and fails on malformed XML).
    final class ElementCounter: NSObject, XMLParserDelegate {
        var bars = 0, parityLines = 0, texts: [String] = [], current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "rect" && attributes["class"] == "bar" { bars += 1 }
            if name == "line" && attributes["class"] == "parity" { parityLines += 1 }
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }

    @Test func chartIsWellFormedWithOneBarPerRow() throws {
        let rows: [(name: String, ratio: Double)] = [("fasta", 1.02), ("n-body <&> \"x\"", 0.97), ("binary-trees", 2.5)]
        let svg = RatioChart.svg(rows, title: "ratios")
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(counter.bars == rows.count)
        #expect(counter.parityLines == 1)
        #expect(counter.texts.contains("n-body <&> \"x\""))
        #expect(counter.texts.contains("2.5") && counter.texts.contains("0.97"))
        // The check can fail: the same document with a name left unescaped is rejected.
        let unescaped = svg.replacingOccurrences(of: "n-body &lt;&amp;&gt;", with: "n-body <&>")
        #expect(unescaped != svg)
        #expect(!XMLParser(data: Data(unescaped.utf8)).parse())
    }
}
