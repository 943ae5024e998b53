import Contract
import Tabular

/// Turns contract features into model inputs. It is fitted on training rows only and saved in
/// the artifact, so a loaded model sees exactly the inputs it was trained on.
public struct FeatureEncoder: Codable, Sendable, Equatable {
    public var missingValues: MissingValueHandling
    public var features: [EncodedFeature]

    public init(missingValues: MissingValueHandling, features: [EncodedFeature]) {
        self.missingValues = missingValues
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case missingValues = "missing_values"
        case features
    }

    /// Fits on `rows` of `table` the features the contract names (role `feature`, contract order).
    public init(fitting table: Table, rows: [Int], contract: DataContract, missingValues: MissingValueHandling) throws {
        let specs = contract.features
        guard !specs.isEmpty else { throw LearningError.noFeatures }
        self.missingValues = missingValues
        self.features = try specs.map { spec in
            guard let column = table.column(named: spec.name) else {
                throw LearningError.missingColumn(name: spec.name, source: table.source)
            }
            return EncodedFeature(fitting: column, rows: rows, type: spec.type, missingValues: missingValues)
        }
    }

    /// The number of model inputs.
    public var width: Int { features.reduce(0) { $0 + $1.width } }

    /// Input names in matrix order, e.g. `tenure`, `tenure__missing`, `plan=basic`, `plan=__unknown__`.
    public var outputNames: [String] { features.flatMap(\.outputNames) }

    /// Encodes `rows` of `table` (every row when nil).
    public func encode(_ table: Table, rows: [Int]? = nil) throws -> FeatureMatrix {
        let rows = rows ?? Array(0..<table.rowCount)
        let columns = try resolveColumns(in: table)
        let width = self.width
        var values = [Double](repeating: 0, count: rows.count * width)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }  // no rows
            encode(columns: columns, rows: rows[...], into: base, width: width)
        }
        return FeatureMatrix(rows: rows.count, columns: width, values: values)
    }

    /// The table's column for every feature, in feature order.
    func resolveColumns(in table: Table) throws -> [Column] {
        try features.enumerated().map { k, feature in
            // A serving request's table holds the signature's columns in its order: the same
            // position is tried first, so a one-row score makes no search per feature.
            let same = k < table.columns.count && table.columns[k].name == feature.name ? table.columns[k] : nil
            guard let column = same ?? table.column(named: feature.name) else {
                throw LearningError.missingColumn(name: feature.name, source: table.source)
            }
            if feature.categories == nil && column.type == .categorical {
                throw LearningError.columnType(
                    name: feature.name, source: table.source, expected: "numeric or boolean", found: column.type)
            }
            return column
        }
    }

    /// Writes `rows` into a zeroed row-major block of `rows.count · width` values. Used in chunks
    /// for prediction, so that scoring a large table needs no matrix of its full size.
    func encode(columns: [Column], rows: ArraySlice<Int>, into base: UnsafeMutablePointer<Double>, width: Int) {
        var offset = 0
        for (feature, column) in zip(features, columns) {
            feature.write(column: column, rows: rows, into: base + offset, stride: width, missingValues: missingValues)
            offset += feature.width
        }
    }
}

/// What an encoder does with a null: impute it (median, or 0 for booleans) and flag it in an
/// extra input, for linear models; or pass NaN through for models that route missing values
/// themselves (gradient-boosted trees).
public enum MissingValueHandling: String, Codable, Sendable {
    case impute
    case native
}

/// One contract feature's fitted encoding.
public struct EncodedFeature: Codable, Sendable, Equatable {
    public static let unknownCategory = "__unknown__"

    public var name: String
    public var type: ColumnType
    /// True when the training rows had nulls: an extra 0/1 input says "was missing".
    /// Never set for numeric and boolean features under native missing-value handling.
    public var missingIndicator: Bool
    /// The value a null numeric or boolean input is replaced by (impute handling only).
    public var fill: Double
    /// Numeric inputs become `(x - center) / scale`; 0 and 1 when not standardised.
    public var center: Double
    public var scale: Double
    /// Categories seen in training, sorted; one input each, then one for any other category.
    public var categories: [String]?

    enum CodingKeys: String, CodingKey {
        case name, type
        case missingIndicator = "missing_indicator"
        case fill, center, scale, categories
    }

    public init(
        name: String, type: ColumnType, missingIndicator: Bool, fill: Double = 0, center: Double = 0,
        scale: Double = 1, categories: [String]? = nil
    ) {
        self.name = name
        self.type = type
        self.missingIndicator = missingIndicator
        self.fill = fill
        self.center = center
        self.scale = scale
        self.categories = categories
    }

