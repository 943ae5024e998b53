/// Reference and current distributions over the same bins, drawn as pairs of bars: the
/// reference hollow, the current filled, so the two differ in shape and not only in colour.
/// Both sides are drawn as shares of their own rows because the two periods rarely have the
/// same number of rows.
struct DistributionChart {
    struct Bin {
        var label: String
        var reference: Double
        var current: Double
    }

    enum Axis {
        /// Numeric bins: `edges` are the bin boundaries as text (one more than the bins); the
        /// outer ones and up to three between them become ticks.
        case edges([String])
        /// Categories: each bar pair is labelled with its category, on two lines when it is
        /// long, and the full value is the label's tooltip.
        case categories
    }

    var caption: String
    var bins: [Bin]
    var axis: Axis

    /// More categories than this are folded into one "other" bar, keeping the chart legible
    /// and the page small whatever the cardinality.
    static let maximumCategories = 12

    static let width = 180.0
    static let plotTop = 4.0
    static let plotHeight = 42.0
    static let height = 72.0
    /// Ticks on a numeric axis at most (the ends included), so that their texts do not collide.
    static let maximumTicks = 4

    /// Keeps the categories with the largest share on either side and folds the rest.
    static func foldingRareCategories(_ bins: [Bin], limit: Int = maximumCategories) -> [Bin] {
        guard bins.count > limit else { return bins }
        let referenceTotal = bins.reduce(0) { $0 + $1.reference }
        let currentTotal = bins.reduce(0) { $0 + $1.current }
        func weight(_ bin: Bin) -> Double {
            max(share(bin.reference, of: referenceTotal), share(bin.current, of: currentTotal))
        }
        let ranked = bins.enumerated().sorted { (weight($0.element), -$0.offset) > (weight($1.element), -$1.offset) }
        let kept = ranked.prefix(limit - 1).sorted { $0.offset < $1.offset }.map(\.element)
        let rest = ranked.dropFirst(limit - 1).map(\.element)
        let other = Bin(
            label: "other (\(rest.count) categories)",
            reference: rest.reduce(0) { $0 + $1.reference },
            current: rest.reduce(0) { $0 + $1.current })
        return kept + [other]
    }

    func view() -> ChartView {
        let referenceTotal = bins.reduce(0) { $0 + $1.reference }
        let currentTotal = bins.reduce(0) { $0 + $1.current }
        let shares = bins.map { (Self.share($0.reference, of: referenceTotal), Self.share($0.current, of: currentTotal)) }
        let tallest = shares.map { max($0.0, $0.1) }.max() ?? 0
        let groupWidth = Self.width / Double(max(bins.count, 1))
        let barWidth = max(groupWidth * 0.4, 0.5)
        let baseline = Self.plotTop + Self.plotHeight
        func height(_ share: Double) -> Double {
            tallest > 0 ? share / tallest * Self.plotHeight : 0
        }
        let bars = zip(bins, shares).enumerated().map { index, pair -> ChartView.BarPair in
            let (bin, (referenceShare, currentShare)) = pair
            let left = Double(index) * groupWidth + groupWidth * 0.1
            let referenceHeight = height(referenceShare)
            let currentHeight = height(currentShare)
            return ChartView.BarPair(
                tip: "\(bin.label): reference \(NumberText.percent(referenceShare)), current \(NumberText.percent(currentShare))",
                referenceX: NumberText.coordinate(left),
                referenceY: NumberText.coordinate(baseline - referenceHeight),
                referenceHeight: NumberText.coordinate(referenceHeight),
                currentX: NumberText.coordinate(left + barWidth),
                currentY: NumberText.coordinate(baseline - currentHeight),
                currentHeight: NumberText.coordinate(currentHeight),
                barWidth: NumberText.coordinate(barWidth))
        }
        let firstLineY = baseline + 10
        var labels: [ChartView.Label]
        switch axis {
        case .edges(let edges):
            labels = Self.tickIndices(edges: edges.count).map { index in
                let x = Double(index) * groupWidth
                let anchor = index == 0 ? "start" : index == edges.count - 1 ? "end" : "middle"
                return ChartView.Label(x: NumberText.coordinate(x), anchor: anchor, full: edges[index],
                                       lines: [.init(y: NumberText.coordinate(firstLineY), text: edges[index])])
            }
        case .categories:
            // Two lines of what fits under each bar pair; the tooltip names the whole category.
            let characters = Int(groupWidth / 5.5)
            labels = characters < 3 ? [] : bins.enumerated().map { index, bin in
                let lines = Self.wrapped(bin.label, width: characters, lines: 2)
                return ChartView.Label(
                    x: NumberText.coordinate((Double(index) + 0.5) * groupWidth), anchor: "middle", full: bin.label,
                    lines: lines.enumerated().map { .init(y: NumberText.coordinate(firstLineY + Double($0.offset) * 10), text: $0.element) })
            }
        }
        return ChartView(
            caption: caption, width: NumberText.coordinate(Self.width), height: NumberText.coordinate(Self.height),
            baselineY: NumberText.coordinate(baseline), bars: bars, labels: labels)
    }

    static func share(_ count: Double, of total: Double) -> Double {
        total > 0 && count.isFinite ? count / total : 0
    }

    static func truncated(_ text: String, to characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(max(characters - 1, 1))) + "…"
    }

    /// Which of `edges` boundaries get a tick: both ends and evenly spaced ones between.
    static func tickIndices(edges: Int) -> [Int] {
        guard edges > 1 else { return edges == 1 ? [0] : [] }
        let ticks = min(edges, maximumTicks)
        return Array(Set((0..<ticks).map { Int((Double($0) * Double(edges - 1) / Double(ticks - 1)).rounded()) })).sorted()
    }

    /// `text` in at most `lines` lines of `width` characters, broken at spaces or hyphens when
    /// possible; the last line ends in "…" when something had to be left out.
    static func wrapped(_ text: String, width: Int, lines: Int) -> [String] {
        var rest = Substring(text)
        var out: [String] = []
        while !rest.isEmpty, out.count < lines {
            if rest.count <= width { out.append(String(rest)); rest = ""; break }
            if out.count == lines - 1 { out.append(truncated(String(rest), to: width)); rest = ""; break }
            let window = rest.prefix(width)
            let cut = window.lastIndex(where: { $0 == " " || $0 == "-" || $0 == "_" }).map { rest.index(after: $0) } ?? window.endIndex
            out.append(String(rest[..<cut]).trimmingCharacters(in: .whitespaces))
            rest = rest[cut...].drop { $0 == " " }
        }
        return out
    }
}

/// What the chart template draws: every number already a short string, every text still raw
/// (the template escapes it).
struct ChartView {
    struct BarPair {
        var tip: String
        var referenceX: String
        var referenceY: String
        var referenceHeight: String
        var currentX: String
        var currentY: String
        var currentHeight: String
        var barWidth: String
    }

    struct Label {
        struct Line {
            var y: String
            var text: String
        }

        var x: String
        var anchor: String
        /// The whole value, the label's tooltip.
        var full: String
        var lines: [Line]
    }

    var caption: String
    var width: String
    var height: String
    var baselineY: String
    var bars: [BarPair]
    var labels: [Label]
}
