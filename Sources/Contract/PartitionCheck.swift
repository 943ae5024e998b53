import Foundation
import Tabular

extension DataContract {
    /// How the partition's tables are read and joined, as the contract declares them.
    public var partitionLayout: PartitionLayout {
        PartitionLayout(tables: tables.map(\.name), key: key ?? "", optional: lateLabelTable.map { [$0] } ?? [])
    }

    /// Declared types and null tokens for the CSV reader.
    public var csvOptions: CSVOptions {
        CSVOptions(nullTokens: nullTokens, columnTypes: columnTypes)
    }

    /// Loads a partition the way the contract describes it: a directory of the contract's
    /// tables, or a single table file when the contract has one table.
    public func loadPartition(at path: String) throws(TabularError) -> Partition {
        try PartitionLoader.load(path: path, layout: layout(of: path), options: csvOptions)
    }

    /// Reads a partition larger than the memory budget into `folder`, to be read column by
    /// column (`SpilledPartition`), with the same layout and types as `loadPartition`.
    public func spillPartition(at path: String, into folder: SpillFolder, budget: Int) throws(TabularError) -> SpilledPartition {
        try SpilledPartition.spill(path: path, layout: layout(of: path), options: csvOptions, into: folder, budget: budget)
    }

    /// The contract's layout for a directory partition; nil for a single table file.
    private func layout(of path: String) -> PartitionLayout? {
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        return directory ? partitionLayout : nil
    }
}

/// Load and validate in one step, the way the CLI and the pipeline both need it: a partition
/// that cannot be read is a rejected partition with the reader's located error, not a crash.
public enum PartitionCheck {
    public static func run(path: String, contract: DataContract) -> (report: ValidationReport, partition: Partition?) {
        do {
            let partition = try contract.loadPartition(at: path)
            return (ContractValidator.validate(partition, against: contract), partition)
        } catch {
            let file = URL(fileURLWithPath: path).lastPathComponent
            let name = TableFormat.table(inFileNamed: file)?.name ?? file
            return (ValidationReport.unreadable(partition: name, path: path, error: error), nil)
        }
    }
}
