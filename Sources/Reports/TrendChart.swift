/// A measure over the partitions in processing order, with its limit drawn in: drift_share
/// against the threshold, production's AUC against the floor. Points on the alarming side of
/// the limit are triangles, the others circles, rejected partitions a cross on the axis: the
/// shape carries the meaning, the colour only repeats it.
struct TrendChart {
    struct Point {
        var partition: String
        /// Nil for a partition where it was not measured (rejected, pending, the reference).
        var value: Double?
        var rejected: Bool
        /// An estimate (production's AUC by CBPE before the labels landed): drawn dashed and hollow.
        var estimated = false
    }

    /// What is drawn: its name, its limit's name, and which side of the limit is the alarm.
    struct Measure {
        var name: String
        var limitName: String
        /// True for a floor (AUC), false for a threshold (drift_share).
        var alarmBelow: Bool
        var asPercent: Bool

        static let driftShare = Measure(name: "drift_share", limitName: "threshold", alarmBelow: false, asPercent: true)
        static let productionAUC = Measure(name: "production AUC", limitName: "floor", alarmBelow: true, asPercent: false)

        func text(_ value: Double, digits: Int = 1) -> String {
            asPercent ? NumberText.percent(value, digits: digits) : NumberText.decimal(value, digits: digits + 1)
        }

        func alarms(_ value: Double, _ limit: Double) -> Bool { alarmBelow ? value < limit : value >= limit }

        func side(_ alarm: Bool) -> String {
            switch (alarmBelow, alarm) {
            case (false, true): "at or above the threshold"
            case (false, false): "below the threshold"
            case (true, true): "under the floor"
            case (true, false): "at or above the floor"
            }
        }
    }

    var points: [Point]
    var threshold: Double
    var measure = Measure.driftShare

    static let width = 1100.0
    static let height = 290.0
    static let left = 48.0
    static let right = 1084.0
    static let top = 14.0
    static let bottom = 180.0
    /// Beyond this many partitions only every n-th gets a name on the axis; each keeps its tooltip.
    static let maximumAxisLabels = 40
    /// Longer partition names are shortened in the middle on the axis (their ends usually tell
    /// them apart: `…month_007`); the full name is the label's tooltip.
    static let axisLabelCharacters = 24

    func view() -> TrendChartView {
        let slot = (Self.right - Self.left) / Double(max(points.count, 1))
        func x(_ index: Int) -> Double { Self.left + (Double(index) + 0.5) * slot }
        func y(_ share: Double) -> Double { Self.bottom - min(max(share, 0), 1) * (Self.bottom - Self.top) }
        let c = NumberText.coordinate

        var markers: [TrendChartView.Marker] = []
        var line: [String] = []
        var estimatedLine: [String] = []
        for (index, point) in points.enumerated() {
            let px = x(index)
            if let value = point.value {
                let py = y(value)
                if point.estimated { estimatedLine.append("\(c(px)),\(c(py))") } else { line.append("\(c(px)),\(c(py))") }
                let above = measure.alarms(value, threshold)
                markers.append(TrendChartView.Marker(
                    tip: "\(point.partition): \(measure.name) \(point.estimated ? "estimated " : "")\(measure.text(value)), \(measure.side(above))",
                    path: above
                        ? "M\(c(px)),\(c(py - 6))L\(c(px + 6)),\(c(py + 4))L\(c(px - 6)),\(c(py + 4))Z"
                        : "M\(c(px - 4)),\(c(py))a4,4 0 1,0 8,0a4,4 0 1,0 -8,0",
                    markerClass: (above ? "above" : "below") + (point.estimated ? " estimated" : "")))
            } else if point.rejected {
                let py = Self.bottom - 5
                markers.append(TrendChartView.Marker(
                    tip: "\(point.partition): rejected by validation, nothing measured",
                    path: "M\(c(px - 4)),\(c(py - 4))L\(c(px + 4)),\(c(py + 4))M\(c(px + 4)),\(c(py - 4))L\(c(px - 4)),\(c(py + 4))",
                    markerClass: "rejected"))
            }
        }
        let every = max(1, (points.count + Self.maximumAxisLabels - 1) / Self.maximumAxisLabels)
        let labels = points.enumerated().filter { $0.offset % every == 0 }.map { index, point in
            TrendChartView.AxisLabel(
                transform: "translate(\(c(x(index))),\(c(Self.bottom + 12))) rotate(-40)",
                text: Self.shortenedInTheMiddle(point.partition, to: Self.axisLabelCharacters), full: point.partition)
        }
        let gridlines = stride(from: 0.0, through: 1.0, by: 0.25).map { share in
            TrendChartView.Gridline(y: c(y(share)), labelY: c(y(share) + 3), text: measure.text(share, digits: 0))
        }
        let thresholdY = y(threshold)
        return TrendChartView(
            caption: "\(measure.name) per partition against the \(measure.limitName) \(measure.text(threshold))",
            width: c(Self.width), height: c(Self.height),
            plotLeft: c(Self.left), plotRight: c(Self.right), labelX: c(Self.left - 6),
            gridlines: gridlines,
            thresholdY: c(thresholdY), thresholdLabelY: c(thresholdY - 4),
            threshold: "\(measure.limitName) \(measure.text(threshold))",
            polyline: line.joined(separator: " "),
            estimatedPolyline: estimatedLine.isEmpty ? nil : estimatedLine.joined(separator: " "),
            markers: markers, labels: labels)
    }
}

/// What the trend template draws; numbers pre-formatted, text raw for the template to escape.
struct TrendChartView {
    struct Gridline {
        var y: String
        var labelY: String
        var text: String
    }

    struct Marker {
        var tip: String
        var path: String
        var markerClass: String
    }

    struct AxisLabel {
        var transform: String
        var text: String
        var full: String
    }

    var caption: String
    var width: String
    var height: String
    var plotLeft: String
    var plotRight: String
    var labelX: String
    var gridlines: [Gridline]
    var thresholdY: String
    var thresholdLabelY: String
    var threshold: String
    var polyline: String
    /// The estimated points, joined by a dashed line; nil when there are none.
    var estimatedPolyline: String?
    var markers: [Marker]
    var labels: [AxisLabel]
}

extension TrendChart {
    /// `text` in at most `characters` characters, keeping its start and end around an "…".
    static func shortenedInTheMiddle(_ text: String, to characters: Int) -> String {
        guard text.count > characters else { return text }
        let tail = (characters - 1) / 2
        return String(text.prefix(characters - 1 - tail)) + "…" + String(text.suffix(tail))
    }
}
