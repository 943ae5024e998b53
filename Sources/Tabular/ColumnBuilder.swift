/// One column under construction: the typed values so far, the null mask, and (for a declared
/// type) the values that did not parse. A column without a declared type starts untyped and
/// widens as values demand: integer → float → categorical, boolean or date → categorical.
struct ColumnBuilder {
    let name: String
    let declared: ColumnType?
    /// nil while the column has held only nulls (inference only).
    private(set) var type: ColumnType?
    private(set) var present: [Bool] = []
    private var integers: [Int64] = []
    private var floats: [Double] = []
    private var booleans: [Bool] = []
    private var dates: [Int32] = []
    private var codes: [Int32] = []
    private var categories = ByteInterner()
    private(set) var invalidValues: [InvalidValue] = []
    /// Rows expected in all, so that arrays are sized once, also after the type changes.
    private var expectedRows = 0

    init(name: String, declared: ColumnType?) {
        self.name = name
        self.declared = declared
        self.type = declared
    }

    var count: Int { present.count }

    /// The narrowest of the two types that holds the values of both (nil: no values yet).
    static func common(_ a: ColumnType?, _ b: ColumnType?) -> ColumnType? {
        guard let a else { return b }
        guard let b else { return a }
        if a == b { return a }
        if Set([a, b]) == [.integer, .float] { return .float }
        return .categorical
    }

    mutating func reserveCapacity(_ rows: Int) {
        expectedRows = rows
        present.reserveCapacity(rows)
        HugePages.advise(&present)
        switch type {
        case .integer:
            integers.reserveCapacity(rows)
            HugePages.advise(&integers)
        case .float:
            floats.reserveCapacity(rows)
            HugePages.advise(&floats)
        case .boolean:
            booleans.reserveCapacity(rows)
            HugePages.advise(&booleans)
        case .date:
            dates.reserveCapacity(rows)
            HugePages.advise(&dates)
        case .categorical:
            codes.reserveCapacity(rows)
            HugePages.advise(&codes)
        case nil: break
        }
    }

    /// Appends a null row.
    @inline(__always)
    mutating func appendNull() {
        present.append(false)
        appendPlaceholder()
    }

    /// Appends one field's content. Returns false, appending nothing, when an inferred column
    /// meets a value only a categorical column can hold: the caller then calls
    /// `restartAsCategorical()` and feeds the rows again.
    @inline(__always)
    mutating func append(_ field: UnsafeBufferPointer<UInt8>, line: Int) -> Bool {
        if let declared {
            if appendParsed(field, as: declared, booleanDigits: true) {
                present.append(true)
            } else {
                appendNull()
                invalidValues.append(InvalidValue(
                    column: name, line: line, text: String(decoding: field, as: UTF8.self), expected: declared))
            }
            return true
        }
        switch type {
        case .integer:
            if let v = FieldText.integer(field) {
                integers.append(v)
            } else if let v = FieldText.float(field) {
                widenToFloat()
                floats.append(v)
            } else {
                return false
            }
        case .some(let current):
            guard appendParsed(field, as: current, booleanDigits: false) else { return false }
        case nil:
            let inferred = Self.inferredType(of: field)
            adopt(inferred)
            _ = appendParsed(field, as: inferred, booleanDigits: false)  // parses: that is how it was inferred
        }
        present.append(true)
        return true
    }

    mutating func shiftInvalidValueLines(by delta: Int) {
        invalidValues = invalidValues.map { InvalidValue(column: $0.column, line: $0.line + delta, text: $0.text, expected: $0.expected) }
    }

    /// Drops the values so the rows can be fed again, this time as text.
    mutating func restartAsCategorical() {
        let rows = expectedRows
        self = ColumnBuilder(name: name, declared: declared)
        type = .categorical
        reserveCapacity(rows)
    }

    /// Converts an integer column to float. Exact: Double(Int64) rounds to nearest like strtod would.
    mutating func widenToFloat() {
        floats = integers.map { Double($0) }
        integers = []
        type = .float
    }

    /// Gives an untyped (all-null) column its type.
    mutating func adopt(_ newType: ColumnType) {
        type = newType
        reserveCapacity(max(expectedRows, present.count))
        for _ in 0..<present.count { appendPlaceholder() }
    }

    /// Appends another builder's rows; both must have the same type by now.
    mutating func append(contentsOf other: ColumnBuilder) {
        present.append(contentsOf: other.present)
        invalidValues.append(contentsOf: other.invalidValues)
        switch type {
        case .integer: integers.append(contentsOf: other.integers)
        case .float: floats.append(contentsOf: other.floats)
        case .boolean: booleans.append(contentsOf: other.booleans)
        case .date: dates.append(contentsOf: other.dates)
        case .categorical:
            let remap = (0..<other.categories.count).map { code in
                other.categories.withCategory(code) { categories.intern($0) }
            }
            codes.append(contentsOf: other.codes.lazy.map { $0 < 0 ? -1 : remap[Int($0)] })
        case nil: break
        }
    }

    /// The finished column; a column of only nulls becomes categorical with no categories.
    func makeColumn() -> Column {
        var builder = self
        if builder.type == nil { builder.adopt(.categorical) }
        let values: ColumnValues
        switch builder.type ?? .categorical {
        case .integer: values = .integer(builder.integers)
        case .float: values = .float(builder.floats)
        case .boolean: values = .boolean(builder.booleans)
        case .date: values = .date(builder.dates)
        case .categorical: values = .categorical(codes: builder.codes, categories: builder.categories.strings())
        }
        return Column(name: name, values: values, isPresent: builder.present)
    }

    /// The type a first non-null value suggests: integer, then float, boolean (words only, so a
    /// 0/1 column stays integer), date, and text for everything else.
    private static func inferredType(of field: UnsafeBufferPointer<UInt8>) -> ColumnType {
        if FieldText.integer(field) != nil { return .integer }
        if FieldText.float(field) != nil { return .float }
        if FieldText.boolean(field, acceptDigits: false) != nil { return .boolean }
        if FieldText.date(field) != nil { return .date }
        return .categorical
    }

    @inline(__always)
    private mutating func appendParsed(_ field: UnsafeBufferPointer<UInt8>, as type: ColumnType, booleanDigits: Bool) -> Bool {
        switch type {
        case .integer:
            guard let v = FieldText.integer(field) else { return false }
            integers.append(v)
        case .float:
            guard let v = FieldText.float(field) else { return false }
            floats.append(v)
        case .boolean:
            guard let v = FieldText.boolean(field, acceptDigits: booleanDigits) else { return false }
            booleans.append(v)
        case .date:
            guard let v = FieldText.date(field) else { return false }
            dates.append(v)
        case .categorical:
            codes.append(categories.intern(field))
        }
        return true
    }

    @inline(__always)
    private mutating func appendPlaceholder() {
        switch type {
        case .integer: integers.append(0)
        case .float: floats.append(0)
        case .boolean: booleans.append(false)
        case .date: dates.append(0)
        case .categorical: codes.append(-1)
        case nil: break
        }
    }
}
