import ArgumentParser
import Foundation
import Logging

/// Options every command accepts: where the workspace is and how to log.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace config file. Default: driftwatch.yml in the current directory.")
    var config: String?

    @Option(name: .long, help: "Log format: 'text' for people, 'json' for one object per line.")
    var logFormat: LogFormat = .text

    @Option(name: .long, help: "Least severe log level shown: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// Sets up swift-log once per process and returns the logger for the command.
    func makeLogger(_ label: String) -> Logger {
        LogSetup.bootstrapOnce(format: logFormat, level: logLevel)
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// The workspace named by `--config`, or found in the current directory.
    func workspace() throws -> Workspace {
        try Workspace.open(configPath: config)
    }

    /// The workspace when there is one (`--config`, or driftwatch.yml here), for commands that
    /// also work on loose files; a broken config is still an error.
    func workspaceIfPresent() throws -> Workspace? {
        guard config != nil || FileManager.default.fileExists(atPath: Workspace.configFileName) else { return nil }
        return try workspace()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

private enum LogSetup {
    nonisolated(unsafe) private static var done = false
    private static let lock = NSLock()

    static func bootstrapOnce(format: GlobalOptions.LogFormat, level: Logger.Level) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = EscapingLogHandler(wrapped: StreamLogHandler.standardError(label: label))
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLineLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
