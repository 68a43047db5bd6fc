/// A self-contained SVG bar chart of benchmark ratios (`ns / baselineNs`): one labelled bar
/// per row with its value, and a dashed line at 1.0 (parity). No scripts, fonts or external
/// references; names are XML-escaped.
public enum RatioChart {
    /// The chart of `rows` (name and ratio each) under `title`.
    public static func svg(_ rows: [(name: String, ratio: Double)], title: String) -> String {
        let barWidth = 56.0, gap = 24.0, left = 56.0, top = 48.0, plotHeight = 260.0, bottom = 90.0
        let finite = rows.map { $0.ratio.isFinite ? max(0, $0.ratio) : 0 }
        // The axis reaches at least 1.25 so the parity line is always inside the plot.
        let axisMax = max(1.25, (finite.max() ?? 1) * 1.1)
        let width = left + Double(rows.count) * (barWidth + gap) + gap
        let height = top + plotHeight + bottom
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / axisMax) }
        func number(_ value: Double) -> String {
            let rounded = (value * 1000).rounded() / 1000
            var text = "\(rounded)"
            if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 4 {
                text = String(text[..<text.index(dot, offsetBy: 4)])
            }
            return text
        }
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
            viewBox="0 0 \(number(width)) \(number(height))" font-family="sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect x="0" y="0" width="\(number(width))" height="\(number(height))" fill="white"/>
            <text x="\(number(width / 2))" y="24" text-anchor="middle" font-size="15">\(escape(title))</text>
            <line x1="\(number(left))" y1="\(number(top))" x2="\(number(left))" y2="\(number(top + plotHeight))" stroke="black"/>
            <line x1="\(number(left))" y1="\(number(top + plotHeight))" x2="\(number(width))" y2="\(number(top + plotHeight))" stroke="black"/>

            """
        for tick in stride(from: 0.0, through: axisMax, by: axisMax > 4 ? 1.0 : 0.25) {
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" text-anchor=\"end\" fill=\"#555\">\(number(tick))</text>\n"
        }
        for (index, row) in rows.enumerated() {
            let x = left + gap + Double(index) * (barWidth + gap)
            let value = finite[index]
            let color = value <= 1.03 ? "#4a90d9" : "#d9774a"
            svg += "<rect class=\"bar\" x=\"\(number(x))\" y=\"\(number(y(value)))\" width=\"\(number(barWidth))\" "
                + "height=\"\(number(top + plotHeight - y(value)))\" fill=\"\(color)\"><title>\(escape(row.name)): \(number(row.ratio))</title></rect>\n"
            svg += "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(y(value) - 5))\" text-anchor=\"middle\">\(number(row.ratio))</text>\n"
            svg += "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(top + plotHeight + 14))\" text-anchor=\"end\" "
                + "transform=\"rotate(-35 \(number(x + barWidth / 2)) \(number(top + plotHeight + 14)))\">\(escape(row.name))</text>\n"
        }
        svg += "<line class=\"parity\" x1=\"\(number(left))\" y1=\"\(number(y(1)))\" x2=\"\(number(width))\" y2=\"\(number(y(1)))\" "
            + "stroke=\"#c00\" stroke-dasharray=\"6 4\"/>\n"
        svg += "<text x=\"\(number(width - 4))\" y=\"\(number(y(1) - 4))\" text-anchor=\"end\" fill=\"#c00\">1.0 = parity (lower is better)</text>\n"
        svg += "</svg>\n"
        return svg
    }

    /// `text` with the five XML special characters escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
