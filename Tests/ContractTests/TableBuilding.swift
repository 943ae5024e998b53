import Tabular

/// Small tables written inline, so each validation test shows the data it is about.
func table(_ source: String, _ columns: [Column], invalid: [InvalidValue] = []) -> Table {
    let rows = columns.first?.count ?? 0
    return Table(source: source, columns: columns, lines: Array(2..<(2 + rows)), invalidValues: invalid)
}

func categorical(_ name: String, _ values: [String?]) -> Column {
    var categories: [String] = []
    var index: [String: Int32] = [:]
    let codes = values.map { value -> Int32 in
        guard let value else { return -1 }
        if let code = index[value] { return code }
        categories.append(value)
        index[value] = Int32(categories.count - 1)
        return index[value]!
    }
    return Column(name: name, values: .categorical(codes: codes, categories: categories), isPresent: values.map { $0 != nil })
}

func integers(_ name: String, _ values: [Int64?]) -> Column {
    Column(name: name, values: .integer(values.map { $0 ?? 0 }), isPresent: values.map { $0 != nil })
}

func floats(_ name: String, _ values: [Double?]) -> Column {
    Column(name: name, values: .float(values.map { $0 ?? 0 }), isPresent: values.map { $0 != nil })
}

func booleans(_ name: String, _ values: [Bool?]) -> Column {
    Column(name: name, values: .boolean(values.map { $0 ?? false }), isPresent: values.map { $0 != nil })
}
