import Core
import Foundation

/// Loads a partition as it landed in the inbox: a single table file, or a directory with one
/// file per table that are left-joined onto the base table by the key column. A table file is
/// `<table>.csv`, `<table>.csv.gz` or `<table>.parquet` (`TableFormat`); formats may be mixed.
public enum PartitionLoader {
    /// With a layout, exactly its tables are read and joined in its order. Without one, every
    /// table file is read, the key is the column present in all tables and unique in each, and the base
    /// is the table whose keys cover the most other tables (ties: first by name). Other files
    /// (`_SUCCESS`, hidden files) are ignored.
    public static func load(path: String, layout: PartitionLayout? = nil, options: CSVOptions = CSVOptions()) throws(TabularError) -> Partition {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TabularError(file: path, message: "does not exist: expected a partition directory or a \(TableFormat.endings) file")
        }
        let url = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else {
            let found = TableFormat.table(inFileNamed: url.lastPathComponent)
            let table = try (found?.format ?? .csv).read(contentsOf: path, options: options)
            let name = found?.name ?? url.lastPathComponent
            return Partition(name: name, path: path, tables: [PartitionTable(name: name, table: table)], joined: table, unmatchedRows: [:])
        }
        let available = try tableFiles(in: path)
        let tables: [PartitionTable]
        let key: String
        if let layout {
            let files = try layoutFiles(layout, available: available, directory: url)
            tables = try readTables(files.map(\.path)) { (i) throws(TabularError) -> PartitionTable in
                PartitionTable(name: files[i].name, table: try files[i].format.read(contentsOf: files[i].path, options: options))
            }
            key = layout.key
            if tables.count > 1 {
                for table in tables where table.table.column(named: key) == nil {
                    throw missingKey(key, in: table.table.source)
                }
            }
        } else {
            guard !available.isEmpty else {
                throw TabularError(file: path, message: "no table files: expected one <table>\(TableFormat.endings) per table in the partition")
            }
            let names = available.keys.sorted()
            let paths = names.map { url.appendingPathComponent($0 + (available[$0] ?? .csv).rawValue).path }
            let read = try readTables(paths) { (i) throws(TabularError) -> PartitionTable in
                PartitionTable(name: names[i], table: try (available[names[i]] ?? .csv).read(contentsOf: paths[i], options: options))
            }
            (tables, key) = read.count == 1 ? (read, "") : try inferLayout(of: read, directory: path)
        }
        guard let base = tables.first else {
            throw TabularError(file: path, message: "the layout names no tables: expected at least the base table")
        }
        let join = TableJoin.leftJoin(
            base: .init(name: base.name, table: base.table),
            others: tables.dropFirst().map { .init(name: $0.name, table: $0.table) }, key: key)
        return Partition(name: url.lastPathComponent, path: path, tables: tables, joined: join.table, unmatchedRows: join.unmatched)
    }

    /// The layout's tables that the directory holds, in join order, with their files; a table
    /// the layout needs and the directory lacks is an error.
    static func layoutFiles(
        _ layout: PartitionLayout, available: [String: TableFormat], directory url: URL
    ) throws(TabularError) -> [(name: String, path: String, format: TableFormat)] {
        let present = layout.tables.filter { available[$0] != nil || !layout.optional.contains($0) }
        return try present.map { (name) throws(TabularError) in
            guard let format = available[name] else {
                throw TabularError(
                    file: url.appendingPathComponent("\(name).csv").path,
                    message: "missing table '\(name)': expected \(name).csv, \(name).csv.gz or \(name).parquet in the partition (layout: \(layout.tables.joined(separator: ", ")))")
            }
            return (name, url.appendingPathComponent(name + format.rawValue).path, format)
        }
    }

    static func missingKey(_ key: String, in source: String) -> TabularError {
        TabularError(file: source, line: 1, message: "no key column '\(key)': expected it in the header of every table of the partition")
    }

    /// Reads a partition's tables on all cores (a month is several files, each too small to
    /// keep the cores busy on its own); the first error in table order is the one thrown, as
    /// reading them one after another would.
    private static func readTables(
        _ paths: [String], _ read: @Sendable (Int) throws(TabularError) -> PartitionTable
    ) throws(TabularError) -> [PartitionTable] {
        let bytes = paths.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? Parallel.serialWork)
        }
        let results = Parallel.map(count: paths.count, work: bytes) { i in
            Result { () throws(TabularError) in try read(i) }
        }
        return try results.map { (result) throws(TabularError) in try result.get() }
    }

    /// The table files in the directory by table name. Two files for one table (`users.csv` and
    /// `users.parquet`) are an error: which one holds the month is not for the reader to guess.
    static func tableFiles(in path: String) throws(TabularError) -> [String: TableFormat] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw TabularError(file: path, message: "cannot be read: \(error.localizedDescription) (expected a readable partition directory)")
        }
        var tables: [String: TableFormat] = [:]
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            guard let (name, format) = TableFormat.table(inFileNamed: entry) else { continue }
            if let other = tables[name] {
                throw TabularError(
                    file: path + "/" + entry,
                    message: "table '\(name)' is also in \(name + other.rawValue): expected one file per table")
            }
            tables[name] = format
        }
        return tables
    }

    /// Picks the key (the first column, in the first table's order, that every table has and that
    /// is unique in each) and the base (the table whose keys contain those of the most others).
    private static func inferLayout(of tables: [PartitionTable], directory: String) throws(TabularError) -> ([PartitionTable], String) {
        for candidate in tables[0].table.columnNames {
            let columns = tables.compactMap { $0.table.column(named: candidate) }
            guard columns.count == tables.count else { continue }
            let keys = JoinKey.keys(of: columns)
            guard keys.allSatisfy(JoinKey.areUnique) else { continue }
            let keySets = keys.map { Set($0.compactMap { $0 }) }
            let covered = keySets.indices.map { i in keySets.indices.filter { $0 != i && keySets[$0].isSubset(of: keySets[i]) }.count }
            let best = covered.firstIndex(of: covered.max() ?? 0) ?? 0
            return ([tables[best]] + tables.enumerated().filter { $0.offset != best }.map(\.element), candidate)
        }
        throw TabularError(
            file: directory,
            message: "cannot tell how the tables join: expected a key column present in every table (\(tables.map(\.name).joined(separator: ", "))) and unique in each; give the layout (tables and key)")
    }
}
