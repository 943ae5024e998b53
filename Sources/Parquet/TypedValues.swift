import Foundation

/// A column's present values as what they mean rather than how they are stored: the types a
/// table column can have. Decimals become the nearest Double, unsigned integers are read as
/// unsigned, timestamps become the UTC calendar day they fall on.
public enum TypedValues: Sendable {
    case boolean([Bool])
    case integer([Int64])
    case float([Double])
    /// Days since 1970-01-01.
    case date([Int32])
    /// UTF-8 text (also BYTE_ARRAY without annotation).
    case text(ByteArrays)
}

extension ParquetColumn {
    /// The values by their meaning; a logical type this reader does not map is an error naming
    /// the file and the column.
    public func typedValues(file: String) throws(ParquetError) -> TypedValues {
        func refuse(_ what: String) -> ParquetError {
            ParquetError(file: file, column: name, message: "is \(what), which has no column type here (expected booleans, integers, floats, decimals, dates, timestamps or text)")
        }
        switch (values, logicalType) {
        case (.boolean(let v), .none): return .boolean(v)
        case (.int32(let v), .none), (.int32(let v), .integer(_, true)): return .integer(v.map { Int64($0) })
        case (.int32(let v), .integer(_, false)): return .integer(v.map { Int64(UInt32(bitPattern: $0)) })
        case (.int64(let v), .none), (.int64(let v), .integer(_, true)): return .integer(v)
        case (.int64(let v), .integer(_, false)):
            // Beyond Int64.max an unsigned 64-bit integer only fits a float column.
            if v.allSatisfy({ $0 >= 0 }) { return .integer(v) }
            return .float(v.map { Double(UInt64(bitPattern: $0)) })
        case (.float(let v), .none): return .float(v.map { Double($0) })
        case (.double(let v), .none): return .float(v)
        case (.int32(let v), .decimal(let scale, _)): return .float(v.map { DecimalNumber.double(unscaled: Int64($0), scale: scale) })
        case (.int64(let v), .decimal(let scale, _)): return .float(v.map { DecimalNumber.double(unscaled: $0, scale: scale) })
        case (.bytes(let v), .decimal(let scale, _)):
            return .float((0..<v.count).map { i in v.withValue(i) { DecimalNumber.double(bigEndian: $0, scale: scale) } })
        case (.int32(let v), .date): return .date(v)
        case (.int64(let v), .timestamp(let unitsPerSecond)):
            let perDay = unitsPerSecond * 86_400
            var days: [Int32] = []
            days.reserveCapacity(v.count)
            for t in v {
                let (q, r) = t.quotientAndRemainder(dividingBy: perDay)
                guard let day = Int32(exactly: r < 0 ? q - 1 : q) else {
                    throw ParquetError(file: file, column: name, message: "holds timestamp \(t) beyond the dates a column can hold")
                }
                days.append(day)
            }
            return .date(days)
        case (.bytes(let v), .string): return .text(v)
        case (.bytes(let v), .none) where physicalType == .byteArray: return .text(v)
        case (_, .unsupported(let what)): throw refuse("annotated \(what)")
        default: throw refuse("\(physicalType) annotated \(logicalType)")
        }
    }
}

/// Decimal values (an unscaled integer over 10^scale) as the nearest Double.
enum DecimalNumber {
    static func double(unscaled: Int64, scale: Int32) -> Double {
        scaled(Double(unscaled), scale)
    }

    /// A big-endian two's complement unscaled integer of any length.
    static func double(bigEndian bytes: UnsafeBufferPointer<UInt8>, scale: Int32) -> Double {
        guard let first = bytes.first else { return 0 }
        if bytes.count <= 8 {
            var v: Int64 = first & 0x80 != 0 ? -1 : 0
            for b in bytes { v = (v << 8) | Int64(b) }
            return scaled(Double(v), scale)
        }
        let negative = first & 0x80 != 0
        var magnitude = 0.0
        for b in bytes { magnitude = magnitude * 256 + Double(negative ? ~b : b) }
        return scaled(negative ? -(magnitude + 1) : magnitude, scale)
    }

    /// Divides by a power of ten exactly represented as a Double when there is one, so that
    /// 12345 with scale 2 is the Double nearest 123.45, as a decimal-to-float conversion gives.
    private static func scaled(_ unscaled: Double, _ scale: Int32) -> Double {
        if scale == 0 { return unscaled }
        if scale > 0, scale <= 22 { return unscaled / pow(10, Double(scale)) }
        if scale < 0, scale >= -22 { return unscaled * pow(10, Double(-scale)) }
        return unscaled * pow(10, Double(-scale))
    }
}
