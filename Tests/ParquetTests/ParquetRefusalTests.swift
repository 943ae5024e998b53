import Foundation
import Parquet
import Testing

/// What the reader refuses, and that each refusal names the file and, where there is one, the column.
@Suite struct ParquetRefusalTests {
    private func refusal(_ file: String) throws -> ParquetError {
        let path = ParquetVectors.path(of: file)
        do {
            _ = try ParquetReader.read(contentsOf: path)
        } catch {
            #expect(error.file == path)
            return error
        }
        Issue.record("\(file) was read, expected a refusal")
        throw CancellationError()
    }

    @Test func aListColumnIsRefusedAsNestedNamingTheColumn() throws {
        let error = try refusal("refused_list")
        #expect(error.column == "tags")
        #expect(error.message.contains("nested") || error.message.contains("repeated"))
    }

    @Test func aStructColumnIsRefusedAsNestedNamingTheColumn() throws {
        let error = try refusal("refused_struct")
        #expect(error.column == "address")
        #expect(error.message.contains("nested"))
    }

    @Test func anEncryptedFooterIsRefused() throws {
        #expect(try refusal("refused_encrypted_footer").message.contains("encrypted footer"))
    }

    @Test func aPlaintextFooterOverEncryptedColumnsIsRefused() throws {
        #expect(try refusal("refused_encrypted_column").message.contains("encrypted"))
    }

    @Test func aFileThatIsNotParquetSaysSoWithItsName() throws {
        let bytes = Array("user_id,age\n1,30\n2,41\n".utf8)
        let error = #expect(throws: ParquetError.self) {
            try bytes.withUnsafeBytes { try ParquetReader.read(bytes: $0, source: "users.parquet") }
        }
        #expect(error?.description.hasPrefix("users.parquet: ") == true)
        #expect(error?.message.contains("PAR1") == true)
    }

    @Test func aFileOfLessThanTwelveBytesIsTooShort() {
        let error = #expect(throws: ParquetError.self) {
            try Array("PAR1PAR1".utf8).withUnsafeBytes { try ParquetReader.read(bytes: $0, source: "t.parquet") }
        }
        #expect(error?.message.contains("too short") == true)
    }

    @Test func aFileLargerThanItsBudgetAllowsIsRefusedBeforeDecoding() throws {
        // The vector declares 100 rows; a budget of 50 values refuses it by its declared size.
        let path = ParquetVectors.path(of: "plain_none_v1")
        let error = #expect(throws: ParquetError.self) {
            try ParquetReader.read(contentsOf: path, limits: ParquetLimits(expansion: 0, floor: 50))
        }
        #expect(error?.message.contains("100 rows") == true)
    }

    @Test func aMissingFileIsAnErrorNamingIt() {
        let error = #expect(throws: ParquetError.self) { try ParquetReader.read(contentsOf: "/nonexistent/x.parquet") }
        #expect(error?.file == "/nonexistent/x.parquet")
    }
}
