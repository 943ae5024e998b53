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
        /// Numeric bins: the outer edges label the axis.
        case range(lower: String, upper: String)
        /// Categories: each bar pair is labelled with its category when there is room.
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
    static let height = 60.0

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
        let labelY = NumberText.coordinate(Self.height - 3)
        var labels: [ChartView.Label]
        switch axis {
        case .range(let lower, let upper):
            labels = [
                ChartView.Label(x: "0", y: labelY, anchor: "start", text: lower),
                ChartView.Label(x: NumberText.coordinate(Self.width), y: labelY, anchor: "end", text: upper),
            ]
        case .categories:
            // Labels only when each stays recognisable; otherwise the bars' tooltips name them.
            let characters = Int(groupWidth / 7)
            let texts = bins.map { Self.truncated($0.label, to: characters) }
            labels = characters < 4 || Set(texts).count < texts.count ? [] : texts.enumerated().map { index, text in
                ChartView.Label(
                    x: NumberText.coordinate((Double(index) + 0.5) * groupWidth), y: labelY, anchor: "middle", text: text)
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
        var x: String
        var y: String
        var anchor: String
        var text: String
    }

    var caption: String
    var width: String
    var height: String
    var baselineY: String
    var bars: [BarPair]
    var labels: [Label]
}
