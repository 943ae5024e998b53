import ArgumentParser
import Contract
import Foundation
import Testing
import Yams
@testable import driftwatch

/// compose.yml against the real CLI and the configuration it mounts: each driftwatch service's
/// command parses with the commands' own types, listens where its ports are published, finds
/// its config, contract and workspace folders mounted (read-only where it must not write), and
/// Prometheus scrapes every service that serves metrics.
@Suite struct ComposeDeploymentTests {
    static let repository = ProcessedWorkspace.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One entry of a service's `volumes:`, with `${VAR:-default}` read as its default.
    struct Mount: Equatable {
        let source: URL
        let target: String
        let readOnly: Bool
    }

    /// A driftwatch service as compose.yml declares it.
    struct Service {
        let name: String
        let command: ParsableCommand
        let mounts: [Mount]
        let publishedPorts: [Int]
        let healthcheck: [String]
        let restart: String?

        /// The mount whose target holds `path` (the longest one), if any.
        func mount(holding path: String) -> Mount? {
            mounts.filter { path == $0.target || path.hasPrefix($0.target + "/") }.max { $0.target.count < $1.target.count }
        }
    }

    static func compose() throws -> [String: Any] {
        try #require(try Yams.load(yaml: String(contentsOf: repository.appendingPathComponent("compose.yml"), encoding: .utf8)) as? [String: Any])
    }

