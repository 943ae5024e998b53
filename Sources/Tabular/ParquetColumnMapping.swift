import Parquet

/// One Parquet column as a table column of the declared type (see `ParquetTableReader`).
enum ParquetColumnMapping {
    static func column(
        _ source: ParquetColumn, typed: TypedValues, declared: ColumnType?, lines: Range<Int>, nullTokens: NullTokenSet
    ) -> (Column, [InvalidValue]) {
        if case .text(let texts) = typed {
            if declared ?? .categorical == .categorical, let entryOfValue = texts.entryOfValue {
                return (categories(source, texts, entryOfValue: entryOfValue, nullTokens: nullTokens), [])
            }
            return parsed(source.name, isPresent: source.isPresent, declared: declared ?? .categorical, lines: lines, nullTokens: nullTokens) { k, feed in
                texts.withValue(k, feed)
            }
        }
        let (stored, infinities) = storedColumn(source, typed: typed, lines: lines)
        guard let declared, declared != stored.type else { return (stored, infinities) }
        if declared == .float, case .integer(let v) = stored.values {
            return (Column(name: stored.name, values: .float(v.map { Double($0) }), isPresent: stored.isPresent), infinities)
        }
        // Every other mismatch is read from the text a CSV file of the same table holds.
        let text = { (row: Int) -> String in
            if declared == .integer, let v = stored.double(at: row), v == v.rounded(), abs(v) < 9.2e18 { return String(Int64(v)) }
            return stored.text(at: row) ?? ""
        }
        var rowOf: [Int] = []
        rowOf.reserveCapacity(stored.count - stored.nullCount)
        for row in 0..<stored.count where stored.isPresent[row] { rowOf.append(row) }
        let (column, invalid) = parsed(stored.name, isPresent: stored.isPresent, declared: declared, lines: lines, nullTokens: nil) { k, feed in
            var field = text(rowOf[k])
            return field.withUTF8(feed)
        }
        return (column, infinities + invalid)
    }

    /// A dictionary-encoded text column as categories: each dictionary entry is interned once, on
    /// the first row that holds it, so the categories come in order of first appearance as the
    /// CSV reader's do.
    private static func categories(_ source: ParquetColumn, _ texts: ByteArrays, entryOfValue: [Int32], nullTokens: NullTokenSet) -> Column {
        var interner = ByteInterner()
        var codeOfEntry = [Int32?](repeating: nil, count: texts.entryCount)
        var codes: [Int32] = []
        codes.reserveCapacity(source.isPresent.count)
        var isPresent = source.isPresent
        var k = 0
        for row in isPresent.indices where isPresent[row] {
            let entry = Int(entryOfValue[k])
            k += 1
            let code = codeOfEntry[entry] ?? texts.withEntry(entry) { nullTokens.contains($0) ? -1 : interner.intern($0) }
            codeOfEntry[entry] = code
            while codes.count < row { codes.append(-1) }
            codes.append(code)
            if code < 0 { isPresent[row] = false }
        }
        while codes.count < isPresent.count { codes.append(-1) }
        return Column(name: source.name, values: .categorical(codes: codes, categories: interner.strings()), isPresent: isPresent)
    }

    /// Feeds present value k (its bytes through `withField`) to a column builder of the declared
    /// type, as the CSV reader feeds a field: null tokens become nulls, unparsable text an invalid value.
    private static func parsed(
        _ name: String, isPresent: [Bool], declared: ColumnType, lines: Range<Int>, nullTokens: NullTokenSet?,
        withField: (Int, (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) -> (Column, [InvalidValue]) {
        var builder = ColumnBuilder(name: name, declared: declared)
        builder.reserveCapacity(isPresent.count)
        var k = 0
        for row in isPresent.indices {
            guard isPresent[row] else {
                builder.appendNull()
                continue
            }
            withField(k) { field in
                if let nullTokens, nullTokens.contains(field) { builder.appendNull() } else { _ = builder.append(field, line: lines.lowerBound + row) }
            }
            k += 1
        }
        return (builder.makeColumn(), builder.invalidValues)
    }

    /// The column as stored, nulls where the file has them. A float that is NaN is a null too, as
    /// the text `NaN` is in a CSV file; an infinity is no number a CSV float column holds, so it is
    /// an invalid value (null in the column), as the text `inf` is in a declared float column.
    private static func storedColumn(_ source: ParquetColumn, typed: TypedValues, lines: Range<Int>) -> (Column, [InvalidValue]) {
        var isPresent = source.isPresent
        var infinities: [InvalidValue] = []
        func scatter<T>(_ present: [T], placeholder: T) -> [T] {
            var out: [T] = []
            out.reserveCapacity(isPresent.count)
            var k = 0
            for p in isPresent {
                if p { out.append(present[k]); k += 1 } else { out.append(placeholder) }
            }
            return out
        }
        let values: ColumnValues
        switch typed {
        case .boolean(let v): values = .boolean(scatter(v, placeholder: false))
        case .integer(let v): values = .integer(scatter(v, placeholder: 0))
        case .float(let v):
            var all = scatter(v, placeholder: 0)
            for i in all.indices where !all[i].isFinite && isPresent[i] {
                if all[i].isInfinite {
                    infinities.append(InvalidValue(column: source.name, line: lines.lowerBound + i, text: all[i] > 0 ? "inf" : "-inf", expected: .float))
                }
                isPresent[i] = false
                all[i] = 0
            }
            values = .float(all)
        case .date(let v): values = .date(scatter(v, placeholder: 0))
        case .text: preconditionFailure("text columns are parsed, not stored")
        }
        return (Column(name: source.name, values: values, isPresent: isPresent), infinities)
    }
}
