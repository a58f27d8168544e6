import Foundation
import OPAPMCore

/// The liability curve L(x) as an SVG chart: the small-loss band, the averaging window, the large-loss
/// line, the 30% reference slope, each band's marginal rate, and the average and lowest rates.
struct RiskChart {
    let figures: Figures
    let points: [CurvePoint]

    init?(figures: Figures) {
        guard let points = figures.liabilityCurve, points.count >= 2 else { return nil }
        self.figures = figures
        self.points = points
    }

    private let width = 680.0
    private let height = 360.0
    private let left = 64.0
    private let right = 24.0
    private let top = 24.0
    private let bottom = 56.0

    /// L at x: the left value at a jump (the first of two points with the same overrun).
    func liability(at x: Exact) -> Exact {
        guard let index = points.lastIndex(where: { $0.overrunPercent <= x }) else { return 0 }
        var base = index
        while base > 0 && points[base - 1].overrunPercent == points[base].overrunPercent { base -= 1 }
        let point = points[index]
        guard index + 1 < points.count else { return point.liabilityPercent }
        let next = points[index + 1]
        let span = next.overrunPercent - point.overrunPercent
        guard span > 0 else { return points[base].liabilityPercent }
        return point.liabilityPercent + (next.liabilityPercent - point.liabilityPercent) * (x - point.overrunPercent) / span
    }

    func render(id: String) -> String {
        let xMax = (points.last?.overrunPercent ?? 1).double
        let requirement = figures.totalRiskRequirementPercent?.double ?? 0
        let start = figures.marginalWindowStartPercent ?? 0
        let end = figures.marginalWindowEndPercent ?? 0
        let minimumRate = (figures.marginalRiskMinimumPercent ?? 30) / 100
        let referenceEnd = liability(at: start) + minimumRate * (end - start)
        let yMax = max(points.map(\.liabilityPercent.double).max() ?? 1, requirement, referenceEnd.double) * 1.15
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ value: Double) -> Double { left + value / max(xMax, 0.0001) * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - value / max(yMax, 0.0001) * plotHeight }
        let c = HTMLText.coordinate

