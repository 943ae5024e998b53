import Crypto
import Foundation

/// The identity of a partition's content: SHA-256 over its data files, so the same bytes
/// under another name are recognised as a duplicate before any work is done.
public enum PartitionFingerprint {
    /// Hex SHA-256 of a single file, or of a directory's files in name order, each preceded by
    /// its name and size so that renaming or re-splitting files changes the hash. Marker files
    /// (`_SUCCESS`) and hidden files are not content.
    public static func sha256(of path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FingerprintError(path: path, reason: "does not exist")
        }
        var hasher = SHA256()
        if isDirectory.boolValue {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            } catch {
                throw FingerprintError(path: path, reason: "cannot be listed (\(error.localizedDescription))")
            }
            for name in names {
                let file = path + "/" + name
                let data = try read(file)
                hasher.update(data: Data("\(name)\u{0}\(data.count)\u{0}".utf8))
                hasher.update(data: data)
            }
        } else {
            hasher.update(data: try read(path))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw FingerprintError(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }
}

public struct FingerprintError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
