import Foundation
import Testing
@testable import Contract

private func write(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString).yml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

private let valid = """
    schema_version: 1
    key: id
    tables:
      - name: users
        columns:
          - {name: id, type: categorical, role: key}
          - {name: age, type: integer, max_null_rate: 0.1, min: 0}
      - name: labels
        columns:
          - {name: id, type: categorical, role: key}
          - {name: churned, type: boolean, role: label}
    """

@Test func aValidContractLoadsWithDefaultsForOmittedKeys() throws {
    let contract = try DataContract.load(path: try write(valid))
    #expect(contract.features.map(\.name) == ["age"])
    #expect(contract.label?.name == "churned")
    #expect(contract.columns.map(\.name) == ["id", "age", "churned"])
    #expect(contract.nullTokens == DataContract.defaultNullTokens)
    #expect(contract.unexpectedColumns == .error)
    #expect(contract.columnTypes["age"] == .integer)
}

@Test(arguments: [
    ("key: id", "key: nope", "table 'users' has no key column 'nope'"),
    ("type: integer", "type: number", ":7:27: tables[0].columns[1].type: expected one of integer, float, boolean, date, categorical; found \"number\""),
    ("max_null_rate: 0.1", "max_null_rate: 1.5", "expected a share between 0 and 1, found 1.5"),
    ("schema_version: 1", "schema_version: 9", "field 'schema_version': expected 1, found 9"),
    ("role: label", "role: feature", ""),
    ("- name: labels", "- name: [labels", "not valid YAML at line:column 9:12"),
])
func aBrokenContractNamesTheFileAndTheField(original: String, replacement: String, expected: String) throws {
    let path = try write(valid.replacingOccurrences(of: original, with: replacement))
    if expected.isEmpty {
        // Not every edit is an error: a contract without a label is valid (drift only).
        #expect(try DataContract.load(path: path).label == nil)
        return
    }
    #expect {
        try DataContract.load(path: path)
    } throws: { error in
        let text = "\(error)"
        return text.hasPrefix(path) && text.contains(expected)
    }
}

@Test func theReviewableYAMLReadsBackAsTheSameContractEvenWithAwkwardNames() throws {
    var contract = try DataContract.load(path: try write(valid))
    contract.tables[0].columns.append(ColumnSpec(
        name: "plan: \"gold\" #1", type: .categorical, role: .feature, maxNullRate: 0.05,
        values: ["yes", "", "12", "a\nb", "Month-to-month", "<script>"]))
    contract.tables[0].columns[1].max = 72.5
    contract.rows = RowBounds(min: 10, max: nil)
    let text = ContractYAML.render(contract, comment: "made by a test")
    #expect(text.hasPrefix("# made by a test\nschema_version: 1\n"))
    #expect(text.contains("max_null_rate: 0.05"))
    let path = try write(text)
    #expect(try DataContract.load(path: path) == contract)
}
