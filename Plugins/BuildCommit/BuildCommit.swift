import Foundation
import PackagePlugin

/// Gives the executable the git commit it is built from, on every build and with a plain
/// `swift build`: a prebuild step writes `BuildCommit.swift` into the build folder (never into
/// the source tree, so building leaves the tree clean), rewriting it only when the commit changed
/// so an unchanged commit recompiles nothing. Outside a git checkout the commit is "unknown".
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        return [.prebuildCommand(
            displayName: "Recording the git commit of \(target.name)",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", Self.script, "build-commit", context.package.directoryURL.path, output.path],
            outputFilesDirectory: output)]
    }

    /// $1: the package directory, $2: where BuildCommit.swift goes. A tree with uncommitted
    /// changes to tracked files is marked `-dirty`, so a binary never claims a commit it is not.
    static let script = #"""
        commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
        if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
            commit="$commit-dirty"
        fi
        mkdir -p "$2"
        text="/// Written by the BuildCommit plugin at build time.
        enum BuildCommit { static let id = \"$commit\" }"
        [ "$(cat "$2/BuildCommit.swift" 2>/dev/null)" = "$text" ] || printf '%s\n' "$text" > "$2/BuildCommit.swift"
        """#
}
