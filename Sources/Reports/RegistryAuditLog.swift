import Core
import Foundation
import Registry

/// Reads a model's `audit.jsonl` for the index's timeline, as any reader without the registry
/// lock must: a last line without its newline may be an append still under way and is skipped.
public enum RegistryAuditLog {
    public static func read(_ url: URL) throws -> [AuditRecord] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError.damaged(path: url.path, line: nil, problem: "cannot be read (\(error.localizedDescription))")
        }
        // What follows the last newline is empty, or an append still under way.
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        let decoder = JSONFile.decoder()
        return try lines.enumerated().compactMap { index, line in
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
            do {
                return try decoder.decode(AuditRecord.self, from: Data(line))
            } catch let error as DecodingError {
                throw ReportError.damaged(path: url.path, line: index + 1, problem: error.explanation)
            }
        }
    }
}
