import Foundation
import Parquet

/// Reads a gzip-compressed CSV file: the file is inflated as a stream, piece by piece through
/// zlib, and the CSV text parsed by `CSVReader` as if it had been read from disk. Errors name the
/// `.csv.gz` file, also when the text went through a spill file first.
enum GzipCSVReader {
    /// Pieces of the compressed file read at a time.
    static let pieceSize = 1 << 20
    /// Inflated text beyond this many times the compressed size is refused as a gzip bomb
    /// (CSV compresses about 4 to 10 times).
    static let maximumExpansion = 1024

    /// The whole table, inflated in memory: for a partition within the memory budget.
    static func read(contentsOf path: String, options: CSVOptions) throws(TabularError) -> Table {
        var text: [UInt8] = []
        try inflate(path) { (piece) throws(TabularError) in text.append(contentsOf: piece) }
        let result = text.withUnsafeBytes { raw in
            Result { () throws(TabularError) in try CSVReader.read(bytes: raw, source: path, options: options) }
        }
        return try result.get()
    }

    /// The table in batches, as `CSVReader.readBatches`, for a partition over the budget: the text
    /// is inflated into `scratch` (a file in the spill folder, removed before returning) and read
    /// from there mapped, so neither the text nor the table is ever whole in memory.
    static func readBatches(
        contentsOf path: String, options: CSVOptions, scratch: URL, chunkSize: Int, batchBytes: Int,
        _ body: (Table) throws(TabularError) -> Void
    ) throws(TabularError) {
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard FileManager.default.createFile(atPath: scratch.path, contents: nil), let out = FileHandle(forWritingAtPath: scratch.path) else {
            throw TabularError(file: scratch.path, message: "cannot be created in the spill folder (inflating \(path))")
        }
        do {
            defer { try? out.close() }
            try inflate(path) { (piece) throws(TabularError) in
                do {
                    try out.write(contentsOf: piece)
                } catch {
                    throw TabularError(file: scratch.path, message: "cannot be written while inflating \(path): \(error.localizedDescription)")
                }
            }
        }
        try CSVReader.readBatches(contentsOf: scratch.path, source: path, options: options, chunkSize: chunkSize, batchBytes: batchBytes, body)
    }

    /// Hands the inflated text to `sink` a piece at a time; a truncated stream or a gzip bomb is
    /// refused naming the file.
    private static func inflate(_ path: String, into sink: (UnsafeRawBufferPointer) throws(TabularError) -> Void) throws(TabularError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TabularError(file: path, message: "cannot be opened (expected a readable gzip-compressed CSV file)")
        }
        defer { try? handle.close() }
        var inflated = 0
        var compressed = 0
        var ended = false
        // The sink's own error passes through zlib's callback unchanged.
        var sinkError: TabularError?
        do throws(InflateError) {
            let inflater = try Inflater()
            while true {
                let piece: Data
                do {
                    piece = try handle.read(upToCount: pieceSize) ?? Data()
                } catch {
                    throw InflateError(message: "cannot be read: \(error.localizedDescription)")
                }
                if piece.isEmpty { break }
                compressed += piece.count
                let limit = max(1 << 26, compressed * maximumExpansion)
                ended = try piece.withUnsafeBytes { raw in
                    Result { () throws(InflateError) in
                        try inflater.inflate(raw) { (out) throws(InflateError) in
                            inflated += out.count
                            guard inflated <= limit else {
                                throw InflateError(message: "inflates to more than \(maximumExpansion) times its compressed size: refused as a gzip bomb")
                            }
                            do throws(TabularError) {
                                try sink(out)
                            } catch {
                                sinkError = error
                                throw InflateError(message: error.message)
                            }
                        }
                    }
                }.get()
            }
        } catch {
            if let sinkError { throw sinkError }
            throw TabularError(file: path, message: "\(error.message) (expected a gzip-compressed CSV file)")
        }
        guard ended else {
            throw TabularError(file: path, message: "ends before its gzip stream does: the file is truncated (expected a complete gzip-compressed CSV file)")
        }
    }
}
