import Core
import Foundation
import PostgresState
import StateTestSupport
import Testing
@testable import Registry

/// Which `RegistryRecords` a test runs against. The suite's behavioural tests run against every
/// kind, like GRDB runs one suite against every writer; tests of the files themselves (crash
/// steps, hand edits) run on `.files` only.
/// `.postgres` runs where `DRIFTWATCH_TEST_POSTGRES_URL` names a server (`make test` starts one);
/// without it the reason is printed once and only `.files` runs.
enum RegistryKind: String, CustomTestStringConvertible, Sendable {
    case files
    case postgres

    static let allCases: [RegistryKind] = TestPostgres.skipReason == nil ? [.files, .postgres] : [.files]

    var testDescription: String { rawValue }
}

/// A registry in a fresh temporary directory, removed when the fixture goes away.
final class RegistryFixture {
    let kind: RegistryKind
    let root: URL
    let registry: ModelRegistry
    let model = "churn"
    let actor = "tester@host"

    init(_ kind: RegistryKind = .files) throws {
        self.kind = kind
        root = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)", isDirectory: true)
        switch kind {
        case .files:
            registry = ModelRegistry(root: root)
            pool = nil
        case .postgres:
            // A database of its own per fixture: tests run in parallel without seeing each other.
            let pool = try PostgresPool(address: try TestPostgres.freshDatabase(), password: nil, tls: .disable, size: 4)
            registry = ModelRegistry(records: try PostgresRegistry(pool: pool, artifacts: root))
            self.pool = pool
        }
    }

    private let pool: PostgresPool?

    deinit {
        pool?.shutDown()
        try? FileManager.default.removeItem(at: root)
    }

    var layout: ModelLayout { get throws { try ModelLayout(root: root, model: model) } }

    static func card(
        _ decision: Decision, partition: String = "month_001", eventID: String? = nil, failing gate: GateName? = nil
    ) -> ModelCard {
        let gates = GateName.allCases.map { name in
            GateRecord(
                name: name, passed: name != gate, observed: name == .qualityFloor ? 0.64 : nil,
                required: name == .qualityFloor ? 0.70 : nil, detail: name == gate ? "\(name.rawValue) said no" : "ok")
        }
        return ModelCard(
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), lineage: Lineage(partition: partition, contentHash: "ab12cd34ef56ab12", rows: 1000),
            candidateMetrics: [.auc: 0.8], productionMetrics: nil, gates: gates, decision: decision, eventID: eventID)
    }

    /// Registers versions with the given decisions, in order, and returns their numbers.
    @discardableResult
    func register(_ decisions: [Decision]) throws -> [Int] {
        try decisions.enumerated().map { index, decision in
            try registry.register(
                model: model, artifact: Data("model \(index + 1)".utf8),
                card: Self.card(decision, partition: "month_00\(index + 1)", failing: decision == .kept ? .nonRegression : nil),
                actor: actor
            ).version
        }
    }

    func snapshot() throws -> ModelSnapshot { try registry.snapshot(of: model) }

    /// The aliases as the records store them for readers (aliases.json, or the aliases table),
    /// which must agree with the audit log's replay.
    func storedAliases() throws -> [String: Int] {
        switch kind {
        case .files:
            let file = try JSONFile.read(AliasesFile.self, from: layout.aliases)
            guard try file.auditRecords == auditLines().count else { return [:] }
            return file.aliases
        case .postgres:
            return try TestPostgres.storedAliases(of: model, in: pool!)
        }
    }

    func auditLines() throws -> [String] {
        try String(contentsOf: layout.audit, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Runs only the first step of a registration, the version's files, as a writer killed
    /// right after it would have (file records only).
    func installOnly(artifact: Data, card: ModelCard) throws -> Int {
        let transaction = try FileTransaction.load(layout)
        var state = try RegistryState(model: model, recorded: transaction.recorded, artifacts: ArtifactStore(root: root), transaction: transaction)
        return try state.install(artifact: artifact, card: card)
    }

    /// Appends to audit.jsonl only, as a writer killed before rewriting aliases.json would have.
    func appendToLogOnly(_ records: [AuditRecord]) throws {
        let transaction = try FileTransaction.load(layout)
        try transaction.log.append(records, after: transaction.audit)
    }
}
