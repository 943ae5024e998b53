import Tabular

/// Small tables written inline, so each test shows the data it is about. Row i sits on line
/// i + 2 of `source`, as if read from a CSV file with a header.
public func table(_ source: String, _ columns: [Column], invalid: [InvalidValue] = []) -> Table {
    let rows = columns.first?.count ?? 0
    return Table(source: source, columns: columns, lines: Array(2..<(2 + rows)), invalidValues: invalid)
}

public func categorical(_ name: String, _ values: [String?]) -> Column {
    var categories: [String] = []
    var index: [String: Int32] = [:]
    let codes = values.map { value -> Int32 in
        guard let value else { return -1 }
        if let code = index[value] { return code }
        categories.append(value)
        let code = Int32(categories.count - 1)
        index[value] = code
        return code
    }
    return Column(name: name, values: .categorical(codes: codes, categories: categories), isPresent: values.map { $0 != nil })
}

public func integers(_ name: String, _ values: [Int64?]) -> Column {
    Column(name: name, values: .integer(values.map { $0 ?? 0 }), isPresent: values.map { $0 != nil })
}

public func floats(_ name: String, _ values: [Double?]) -> Column {
    Column(name: name, values: .float(values.map { $0 ?? 0 }), isPresent: values.map { $0 != nil })
}

public func booleans(_ name: String, _ values: [Bool?]) -> Column {
    Column(name: name, values: .boolean(values.map { $0 ?? false }), isPresent: values.map { $0 != nil })
}

/// Deterministic, roughly normal values (a sum of twelve uniforms), so tests need no random
/// seed and can state the shift they apply.
public func bellCurve(count: Int, shift: Double = 0, scale: Double = 1, salt: UInt64 = 1) -> [Double] {
    var state: UInt64 = 0x9E3779B97F4A7C15 &* salt
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    return (0..<count).map { _ in
        let sum = (0..<12).reduce(0.0) { acc, _ in acc + next() }
        return shift + scale * (sum - 6)
    }
}
