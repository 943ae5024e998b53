import Foundation
import Parquet
import Testing

/// Every vector file read by the Swift reader holds, column by column and row by row, the values
/// pyarrow reads from it (make_vectors.py wrote both).
@Suite struct ParquetVectorTests {
    @Test func theVectorsAreTheOnesThisSuiteExpects() {
        #expect(ParquetVectors.shared.schema_version == 1)
        #expect(ParquetVectors.shared.files.count >= 37)
    }

    @Test(arguments: ParquetVectors.shared.files.keys.sorted())
    func readsTheValuesPyarrowReads(file: String) throws {
        let vectors = ParquetVectors.shared
        let name = try #require(vectors.files[file])
        let dataset = try #require(vectors.datasets[name])
        let path = ParquetVectors.path(of: file)
        let table = try ParquetReader.read(contentsOf: path)
        #expect(table.rowCount == dataset.rows)
        #expect(Set(table.columns.map(\.name)) == Set(dataset.columns.keys.filter { !$0.contains(":") }))
        for column in table.columns {
            let expected = try #require(dataset.columns[column.name])
            #expect(column.isPresent.count == dataset.rows)
            let read = expectedForm(column, typed: try column.typedValues(file: path))
            #expect(matches(read, expected), "\(file): column \(column.name)")
            if let stored = dataset.columns[column.name + ":stored"] {
                #expect(storedIntegers(column) == stored, "\(file): column \(column.name), stored integers")
            }
        }
    }
}
