import ArgumentParser
import Contract
import Foundation

/// How a command line that cannot be parsed is reported: exit status 2 as the README documents
/// (ArgumentParser's own is 64), and an option the command does not know is named before any
/// option that is missing, since the unknown one is usually the missing one misspelt.
enum UsageError {
    /// The message and exit status for a parse error, or nil when ArgumentParser's own handling
    /// is right (help, version, a command's own `ExitCode`).
    static func report(_ error: any Error, arguments: [String]) -> (message: String, status: Int32)? {
        guard Driftwatch.exitCode(for: error) == .validationFailure else { return nil }
        let command = subcommand(of: arguments)
        if let unknown = unknownOption(in: arguments, of: command) {
            let known = optionNames(of: command)
            let hint = NearestWord.suggestion(for: unknown, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            return ("Error: Unknown option '\(unknown)'\(hint)\n" + usage(of: command), 2)
        }
        return (Driftwatch.fullMessage(for: error), 2)
    }

    /// The deepest subcommand the arguments name (`registry promote …` → RegistryPromoteCommand).
    static func subcommand(of arguments: [String]) -> ParsableCommand.Type {
        var command: ParsableCommand.Type = Driftwatch.self
        for argument in arguments {
            if argument == "--" { break }
            guard !argument.hasPrefix("-"),
                  let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == argument })
            else { continue }
            command = next
        }
        return command
    }

    /// The first `--name` that `command` does not accept, as written.
    static func unknownOption(in arguments: [String], of command: ParsableCommand.Type) -> String? {
        let known = Set(optionNames(of: command))
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if !known.contains(name) { return name }
        }
        return nil
    }

    /// Every long option name of `command`, read from its full help (hidden options included).
    static func optionNames(of command: ParsableCommand.Type) -> [String] {
        let help = Driftwatch.helpMessage(for: command, includeHidden: true, columns: 10_000)
        let pattern = /(?:^|[\s,\[(])(--[A-Za-z0-9][A-Za-z0-9-]*)/.anchorsMatchLineEndings()
        return Array(Set(help.matches(of: pattern).map { String($0.output.1) } + ["--help", "--version"])).sorted()
    }

    private static func usage(of command: ParsableCommand.Type) -> String {
        let help = Driftwatch.helpMessage(for: command, columns: 10_000)
        let usageLine = help.split(separator: "\n").first { $0.hasPrefix("USAGE:") } ?? ""
        let name = ([Driftwatch.configuration.commandName ?? "driftwatch"]
            + (command == Driftwatch.self ? [] : [command.configuration.commandName ?? ""])).joined(separator: " ")
        return "Usage: \(usageLine.dropFirst("USAGE:".count).trimmingCharacters(in: .whitespaces))\n  See '\(name) --help' for more information."
    }
}
