import CZlib

/// A zlib inflate stream that accepts gzip or zlib framing (and gzip members one after another),
/// fed in pieces: Parquet's GZIP pages and gzip-compressed CSV files both go through it.
public final class Inflater {
    private var stream = z_stream()
    private var isOpen = false

    public init() throws(InflateError) {
        // 15 + 32: the largest window, and detect gzip or zlib headers by themselves.
        let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw InflateError(message: "zlib could not start inflating (status \(status))") }
        isOpen = true
    }

    deinit {
        if isOpen { inflateEnd(&stream) }
    }

    /// Inflates `input` (the next piece of the stream), handing each run of output to `output`.
    /// Returns true once the last member's end was seen at the end of `input`.
    @discardableResult
    public func inflate(
        _ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws(InflateError) -> Void
    ) throws(InflateError) -> Bool {
        guard let base = input.baseAddress, input.count > 0 else { return false }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var ended = false
        while stream.avail_in > 0 {
            let (status, produced) = buffer.withUnsafeMutableBytes { out in
                stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, out.count - Int(stream.avail_out))
            }
            if produced > 0 { try buffer.withBytes { (raw) throws(InflateError) in try output(UnsafeRawBufferPointer(rebasing: raw[0..<produced])) } }
            switch status {
            case Z_STREAM_END:
                ended = true
                if stream.avail_in > 0 { inflateReset(&stream) }  // another gzip member follows
            case Z_OK:
                ended = false
            case Z_BUF_ERROR where produced > 0:
                continue
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw InflateError(message: "is not valid gzip data (\(reason))")
            }
        }
        return ended
    }

    /// Inflates a whole buffer that must expand to exactly `size` bytes (a Parquet page).
    static func inflate(_ input: UnsafeRawBufferPointer, size: Int) throws(DecodeError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(size)
        do throws(InflateError) {
            let inflater = try Inflater()
            let ended = try inflater.inflate(input) { (piece) throws(InflateError) in
                guard out.count + piece.count <= size else {
                    throw InflateError(message: "inflates to more than the \(size) bytes the page header declares")
                }
                out.append(contentsOf: piece)
            }
            guard ended else { throw InflateError(message: "ends before its gzip stream does") }
        } catch {
            throw DecodeError("GZIP page \(error.message)")
        }
        guard out.count == size else { throw DecodeError("GZIP page inflates to \(out.count) bytes, the header declares \(size)") }
        return out
    }
}

/// Why a gzip stream could not be inflated.
public struct InflateError: Error, Sendable {
    public let message: String

    public init(message: String) { self.message = message }
}
