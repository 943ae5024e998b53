/// A leaf column of a flat schema: what its values are and whether it can hold nulls.
struct ColumnDescriptor: Sendable {
    let name: String
    let physicalType: PhysicalType
    /// Bytes per value of a FIXED_LEN_BYTE_ARRAY column (0 otherwise).
    let typeLength: Int
    let logicalType: LogicalType
    /// An OPTIONAL column has definition levels (maximum 1); a REQUIRED one has none.
    let isOptional: Bool

    /// The columns of a flat schema: a root whose children are all leaves and none repeated.
    /// A group below the root or a repeated field is a nested schema, refused naming the column.
    static func columns(of schema: [SchemaElement], file: String) throws(ParquetError) -> [ColumnDescriptor] {
        guard let root = schema.first else { throw ParquetError(file: file, message: "has an empty schema: expected at least a root") }
        var columns: [ColumnDescriptor] = []
        for element in schema.dropFirst() {
            if element.childCount > 0 || element.physicalType == nil {
                throw ParquetError(file: file, column: element.name, message: "is a nested group: only flat schemas (one leaf column per field) can be read")
            }
            if element.repetition == 2 {
                throw ParquetError(file: file, column: element.name, message: "is a repeated field: only flat schemas (no lists or repeated values) can be read")
            }
            guard let raw = element.physicalType, let type = PhysicalType(rawValue: raw) else {
                throw ParquetError(file: file, column: element.name, message: "has an unknown physical type \(element.physicalType ?? -1)")
            }
            var width = 0
            if type == .fixedLenByteArray {
                guard let length = element.typeLength, length > 0 else {
                    throw ParquetError(file: file, column: element.name, message: "is a FIXED_LEN_BYTE_ARRAY without a positive type_length")
                }
                width = Int(length)
            }
            columns.append(ColumnDescriptor(
                name: element.name, physicalType: type, typeLength: width, logicalType: element.meaning,
                isOptional: element.repetition == 1))
        }
        guard Int(root.childCount) == columns.count else {
            throw ParquetError(file: file, message: "has a schema whose root declares \(root.childCount) fields but lists \(columns.count): only flat schemas can be read")
        }
        return columns
    }
}
