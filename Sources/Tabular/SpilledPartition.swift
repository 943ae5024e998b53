import Foundation

/// A partition larger than the memory budget, read column by column instead of whole.
///
/// Preparing it reads each table once: a CSV file in batches of rows, each batch's declared
/// columns appended to their files in the spill folder (`SpilledColumn`); a Parquet file only its
/// footer, since its columns can be read one at a time from the file itself. The join keeps the
/// key columns only while it matches rows and spills the matches, one file per joined table.
/// `loadColumn` then reads one column (and joins it) when a computation asks for it, so at no
/// time is more than a few columns in memory.
public struct SpilledPartition: ColumnSource {
    public let name: String
    public let source: String
    public let rowCount: Int
    public let columnNames: [String]
    public let columnsAtOnce: Int
    /// Per joined table: how many base rows found no match (their columns are null there).
    public let unmatchedRows: [String: Int]
    private let tables: [SpilledTable]
    /// Joined column name → (table index, the column's name in that table).
    private let origin: [String: (table: Int, column: String)]
    /// Per table, the file of its matched rows (Int64 per base row, -1: no match); nil for the base.
    private let matchFiles: [String?]

    /// CSV text read per batch while spilling: a small share of the budget.
    static func batchBytes(budget: Int) -> Int { max(1, budget / 16) }

    /// Bytes a column takes a row while drift works on it: values and mask, the present values
    /// as Double and their sorted copy with the sort's scratch space.
    static let bytesPerRowAtWork = 40

    /// Reads the partition at `path` (a table file, or a directory of them joined as `layout`
    /// says) into `folder`, as `PartitionLoader.load` would read it into memory.
    /// Tests make `chunkSize` small to read a small file in many batches.
    public static func spill(
        path: String, layout: PartitionLayout?, options: CSVOptions, into folder: SpillFolder, budget: Int
    ) throws(TabularError) -> SpilledPartition {
        try spill(path: path, layout: layout, options: options, into: folder, budget: budget, chunkSize: CSVReader.defaultChunkSize)
    }

    static func spill(
        path: String, layout: PartitionLayout?, options: CSVOptions, into folder: SpillFolder, budget: Int, chunkSize: Int
    ) throws(TabularError) -> SpilledPartition {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TabularError(file: path, message: "does not exist: expected a partition directory or a \(TableFormat.endings) file")
        }
        let url = URL(fileURLWithPath: path)
        let files: [(name: String, path: String, format: TableFormat)]
        var key = ""
        if isDirectory.boolValue {
            let available = try PartitionLoader.tableFiles(in: path)
            if let layout {
                files = try PartitionLoader.layoutFiles(layout, available: available, directory: url)
                key = layout.key
            } else if available.count == 1, let only = available.first {
                files = [(only.key, url.appendingPathComponent(only.key + only.value.rawValue).path, only.value)]
            } else {
                throw TabularError(file: path, message: "is larger than limits.memory and has \(available.count) table files: expected the contract's layout (tables and key) to read it column by column")
            }
        } else {
            let found = TableFormat.table(inFileNamed: url.lastPathComponent)
            files = [(found?.name ?? url.lastPathComponent, path, found?.format ?? .csv)]
        }
        guard !files.isEmpty else {
            throw TabularError(file: path, message: "the layout names no tables: expected at least the base table")
        }
        let batchBytes = batchBytes(budget: budget)
        let tables = try files.enumerated().map { (i, file) throws(TabularError) in
            try SpilledTable.read(
                file.path, format: file.format, options: options, stem: folder.url.appendingPathComponent("t\(i)").path,
                batchBytes: batchBytes, chunkSize: chunkSize)
        }
        let base = tables[0]
        var names = base.columnNames
        var origin = Dictionary(uniqueKeysWithValues: base.columnNames.map { ($0, (table: 0, column: $0)) })
        var matchFiles: [String?] = [nil]
        var unmatched: [String: Int] = [:]
        if tables.count > 1 {
            var naming = JoinedNames(base: base.columnNames)
            guard let baseKey = try base.column(named: key) else { throw PartitionLoader.missingKey(key, in: base.source) }
            for (i, table) in tables.enumerated().dropFirst() {
                guard let otherKey = try table.column(named: key) else { throw PartitionLoader.missingKey(key, in: table.source) }
                let keys = JoinKey.keys(of: [baseKey, otherKey])
                let matches = TableJoin.matches(of: keys[0], in: keys[1])
                unmatched[files[i].name] = matches.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
                let matchFile = try SpillFile(creating: folder.url.appendingPathComponent("t\(i).matches").path)
                try matchFile.append(matches.map { Int64($0 ?? -1) })
                try matchFile.close()
                matchFiles.append(matchFile.path)
                for column in table.columnNames where column != key {
                    let joinedName = naming.name(for: column, of: files[i].name)
                    names.append(joinedName)
                    origin[joinedName] = (i, column)
                }
            }
        }
        let perColumn = max(base.rowCount, 1) * bytesPerRowAtWork
        return SpilledPartition(
            name: TableFormat.table(inFileNamed: url.lastPathComponent)?.name ?? url.lastPathComponent,
            source: base.source, rowCount: base.rowCount, columnNames: names,
            columnsAtOnce: max(1, budget / perColumn), unmatchedRows: unmatched,
            tables: tables, origin: origin, matchFiles: matchFiles)
    }

    public func loadColumn(named name: String) throws(TabularError) -> Column? {
        guard let place = origin[name], let read = try tables[place.table].column(named: place.column) else { return nil }
        guard let matchFile = matchFiles[place.table] else { return read }
        let matches: [Int64] = try SpillFile.read(matchFile, count: rowCount)
        return read.gathered(rows: matches.map { $0 < 0 ? nil : Int($0) }, name: name)
    }
}