        var svg = "<svg class=\"risk-chart\" id=\"\(id)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
        svg += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title id=\"\(id)-title\">Liability L(x) against the overrun</title>\n"
        let average = figures.averageMarginalRiskPercent?.percentText ?? "?"
        let lowest = figures.lowestMarginalRiskPercent?.percentText ?? "?"
        svg += "<desc id=\"\(id)-desc\">Averaging window \(start.percentText) to \(end.percentText) of expected expenditures; average marginal risk \(average), lowest \(lowest). The data table below gives the same points.</desc>\n"
        // Small-loss band and averaging window.
        let small = (figures.smallLossPercent ?? 4).double
        svg += "<rect class=\"small-loss\" x=\"\(c(x(0)))\" y=\"\(c(top))\" width=\"\(c(x(min(small, xMax)) - x(0)))\" height=\"\(c(plotHeight))\" fill=\"#eeeeee\"/>\n"
        // Annotations are placed last, each moved up or down until it overlaps no other label.
        var labels = LabelPlacer(top: top, bottom: top + plotHeight)
        var annotations: [LabelPlacer.Label] = []
        annotations.append(.init(x: x(0) + 4, y: top + 14, anchor: "start", size: 11, bold: false, fill: "#555", className: "label",
            text: "small losses (under \((figures.smallLossPercent ?? 4).percentText))"))
        if end > start {
            svg += "<rect class=\"window\" x=\"\(c(x(start.double)))\" y=\"\(c(top))\" width=\"\(c(x(end.double) - x(start.double)))\" height=\"\(c(plotHeight))\" fill=\"#dbeafe\" fill-opacity=\"0.7\"/>\n"
        }
        // Axes and ticks.
        svg += "<line class=\"axis\" x1=\"\(c(left))\" y1=\"\(c(top + plotHeight))\" x2=\"\(c(width - right))\" y2=\"\(c(top + plotHeight))\" stroke=\"#333\"/>\n"
        svg += "<line class=\"axis\" x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(top + plotHeight))\" stroke=\"#333\"/>\n"
        for tick in Self.ticks(xMax) {
            svg += "<text x=\"\(c(x(tick)))\" y=\"\(c(top + plotHeight + 16))\" font-size=\"11\" text-anchor=\"middle\">\(Self.tickText(tick))%</text>\n"
        }
        // The origin is labelled once, on the x axis.
        for tick in Self.ticks(yMax) where tick > 0 {
            svg += "<text x=\"\(c(left - 6))\" y=\"\(c(y(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(Self.tickText(tick))%</text>\n"
        }
        svg += "<text x=\"\(c(left + plotWidth / 2))\" y=\"\(c(height - 12))\" font-size=\"12\" text-anchor=\"middle\">overrun: actual above expected expenditures (% of expected)</text>\n"
        svg += "<text x=\"14\" y=\"\(c(top + plotHeight / 2))\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(c(top + plotHeight / 2)))\">L(x): owed (% of expected)</text>\n"
        // Large-loss line: where L reaches the total risk requirement.
        if requirement > 0 {
            svg += "<line class=\"requirement\" x1=\"\(c(left))\" y1=\"\(c(y(requirement)))\" x2=\"\(c(width - right))\" y2=\"\(c(y(requirement)))\" stroke=\"#b45309\" stroke-dasharray=\"4 3\"/>\n"
            annotations.append(.init(x: width - right - 4, y: y(requirement) - 4, anchor: "end", size: 11, bold: false, fill: "#b45309",
                className: "label", text: "total risk requirement \(figures.totalRiskRequirementPercent?.percentText ?? "")"))
        }
        if end > 0 {
            svg += "<line class=\"large-loss\" x1=\"\(c(x(end.double)))\" y1=\"\(c(top))\" x2=\"\(c(x(end.double)))\" y2=\"\(c(top + plotHeight))\" stroke=\"#b45309\" stroke-dasharray=\"6 3\"/>\n"
            annotations.append(.init(x: x(end.double) + 4, y: top + 28, anchor: "start", size: 11, bold: false, fill: "#b45309",
                className: "label", text: "large losses beyond \(end.percentText)"))
        }
        // 30% reference slope from the start of the window.
        if end > start {
            svg += "<line class=\"reference\" x1=\"\(c(x(start.double)))\" y1=\"\(c(y(liability(at: start).double)))\" x2=\"\(c(x(end.double)))\" y2=\"\(c(y(referenceEnd.double)))\" stroke=\"#6b7280\" stroke-dasharray=\"2 3\"/>\n"
            annotations.append(.init(x: x(end.double) - 4, y: y(referenceEnd.double) - 6, anchor: "end", size: 11, bold: false,
                fill: "#6b7280", className: "label", text: "\((minimumRate * 100).percentText) reference"))
        }
        // The curve itself, and each stretch's marginal rate.
        let path = points.map { "\(c(x($0.overrunPercent.double))),\(c(y($0.liabilityPercent.double)))" }.joined(separator: " ")
        svg += "<polyline class=\"liability-curve\" points=\"\(path)\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2.5\"/>\n"
        for (a, b) in zip(points, points.dropFirst()) where b.overrunPercent > a.overrunPercent {
            let rate = (b.liabilityPercent - a.liabilityPercent) * 100 / (b.overrunPercent - a.overrunPercent)
            let midX = x(((a.overrunPercent + b.overrunPercent) / 2).double)
            let midY = y(((a.liabilityPercent + b.liabilityPercent) / 2).double)
            annotations.append(.init(x: midX, y: midY - 8, anchor: "middle", size: 11, bold: false, fill: "#1d4ed8", className: "rate",
                text: rate.rounded(2).percentText))
        }
        // The summary first: it keeps its place, the others move around it.
        annotations.insert(.init(x: left + 8, y: top + 44, anchor: "start", size: 13, bold: true, fill: "#111", className: "rates",
            text: "average \(average) · lowest \(lowest)"), at: 0)
        for label in annotations { svg += labels.place(label) }
        svg += "</svg>\n"
        return svg
    }

    /// Places text labels inside the plot so that no two overlap: each keeps its spot when free, or moves
    /// up or down a line at a time, nearest first. Boxes are estimated from the text (0.62 of the font
    /// size a character, generous for system fonts); the Chromium test measures what was drawn.
    struct LabelPlacer {
        struct Label {
            var x: Double
            var y: Double
            var anchor: String
            var size: Double
            var bold: Bool
            var fill: String
            var className: String
            var text: String
        }
        struct Box {
            var left, top, right, bottom: Double
            func overlaps(_ other: Box) -> Bool {
                left < other.right && other.left < right && top < other.bottom && other.top < bottom
            }
        }

        let top: Double
        let bottom: Double
        var placed: [Box] = []

        init(top: Double, bottom: Double) {
            self.top = top
            self.bottom = bottom
        }

        func box(_ label: Label, y: Double) -> Box {
            let width = Double(label.text.count) * label.size * (label.bold ? 0.68 : 0.62) + 2
            let start: Double = switch label.anchor {
            case "end": label.x - width
            case "middle": label.x - width / 2
            default: label.x
            }
            return Box(left: start, top: y - label.size, right: start + width, bottom: y + label.size * 0.3)
        }

        mutating func place(_ label: Label) -> String {
            let step = label.size + 3
            var chosen = label.y
            for shift in [0.0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -8, 8, -10, 10] {
                let y = label.y + shift * step
                guard y - label.size >= top - 2, y <= bottom else { continue }
                let candidate = box(label, y: y)
                if !placed.contains(where: { $0.overlaps(candidate) }) {
                    chosen = y
                    break
                }
            }
            placed.append(box(label, y: chosen))
            let weight = label.bold ? " font-weight=\"bold\"" : ""
            return "<text class=\"\(label.className)\" x=\"\(HTMLText.coordinate(label.x))\" y=\"\(HTMLText.coordinate(chosen))\" "
                + "font-size=\"\(Int(label.size))\"\(weight) text-anchor=\"\(label.anchor)\" fill=\"\(label.fill)\">"
                + HTMLText.escape(label.text) + "</text>\n"
        }
    }

    static func ticks(_ maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0] }
        let raw = maximum / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return stride(from: 0.0, through: maximum, by: step).map { $0 }
    }

    static func tickText(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// The chart's points as a table, the alternative for screen readers.
    func table(caption: String) -> String {
        var html = "<table class=\"curve-data\"><caption>\(HTMLText.escape(caption))</caption>\n"
        html += "<thead><tr><th scope=\"col\">overrun</th><th scope=\"col\">L(x)</th><th scope=\"col\">marginal rate after this point</th></tr></thead><tbody>\n"
        for (index, point) in points.enumerated() {
            var rate = "—"
            if index + 1 < points.count, points[index + 1].overrunPercent > point.overrunPercent {
                let next = points[index + 1]
                let slope = (next.liabilityPercent - point.liabilityPercent) * 100 / (next.overrunPercent - point.overrunPercent)
                rate = slope.percentText
            }
            html += "<tr><td>\(point.overrunPercent.percentText)</td><td>\(point.liabilityPercent.percentText)</td><td>\(rate)</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
