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
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        return try PartitionLoader.load(path: path, layout: directory ? partitionLayout : nil, options: csvOptions)
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