/// One table of a spilled partition: its CSV columns in the spill folder, or its Parquet file.
struct SpilledTable: Sendable {
    let source: String
    let rowCount: Int
    let columnNames: [String]
    private let storage: Storage

    enum Storage: Sendable {
        /// The declared columns (every column when none are declared) by name.
        case spilled([String: SpilledColumn])
        case parquet(options: CSVOptions)
    }

    static func read(
        _ path: String, format: TableFormat, options: CSVOptions, stem: String, batchBytes: Int, chunkSize: Int
    ) throws(TabularError) -> SpilledTable {
        switch format {
        case .parquet:
            let file = try ParquetTableReader.readColumns(contentsOf: path, named: [], options: options)
            return SpilledTable(source: path, rowCount: file.lines.count, columnNames: file.schemaNames, storage: .parquet(options: options))
        case .csv, .gzipCSV:
            var writers: [SpilledColumnWriter] = []
            var names: [String] = []
            var rows = 0
            let append = { (batch: Table) throws(TabularError) in
                if names.isEmpty, writers.isEmpty {
                    names = batch.columnNames
                    let kept = names.indices.filter { options.columnTypes?[names[$0]] != nil || options.columnTypes == nil }
                    writers = try kept.map { (j) throws(TabularError) in try SpilledColumnWriter(name: names[j], stem: "\(stem).c\(j)") }
                }
                for j in writers.indices {
                    guard let column = batch.column(named: writers[j].name) else { continue }
                    try writers[j].append(column, source: path)
                }
                rows += batch.rowCount
            }
            if format == .csv {
                try CSVReader.readBatches(contentsOf: path, options: options, chunkSize: chunkSize, batchBytes: batchBytes, append)
            } else {
                try GzipCSVReader.readBatches(
                    contentsOf: path, options: options, scratch: URL(fileURLWithPath: "\(stem).csv"), chunkSize: chunkSize,
                    batchBytes: batchBytes, append)
            }
            let columns = try writers.map { (writer) throws(TabularError) in try writer.finish() }
            return SpilledTable(
                source: path, rowCount: rows, columnNames: names,
                storage: .spilled(Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })))
        }
    }

    func column(named name: String) throws(TabularError) -> Column? {
        switch storage {
        case .spilled(let columns):
            return try columns[name]?.load()
        case .parquet(let options):
            guard columnNames.contains(name) else { return nil }
            return try ParquetTableReader.readColumns(contentsOf: source, named: [name], options: options).columns.first
        }
    }
}