    /// `${NAME:-default}` → default, as compose reads it with NAME unset.
    static func withDefaults(_ text: String) -> String {
        text.replacing(/\$\{[A-Z_]+:-([^}]*)\}/) { String($0.output.1) }
    }

    static func driftwatchServices() throws -> [Service] {
        let services = try #require(try compose()["services"] as? [String: [String: Any]])
        return try services.filter { $0.value["image"] as? String == "driftwatch:local" }.sorted { $0.key < $1.key }.map { name, service in
            let arguments = try #require(service["command"] as? [String], "\(name): command must be a list of arguments")
            let mounts = (service["volumes"] as? [String] ?? []).map { entry in
                let parts = withDefaults(entry).split(separator: ":").map(String.init)
                return Mount(source: repository.appendingPathComponent(parts[0]).standardizedFileURL, target: parts[1], readOnly: parts.dropFirst(2).contains("ro"))
            }
            let ports = (service["ports"] as? [String] ?? []).compactMap { Int(withDefaults($0).split(separator: ":").last ?? "") }
            let healthcheck = (service["healthcheck"] as? [String: Any])?["test"] as? [String] ?? []
            return Service(
                name: name, command: try Driftwatch.parseAsRoot(arguments), mounts: mounts, publishedPorts: ports,
                healthcheck: healthcheck, restart: service["restart"] as? String)
        }
    }

    /// The port each service serves metrics on inside the network (nil: none).
    static func metricsPort(of service: Service, config: WorkspaceConfig) -> Int? {
        switch service.command {
        case let watch as WatchCommand: watch.metrics.metricsPort
        case let worker as WorkerCommand: worker.metrics.metricsPort
        case let serve as ServeCommand: serve.port ?? config.serving.port
        default: nil
        }
    }

    /// The config mounted at the path `--config` names, read as `driftwatch` reads it.
    static func mountedConfig(of service: Service) throws -> (containerPath: String, config: WorkspaceConfig, mount: Mount) {
        let global: GlobalOptions? = switch service.command {
        case let watch as WatchCommand: watch.global
        case let worker as WorkerCommand: worker.global
        case let serve as ServeCommand: serve.global
        default: nil
        }
        let path = try #require(global?.config, "\(service.name): --config must name the mounted driftwatch.yml")
        let mount = try #require(service.mount(holding: path), "\(service.name): \(path) is not mounted")
        #expect(mount.target == path && mount.readOnly, "\(service.name): \(path) must be mounted read-only")
        return (path, try YAMLFile.read(WorkspaceConfig.self, from: mount.source.path), mount)
    }

    @Test func theThreeServicesRunTheCommandsTheIssueNames() throws {
        let services = try Self.driftwatchServices()
        #expect(services.map(\.name) == ["api", "watcher", "worker"])
        for service in services {
            switch (service.name, service.command) {
            case ("watcher", let watch as WatchCommand):
                #expect(watch.noWorker && !watch.once)
                #expect(watch.metrics.metricsPort != nil && watch.metrics.metricsHost == "0.0.0.0")
            case ("worker", let worker as WorkerCommand):
                #expect(!worker.once)
                #expect(worker.metrics.metricsPort != nil && worker.metrics.metricsHost == "0.0.0.0")
            case ("api", is ServeCommand):
                break
            default:
                Issue.record("\(service.name) runs \(type(of: service.command))")
            }
            #expect(service.restart == "unless-stopped", "\(service.name) needs a restart policy")
        }
    }

    @Test func aCommandWithAnOptionTheCLIDoesNotHaveIsRefused() {
        #expect(throws: (any Error).self) { try Driftwatch.parseAsRoot(["worker", "--metrics-prot", "9465"]) }
    }

    @Test func portsAndHealthchecksAgreeWithTheMountedConfig() throws {
        for service in try Self.driftwatchServices() {
            let (_, config, _) = try Self.mountedConfig(of: service)
            let port = try #require(Self.metricsPort(of: service, config: config), "\(service.name) serves nothing to check")
            #expect(service.publishedPorts == [port], "\(service.name) listens on \(port), publishes \(service.publishedPorts)")
            #expect(service.healthcheck.dropFirst().first == "/usr/local/bin/driftwatch-healthcheck")
            #expect(service.healthcheck.dropFirst(2).first == String(port), "\(service.name): the health check must ask port \(port)")
            if let serve = service.command as? ServeCommand {
                #expect((serve.host ?? config.serving.host) == "0.0.0.0", "api must listen beyond the container's loopback")
            }
        }
    }

    @Test func theConfigContractAndWorkspaceFoldersAreMountedWhereTheConfigPutsThem() throws {
        for service in try Self.driftwatchServices() {
            let (path, config, _) = try Self.mountedConfig(of: service)
            let workspace = Workspace(configPath: path, config: config)
            let contract = try #require(service.mount(holding: workspace.contractPath), "\(service.name): the contract \(workspace.contractPath) is not mounted")
            #expect(contract.target == workspace.contractPath && contract.readOnly)
            _ = try DataContract.load(path: contract.source.path)

            // What each process reads and writes: the inbox only ever read.
            let writes: [URL] = service.command is ServeCommand ? [workspace.state, workspace.registry] : [workspace.reports, workspace.registry, workspace.state]
            for folder in writes {
                let mount = try #require(service.mount(holding: folder.path), "\(service.name): \(folder.path) is not mounted")
                #expect(!mount.readOnly, "\(service.name) writes \(folder.path)")
            }
            if !(service.command is ServeCommand) {
                let inbox = try #require(service.mount(holding: workspace.inbox.path), "\(service.name): the inbox is not mounted")
                #expect(inbox.target == workspace.inbox.path && inbox.readOnly, "\(service.name): the inbox must be mounted read-only")
            } else {
                let log = workspace.resolve(config.serving.predictionLog.directory).path
                #expect(service.mount(holding: log)?.readOnly == false, "api writes its prediction log in \(log)")
            }
        }
        // The three share one workspace: the same host folders behind the same paths.
        let services = try Self.driftwatchServices()
        let shared = services.map { Set($0.mounts.filter { $0.target.hasSuffix("/state") || $0.target.hasSuffix("/registry") }.map(\.source)) }
        #expect(Set(shared).count == 1)
    }

    @Test func prometheusScrapesEveryServiceThatServesMetrics() throws {
        let services = try #require(try Self.compose()["services"] as? [String: [String: Any]])
        let volumes = try #require(services["prometheus"]?["volumes"] as? [String])
        let source = try #require(volumes.first { $0.contains(":/etc/prometheus/prometheus.yml") }?.split(separator: ":").first.map(String.init))
        let prometheus = try #require(try Yams.load(yaml: String(contentsOf: Self.repository.appendingPathComponent(source), encoding: .utf8)) as? [String: Any])
        var targets = [String: String]()
        for job in prometheus["scrape_configs"] as? [[String: Any]] ?? [] {
            let path = job["metrics_path"] as? String ?? "/metrics"
            #expect(path == "/metrics")
            for config in job["static_configs"] as? [[String: Any]] ?? [] {
                for target in config["targets"] as? [String] ?? [] { targets[target] = job["job_name"] as? String }
            }
        }
        var expected = [String: String]()
        for service in try Self.driftwatchServices() {
            let (_, config, _) = try Self.mountedConfig(of: service)
            if let port = Self.metricsPort(of: service, config: config) { expected["\(service.name):\(port)"] = service.name }
        }
        #expect(targets == expected)
    }
}
