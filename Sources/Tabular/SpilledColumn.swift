import Foundation

/// One column of a table written to the spill folder: its values as raw fixed-width numbers in
/// one file (`<stem>.values`: Int64, Double, Bool, Int32 days or Int32 category codes) and its
/// presence mask in another (`<stem>.mask`, a byte per row). Read back, it is the same `Column`
/// the table in memory would hold.
struct SpilledColumn: Sendable {
    let name: String
    let type: ColumnType
    let count: Int
    /// Categories by code, for a categorical column.
    let categories: [String]
    let valuesPath: String
    let maskPath: String

    func load() throws(TabularError) -> Column {
        let isPresent: [Bool] = try SpillFile.read(maskPath, count: count)
        let values: ColumnValues
        switch type {
        case .integer: values = .integer(try SpillFile.read(valuesPath, count: count))
        case .float: values = .float(try SpillFile.read(valuesPath, count: count))
        case .boolean: values = .boolean(try SpillFile.read(valuesPath, count: count))
        case .date: values = .date(try SpillFile.read(valuesPath, count: count))
        case .categorical: values = .categorical(codes: try SpillFile.read(valuesPath, count: count), categories: categories)
        }
        return Column(name: name, values: values, isPresent: isPresent)
    }
}

/// Writes one column piece by piece (a CSV file's batches of rows, in order). Category codes
/// are renumbered into one list of categories for the whole column.
struct SpilledColumnWriter {
    let name: String
    private let stem: String
    private var type: ColumnType?
    private var count = 0
    private var categories: [String] = []
    private var codeOfCategory: [String: Int32] = [:]
    private let values: SpillFile
    private let mask: SpillFile

    init(name: String, stem: String) throws(TabularError) {
        self.name = name
        self.stem = stem
        values = try SpillFile(creating: stem + ".values")
        mask = try SpillFile(creating: stem + ".mask")
    }

    /// Appends the next rows. Every piece must have the column's type: a column whose type is
    /// inferred per piece could change it, so only declared columns are spilled from CSV.
    mutating func append(_ column: Column, source: String) throws(TabularError) {
        if let type, type != column.type {
            throw TabularError(
                file: source,
                message: "column '\(name)' reads as \(column.type.rawValue) after \(count) rows of \(type.rawValue): declare its type in the contract to read a partition larger than limits.memory")
        }
        type = column.type
        count += column.count
        try mask.append(column.isPresent)
        switch column.values {
        case .integer(let v): try values.append(v)
        case .float(let v): try values.append(v)
        case .boolean(let v): try values.append(v)
        case .date(let v): try values.append(v)
        case .categorical(let codes, let pieceCategories):
            let global = pieceCategories.map { category in
                if let code = codeOfCategory[category] { return code }
                let code = Int32(categories.count)
                codeOfCategory[category] = code
                categories.append(category)
                return code
            }
            try values.append(codes.map { $0 >= 0 && Int($0) < global.count ? global[Int($0)] : -1 })
        }
    }

    func finish() throws(TabularError) -> SpilledColumn {
        try values.close()
        try mask.close()
        return SpilledColumn(
            name: name, type: type ?? .categorical, count: count, categories: categories,
            valuesPath: stem + ".values", maskPath: stem + ".mask")
    }
}

/// A file of the spill folder, written by appending raw arrays and read back whole.
final class SpillFile: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    init(creating path: String) throws(TabularError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.error(path, "cannot be created") }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    func append<T>(_ array: [T]) throws(TabularError) {
        let result = array.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        guard result else { throw Self.error(path, "cannot be written") }
    }

    func close() throws(TabularError) {
        let status = Glibc.close(descriptor)
        descriptor = -1
        guard status == 0 else { throw Self.error(path, "cannot be written") }
    }

    /// The file's `count` values of type T, read straight into the array.
    static func read<T>(_ path: String, count: Int) throws(TabularError) -> [T] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(path, "cannot be opened") }
        defer { _ = Glibc.close(descriptor) }
        var complete = true
        let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var offset = 0
            while offset < raw.count {
                let got = Glibc.read(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if got <= 0 { break }
                offset += got
            }
            complete = offset == raw.count
            // Trivial types only (integers, doubles, booleans): zero-fill what a short file left.
            if !complete, let base = raw.baseAddress { memset(base + offset, 0, raw.count - offset) }
            initialized = count
        }
        guard complete else { throw error(path, "is shorter than the \(count) values written to it: the spill folder was changed while in use") }
        return array
    }

    private static func error(_ path: String, _ what: String) -> TabularError {
        TabularError(file: path, message: "\(what): \(String(cString: strerror(errno))) (a file of the spill folder of a partition larger than limits.memory)")
    }
}
