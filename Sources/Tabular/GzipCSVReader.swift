import Foundation
import Parquet

/// Reads a gzip-compressed CSV file: the file is inflated as a stream, piece by piece through
/// zlib, and the CSV text parsed by `CSVReader` as if it had been read from disk.
enum GzipCSVReader {
    /// Pieces of the compressed file read at a time.
    static let pieceSize = 1 << 20
    /// Inflated text beyond this many times the compressed size is refused as a gzip bomb
    /// (CSV compresses about 4 to 10 times).
    static let maximumExpansion = 1024

    static func read(contentsOf path: String, options: CSVOptions) throws(TabularError) -> Table {
        let text = try inflate(path)
        let result = text.withUnsafeBytes { raw in
            Result { () throws(TabularError) in try CSVReader.read(bytes: raw, source: path, options: options) }
        }
        return try result.get()
    }

    private static func inflate(_ path: String) throws(TabularError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TabularError(file: path, message: "cannot be opened (expected a readable gzip-compressed CSV file)")
        }
        defer { try? handle.close() }
        var text: [UInt8] = []
        var compressed = 0
        var ended = false
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
                            guard text.count + out.count <= limit else {
                                throw InflateError(message: "inflates to more than \(maximumExpansion) times its compressed size: refused as a gzip bomb")
                            }
                            text.append(contentsOf: out)
                        }
                    }
                }.get()
            }
        } catch {
            throw TabularError(file: path, message: "\(error.message) (expected a gzip-compressed CSV file)")
        }
        guard ended else {
            throw TabularError(file: path, message: "ends before its gzip stream does: the file is truncated (expected a complete gzip-compressed CSV file)")
        }
        return text
    }
}
