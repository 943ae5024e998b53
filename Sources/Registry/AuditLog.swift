import Core
import Foundation

/// `audit.jsonl`, read and appended. Appends are fsynced before the registry acts on them,
/// which makes the log a write-ahead journal: whatever it records is completed after a crash.
struct AuditLog {
    let url: URL

    struct Contents {
        var records: [AuditRecord]
        /// Bytes after the last newline that are not a record: an append was interrupted (or,
        /// for a reader without the lock, is still under way). Readers ignore them; a writer
        /// under the lock removes them and records that it did.
        var tornTail: Data?
        /// The last record is complete but lacks its newline (an editor dropped it); the next
        /// append must start on a fresh line.
        var lacksFinalNewline: Bool
    }

    func read() throws -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Contents(records: [], tornTail: nil, lacksFinalNewline: false)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RegistryError.unreadable(path: url.path, problem: error.localizedDescription)
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let tail = lines.removeLast()  // after the last newline; empty when the file ends with one
        var records: [AuditRecord] = []
        for (index, line) in lines.enumerated() {
            records.append(try decode(Data(line), line: index + 1))
        }
        guard !tail.isEmpty else { return Contents(records: records, tornTail: nil, lacksFinalNewline: false) }
        if let last = try? decode(Data(tail), line: lines.count + 1) {
            return Contents(records: records + [last], tornTail: nil, lacksFinalNewline: true)
        }
        return Contents(records: records, tornTail: Data(tail), lacksFinalNewline: false)
    }

    func append(_ records: [AuditRecord], after contents: Contents) throws {
        guard !records.isEmpty else { return }
        let encoder = JSONFile.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        if contents.lacksFinalNewline { data.append(0x0A) }
        for record in records {
            data.append(try encoder.encode(record))
            data.append(0x0A)
        }
        try AtomicFile.append(data, to: url)
    }

    /// Cuts an interrupted append off the end of the log. Only called under the model's lock,
    /// where no other writer can be mid-append.
    func removeTornTail(_ contents: Contents) throws {
        guard let tail = contents.tornTail else { return }
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        let fd = open(url.path, O_WRONLY)
        guard fd >= 0 else { throw RegistryError.io(path: url.path, operation: "open for repair", code: errno) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(size - tail.count)) == 0, fsync(fd) == 0 else {
            throw RegistryError.io(path: url.path, operation: "remove an interrupted last line", code: errno)
        }
    }

    private func decode(_ line: Data, line number: Int) throws -> AuditRecord {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else {
            throw RegistryError.damaged(path: url.path, line: number, problem: "empty line; every line must be one audit record")
        }
        let record: AuditRecord
        do {
            record = try JSONFile.decoder().decode(AuditRecord.self, from: line)
        } catch let error as DecodingError {
            throw RegistryError.damaged(path: url.path, line: number, problem: error.explanation)
        }
        guard record.schemaVersion == AuditRecord.currentSchemaVersion else {
            throw RegistryError.unsupported(schemaVersion: record.schemaVersion, expected: AuditRecord.currentSchemaVersion, path: url.path, line: number)
        }
        return record
    }
}
