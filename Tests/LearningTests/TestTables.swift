import Stats
import Foundation
import Contract
import Tabular
@testable import Learning

/// Tables and contracts built in code, so the tests need no CSV reader.
enum TestTables {
    static func numeric(_ name: String, _ values: [Double?]) -> Column {
        Column(name: name, values: .float(values.map { $0 ?? 0 }), isPresent: values.map { $0 != nil })
    }

    static func boolean(_ name: String, _ values: [Bool?]) -> Column {
        Column(name: name, values: .boolean(values.map { $0 ?? false }), isPresent: values.map { $0 != nil })
    }

    static func categorical(_ name: String, _ values: [String?]) -> Column {
        var categories: [String] = []
        let codes: [Int32] = values.map { value in
            guard let value else { return -1 }
            if let k = categories.firstIndex(of: value) { return Int32(k) }
            categories.append(value)
            return Int32(categories.count - 1)
        }
        return Column(name: name, values: .categorical(codes: codes, categories: categories), isPresent: values.map { $0 != nil })
    }

    static func table(_ columns: [Column], source: String = "test.csv") -> Table {
        Table(source: source, columns: columns, lines: (0..<(columns.first?.count ?? 0)).map { $0 + 2 })
    }

    static func contract(features: [(String, ColumnType)], label: String = "churn", ignored: [String] = []) -> DataContract {
        let specs = features.map { ColumnSpec(name: $0.0, type: $0.1, role: .feature, maxNullRate: 1) }
            + ignored.map { ColumnSpec(name: $0, type: .float, role: .ignored) }
            + [ColumnSpec(name: label, type: .boolean, role: .label)]
        return DataContract(key: nil, tables: [TableSpec(name: "data", columns: specs)])
    }

    /// A churn-like month: numeric, boolean and categorical features with nulls, a label that
    /// depends on them non-linearly. Deterministic for a seed.
    static func churnLike(rows: Int, seed: UInt64) -> (Table, DataContract) {
        var g = SplitMix64(seed: seed)
        func uniform() -> Double { Double(g.next() >> 11) / Double(1 << 53) }
        var tenure: [Double?] = [], charges: [Double?] = [], support: [Bool?] = [], plan: [String?] = []
        var noise: [Double?] = [], churn: [Bool?] = []
        let plans = ["basic", "standard", "premium"]
        for _ in 0..<rows {
            let t = uniform() * 72
            let c = 20 + uniform() * 100
            let s = uniform() < 0.3
            let p = plans[g.nextIndex(below: 3)]
            let z = -1.0 - 0.05 * t + 0.02 * c + (s ? 0.8 : 0) + (p == "basic" ? 0.7 : 0) + (t < 6 && c > 80 ? 2 : 0)
            churn.append(uniform() < 1 / (1 + exp(-z)))
            tenure.append(uniform() < 0.05 ? nil : t)
            charges.append(c)
            support.append(uniform() < 0.02 ? nil : s)
            plan.append(uniform() < 0.03 ? nil : p)
            noise.append(uniform())
        }
        let table = table([
            numeric("tenure", tenure), numeric("charges", charges), boolean("support_calls", support),
            categorical("plan", plan), numeric("row_noise", noise), boolean("churn", churn),
        ])
        let contract = contract(
            features: [("tenure", .float), ("charges", .float), ("support_calls", .boolean), ("plan", .categorical)],
            ignored: ["row_noise"])
        return (table, contract)
    }
}
