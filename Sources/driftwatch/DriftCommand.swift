import Core
import ArgumentParser
import Contract
import Drift
import Foundation
import Reports
import Tabular

/// Compares two partitions feature by feature and writes drift.json and the drift.html page
/// rendered from it, so drift can be checked by hand or in CI before (or without) running the daemon.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Measure per-feature drift of a partition against a reference and write drift.json and drift.html.",
        discussion: "Prints the features sorted by severity. Exit status: 0 done, 1 with --fail-on-drift when drift_share reaches the threshold, 2 bad usage or unreadable input."
    )

    @Option(name: .long, help: "The reference partition: a directory of <table>.csv, .csv.gz or .parquet files, or a single such file.")
    var reference: String

    @Option(name: .long, help: "The partition to compare with the reference (same layout).")
    var current: String

    @Option(name: .long, help: "The data contract. Default: the workspace's contract.")
    var contract: String?

    @Option(name: .long, help: "Directory for drift.json and drift.html. Default: the current directory.")
    var out: String = "."

    /// Which files `--out` receives.
    enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
        case json, html, both
    }

    @Option(name: .long, help: "What to write: json (drift.json), html (drift.html) or both.")
    var format: OutputFormat = .both

    @Option(name: .long, help: "How features are judged: default (KS / PSI), auto (Evidently's selection), or one method for all: ks, psi, chi_square, z_test, jensen_shannon, wasserstein. Default: the workspace's drift.method, else default.")
    var method: DriftMethod?

    @Option(name: .long, help: "drift_share at or above which a retrain is warranted (0 to 1). Default: the workspace's drift.threshold, else 0.2.")
    var threshold: Double?

    @Flag(name: .long, help: "Exit with status 1 when drift_share reaches the threshold.")
    var failOnDrift = false

    @Option(name: .long, help: "Memory the two partitions may take, e.g. 4GiB or 512MiB; larger ones are compared column by column through a spill folder. Default: the workspace's limits.memory, else auto (a quarter of this machine's memory).")
    var memory: MemoryBudget?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let report: DriftReport
        let directory = URL(fileURLWithPath: out)
        var written: [URL] = []
        do {
            let dataContract = try Workspace.contract(explicit: contract, global: global)
            let workspace = try global.workspaceIfPresent()
            var settings = workspace?.config.drift ?? DriftSettings()
            if let method { settings.method = method }
            if let threshold { settings.threshold = threshold }
            let engine = try DriftEngine(settings: settings, contract: dataContract)
            let budget = (memory ?? workspace?.config.limits.memory ?? .auto).byteCount
            if try PartitionSize.estimatedBytes(at: reference) + PartitionSize.estimatedBytes(at: current) <= budget {
                let referencePartition = try dataContract.loadPartition(at: reference)
                let currentPartition = try dataContract.loadPartition(at: current)
                report = try engine.compare(
                    reference: referencePartition.joined, referenceName: referencePartition.name,
                    current: currentPartition.joined, currentName: currentPartition.name
                )
            } else {
                let root = workspace?.spill ?? FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-spill")
                report = try Self.compareSpilled(reference: reference, current: current, contract: dataContract, engine: engine, budget: budget, root: root)
            }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if format != .html {
                let destination = directory.appendingPathComponent(ReportRenderer.driftReportName)
                try JSONFile.write(report, to: destination)
                written.append(destination)
            }
            if format != .json {
                written.append(try ReportRenderer.renderComparison(report, reportDirectory: directory))
            }
        } catch {
            printError(error)
            throw ExitCode(2)
        }
        print(DriftSummary.text(report))
        for file in written { print("wrote \(file.path)") }
        if failOnDrift, report.retrainWarranted {
            throw ExitCode(1)
        }
    }
}

extension DriftCommand {
    /// Compares two partitions larger than the budget column by column, each read through its
    /// own spill folder with half the budget; the folders are removed whatever happens, and any
    /// that a killed run left under `root` are removed first.
    static func compareSpilled(
        reference: String, current: String, contract: DataContract, engine: DriftEngine, budget: Int, root: URL
    ) throws -> DriftReport {
        SpillFolder.removeAbandoned(in: root)
        func name(_ path: String) -> String {
            let file = URL(fileURLWithPath: path).lastPathComponent
            return TableFormat.table(inFileNamed: file)?.name ?? file
        }
        let referenceName = name(reference)
        var currentName = name(current)
        if currentName == referenceName { currentName += ".current" }
        let referenceFolder = try SpillFolder(root: root, partition: referenceName)
        defer { referenceFolder.remove() }
        let currentFolder = try SpillFolder(root: root, partition: currentName)
        defer { currentFolder.remove() }
        ProgressNote.show("\(referenceName): larger than limits.memory (\(MemoryBudget.bytes(budget))), read column by column")
        let referencePartition = try contract.spillPartition(at: reference, into: referenceFolder, budget: budget / 2)
        let currentPartition = try contract.spillPartition(at: current, into: currentFolder, budget: budget / 2)
        ProgressNote.show("comparing \(engine.contract.features.count) features, \(min(referencePartition.columnsAtOnce, currentPartition.columnsAtOnce)) at a time")
        return try engine.compare(
            reference: referencePartition, referenceName: referencePartition.name,
            current: currentPartition, currentName: currentPartition.name)
    }
}

extension DriftMethod: ExpressibleByArgument {}

extension MemoryBudget: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(text: argument)
    }
}