    init(fitting column: Column, rows: [Int], type: ColumnType, missingValues: MissingValueHandling) {
        let hasNulls = rows.contains { !column.isPresent[$0] }
        switch type {
        case .categorical:
            var seen = Set<String>()
            for r in rows { if let text = column.text(at: r) { seen.insert(text) } }
            self.init(name: column.name, type: type, missingIndicator: hasNulls, categories: seen.sorted())
        case .boolean:
            self.init(name: column.name, type: type, missingIndicator: hasNulls && missingValues == .impute)
        case .integer, .float, .date:
            guard missingValues == .impute else {
                self.init(name: column.name, type: type, missingIndicator: false)
                return
            }
            let present = rows.compactMap { column.double(at: $0) }
            let fill = Self.median(present) ?? 0
            // Mean and spread of the imputed column, as a scaler placed after an imputer sees it.
            let nulls = Double(rows.count - present.count)
            let count = Double(rows.count)
            let mean = count == 0 ? 0 : (present.reduce(0, +) + nulls * fill) / count
            let squares = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } + nulls * (fill - mean) * (fill - mean)
            let deviation = count == 0 ? 0 : (squares / count).squareRoot()
            // A constant column keeps scale 1, as scikit-learn's StandardScaler does, instead of dividing by zero.
            let scale = deviation.isFinite && deviation > 10 * Double.ulpOfOne * max(1, abs(mean)) ? deviation : 1
            self.init(
                name: column.name, type: type, missingIndicator: hasNulls, fill: fill,
                center: mean.isFinite ? mean : 0, scale: scale)
        }
    }

    /// The middle value, or the mean of the two middle values, as numpy's median. Found by
    /// selection rather than sorting: a million-row column costs one pass or two, not a sort.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var work = values
        let mid = work.count / 2
        let upper = select(&work, rank: mid)
        guard work.count % 2 == 0 else { return upper }
        // After selecting `mid`, every value below index mid is ≤ upper: the lower middle is their maximum.
        let lower = work[..<mid].max() ?? upper
        return (lower + upper) / 2
    }

    /// Rearranges `values` so that `values[rank]` is the value a full sort would put there, with
    /// nothing larger before it; returns it. Quickselect with a median-of-three pivot, falling back
    /// to sorting the remaining range if it fails to shrink quickly (adversarial orders).
    static func select(_ values: inout [Double], rank: Int) -> Double {
        var low = 0, high = values.count - 1
        var budget = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        while low < high {
            budget -= 1
            if budget == 0 {
                values[low...high].sort()
                break
            }
            let middle = low + (high - low) / 2
            let pivot = [values[low], values[middle], values[high]].sorted()[1]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                break
            }
        }
        return values[rank]
    }

    var width: Int {
        (categories.map { $0.count + 1 } ?? 1) + (missingIndicator ? 1 : 0)
    }

    var outputNames: [String] {
        var names = categories.map { ($0 + [Self.unknownCategory]).map { "\(name)=\($0)" } } ?? [name]
        if missingIndicator { names.append("\(name)__missing") }
        return names
    }

    /// Writes this feature's inputs for `rows` at `base`, `base + stride`, … (the block is zeroed).
    func write(
        column: Column, rows: ArraySlice<Int>, into base: UnsafeMutablePointer<Double>, stride: Int,
        missingValues: MissingValueHandling
    ) {
        let present = column.isPresent
        if let categories {
            let unknown = categories.count
            let indicator = missingIndicator ? unknown + 1 : nil
            let slotOf = categorySlots(column: column, categories: categories)
            for (k, r) in rows.enumerated() {
                let slot = present[r] ? slotOf(r) : (indicator ?? unknown)
                base[k * stride + slot] = 1
            }
            return
        }
        let missing: Double = missingValues == .impute ? fill : .nan
        let standardised = type.isNumeric
        let center = standardised ? self.center : 0
        let scale = standardised ? self.scale : 1
        withNumericValues(of: column) { value in
            for (k, r) in rows.enumerated() {
                let x = present[r] ? value(r) : missing
                base[k * stride] = (x - center) / scale
                if missingIndicator && !present[r] { base[k * stride + 1] = 1 }
            }
        }
    }

    /// Maps a row to its one-hot slot; categories unseen in training go to the unknown slot.
    private func categorySlots(column: Column, categories: [String]) -> (Int) -> Int {
        let unknown = categories.count
        // A few categories (the usual case) are found sooner by comparing than through a
        // dictionary built for the call, which a one-row serving request would pay per feature.
        let slot: (String) -> Int
        if categories.count <= 16 {
            slot = { categories.firstIndex(of: $0) ?? unknown }
        } else {
            let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
            slot = { index[$0] ?? unknown }
        }
        if case .categorical(let codes, let columnCategories) = column.values {
            let slotOfCode = columnCategories.map(slot)
            return { r in
                let code = Int(codes[r])
                return slotOfCode.indices.contains(code) ? slotOfCode[code] : unknown
            }
        }
        return { r in column.text(at: r).map(slot) ?? unknown }
    }

    /// Calls `body` with a row → Double reader specialised to the column's storage.
    private func withNumericValues(of column: Column, _ body: ((Int) -> Double) -> Void) {
        switch column.values {
        case .integer(let v): body { Double(v[$0]) }
        case .float(let v): body { v[$0] }
        case .boolean(let v): body { v[$0] ? 1 : 0 }
        case .date(let v): body { Double(v[$0]) }
        case .categorical: body { _ in .nan }
        }
    }
}
