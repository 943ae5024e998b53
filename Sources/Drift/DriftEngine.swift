import Core
import Contract
import Stats
import Tabular

/// Compares a partition with the reference, feature by feature, as the contract describes the
/// columns and the settings say how to judge them.
public struct DriftEngine: Sendable {
    public let settings: DriftSettings
    public let contract: DataContract

    /// Refuses overrides that name no feature of the contract, or force a method the feature's
    /// type cannot take (KS or Wasserstein on categories).
    public init(settings: DriftSettings, contract: DataContract) throws {
        let features = Dictionary(contract.features.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in settings.features.keys.sorted() {
            guard let feature = features[name] else {
                throw DriftError(
                    field: "drift.features.\(name)", expected: "a feature column of the contract",
                    found: contract.column(named: name).map { "a column with role \($0.role.rawValue)" } ?? "no column of that name"
                )
            }
            if let method = settings.features[name]?.method, method.needsNumericFeature, !feature.type.isNumeric {
                throw DriftError(
                    field: "drift.features.\(name).method", expected: "a method for \(feature.type.rawValue) features (psi, chi_square, z_test, jensen_shannon, default, auto)",
                    found: method.rawValue
                )
            }
        }
        if !(settings.threshold >= 0 && settings.threshold <= 1) {
            throw DriftError(field: "drift.threshold", expected: "a share between 0 and 1", found: "\(settings.threshold)")
        }
        for (key, floor) in [("ks", settings.minEffect.ks), ("chi_square", settings.minEffect.chiSquare), ("z_test", settings.minEffect.zTest)]
        where !(floor >= 0 && floor <= 1) {
            throw DriftError(field: "drift.min_effect.\(key)", expected: "an effect size between 0 and 1", found: "\(floor)")
        }
        self.settings = settings
        self.contract = contract
    }

    /// A reference that fits in memory is profiled whole first. One that does not (a spilled
    /// partition) is profiled a feature at a time beside the current side, and each profile is
    /// dropped once its feature is measured: a whole profile holds every numeric feature's sorted
    /// values, 8 bytes a row per feature, more than a budget that forced the spill allows.
    public func compare(reference: some ColumnSource, referenceName: String, current: some ColumnSource, currentName: String) throws -> DriftReport {
        let features = contract.features
        guard reference.columnsAtOnce < features.count else {
            return try compare(reference: try profile(of: reference), referenceName: referenceName, current: current, currentName: currentName)
        }
        return try compare(
            referenceSide: { i in ReferenceProfile.Side(type: features[i].type, column: try column(features[i], in: reference)) },
            referenceRows: reference.rowCount, referenceLabel: { try contract.label.map { try column($0, in: reference) } },
            referenceName: referenceName, current: current, currentName: currentName,
            columnsAtOnce: min(reference.columnsAtOnce, current.columnsAtOnce))
    }

    /// The reference's side of every comparison, to keep while the reference stays the same.
    /// Columns are read as the source allows: all at once from memory, a few at a time when spilled.
    public func profile(of reference: some ColumnSource) throws -> ReferenceProfile {
        let features = contract.features
        let sides = try Self.mapFeatures(features.count, columnsAtOnce: reference.columnsAtOnce, rows: reference.rowCount) { i in
            ReferenceProfile.Side(type: features[i].type, column: try column(features[i], in: reference))
        }
        return ReferenceProfile(
            names: features.map(\.name), features: sides,
            label: try contract.label.map { try column($0, in: reference) }, rows: reference.rowCount)
    }

    public func compare(reference: ReferenceProfile, referenceName: String, current: some ColumnSource, currentName: String) throws -> DriftReport {
        let features = contract.features
        guard reference.names == features.map(\.name) else {
            throw DriftError(
                field: "reference profile of \(referenceName)", expected: "the contract's features \(features.map(\.name))",
                found: "\(reference.names)")
        }
        return try compare(
            referenceSide: { reference.features[$0] }, referenceRows: reference.rows, referenceLabel: { reference.label },
            referenceName: referenceName, current: current, currentName: currentName, columnsAtOnce: current.columnsAtOnce)
    }

    /// Measures every feature from its reference side (`referenceSide(i)`, asked for within the
    /// feature's wave) and its current column, `columnsAtOnce` features at a time.
    private func compare(
        referenceSide: @Sendable (Int) throws -> ReferenceProfile.Side, referenceRows: Int, referenceLabel: () throws -> Column?,
        referenceName: String, current: some ColumnSource, currentName: String, columnsAtOnce: Int
    ) throws -> DriftReport {
        let features = contract.features
        let overrides = settings.features
        let globalMethod = settings.method
        let minEffect = settings.minEffect
        let measured = try Self.mapFeatures(features.count, columnsAtOnce: columnsAtOnce, rows: referenceRows + current.rowCount) { i in
            let spec = features[i]
            let comparison = FeatureComparison(name: spec.name, type: spec.type, reference: try referenceSide(i), current: try column(spec, in: current))
            let override = overrides[spec.name]
            return comparison.measure(by: comparison.rule(method: override?.method ?? globalMethod, threshold: override?.threshold, minEffect: minEffect))
        }
        let results = judge(measured)
        let checked = results.filter(\.checked).count
        let drifted = results.filter(\.drifted).count
        let share = checked == 0 ? 0 : Double(drifted) / Double(checked)
        var label: LabelDrift?
        // A partition whose labels land later has no label column yet: no label drift to report.
        if let spec = contract.label, current.columnNames.contains(spec.name), let referenceLabel = try referenceLabel() {
            label = LabelComparison.drift(name: spec.name, reference: referenceLabel, current: try column(spec, in: current))
        }
        return DriftReport(
            schemaVersion: DriftReport.currentSchemaVersion,
            reference: PartitionSummary(name: referenceName, rows: referenceRows),
            current: PartitionSummary(name: currentName, rows: current.rowCount),
            method: settings.method,
            correction: settings.correction,
            minEffect: settings.minEffect,
            featureOverrides: settings.features,
            featuresChecked: checked,
            featuresDrifted: drifted,
            driftShare: share,
            threshold: settings.threshold,
            retrainWarranted: checked > 0 && share >= settings.threshold,
            features: results,
            label: label
        )
    }

    /// Verdicts for one partition: the p-values of the features in the correction family are
    /// adjusted together (statsmodels' `multipletests` over this partition's tested features).
    private func judge(_ measured: [MeasuredFeature]) -> [FeatureDrift] {
        let family = measured.indices.filter { measured[$0].joinsCorrection }
        let adjusted = MultipleTesting.adjusted(family.map { measured[$0].drift.pValue ?? .nan }, by: settings.correction)
        let adjustedByIndex = Dictionary(uniqueKeysWithValues: zip(family, adjusted))
        let questions = measured.map { feature in
            feature.criticalDQuestion(singleTestLevel: feature.rule.isCorrected
                ? MultipleTesting.singleTestLevel(feature.alpha, familySize: family.count, correction: settings.correction)
                : feature.alpha)
        }
        let distinct = Array(Set(questions.compactMap { $0 }))
        let answers = Parallel.map(count: distinct.count, work: distinct.reduce(0) { $0 + $1.n1 + $1.n2 }) { distinct[$0].answer }
        let criticalD = Dictionary(uniqueKeysWithValues: zip(distinct, answers))
        return measured.indices.map { i in
            measured[i].judged(adjustedPValue: adjustedByIndex[i], criticalD: questions[i].flatMap { criticalD[$0] ?? nil })
        }
    }

    /// Runs `body` for every feature index, in waves of `columnsAtOnce` on all cores, so that no
    /// more columns than the source allows are in memory at once; the first error is thrown.
    /// `rows`: the rows each feature reads, both sides together.
    private static func mapFeatures<T: Sendable>(
        _ count: Int, columnsAtOnce: Int, rows: Int, _ body: @Sendable (Int) throws -> T
    ) throws -> [T] {
        var results: [T] = []
        var start = 0
        while start < count {
            let wave = start..<min(count, start + max(1, min(columnsAtOnce, count)))
            let outputs = Parallel.map(count: wave.count, work: wave.count * rows) { k in Result { try body(wave.lowerBound + k) } }
            for output in outputs { results.append(try output.get()) }
            start = wave.upperBound
        }
        return results
    }

    private func column(_ spec: ColumnSpec, in table: some ColumnSource) throws -> Column {
        guard let column = try table.loadColumn(named: spec.name) else {
            throw DriftError(field: "\(table.source): column '\(spec.name)'", expected: "a \(spec.type.rawValue) column as the contract declares", found: "no such column")
        }
        guard column.type == spec.type else {
            throw DriftError(field: "\(table.source): column '\(spec.name)'", expected: "type \(spec.type.rawValue) as the contract declares", found: column.type.rawValue)
        }
        return column
    }
}
