/// Reading one typed value from a field's bytes, without making a String. Each parser accepts
/// exactly the texts its type admits and returns nil for anything else, so the caller decides
/// whether that means "infer a wider type" or "invalid value".
enum FieldText {
    /// `[+-]?[0-9]+` that fits in Int64.
    @inline(__always)
    static func integer(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let n = field.count
        var negative = false
        if n > 0, field[0] == UInt8(ascii: "-") || field[0] == UInt8(ascii: "+") {
            negative = field[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        var magnitude: UInt64 = 0
        if n - i <= 18 {  // 18 digits cannot overflow a UInt64, nor 10^18 - 1 an Int64
            while i < n {
                let digit = field[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                i += 1
            }
            return negative ? -Int64(magnitude) : Int64(magnitude)
        }
        while i < n {
            let digit = field[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `True`/`False`/`true`/`false`, and also `1`/`0` when `acceptDigits` (a declared boolean
    /// column). Inference leaves digits out so that a 0/1 column stays an integer column.
    @inline(__always)
    static func boolean(_ field: UnsafeBufferPointer<UInt8>, acceptDigits: Bool) -> Bool? {
        switch field.count {
        case 1 where acceptDigits:
            if field[0] == UInt8(ascii: "1") { return true }
            if field[0] == UInt8(ascii: "0") { return false }
            return nil
        case 4:
            let t = field[0]
            guard t == UInt8(ascii: "T") || t == UInt8(ascii: "t") else { return nil }
            return field[1] == UInt8(ascii: "r") && field[2] == UInt8(ascii: "u") && field[3] == UInt8(ascii: "e") ? true : nil
        case 5:
            let f = field[0]
            guard f == UInt8(ascii: "F") || f == UInt8(ascii: "f") else { return nil }
            return field[1] == UInt8(ascii: "a") && field[2] == UInt8(ascii: "l") && field[3] == UInt8(ascii: "s")
                && field[4] == UInt8(ascii: "e") ? false : nil
        default:
            return nil
        }
    }

    /// An ISO 8601 calendar date `YYYY-MM-DD` that exists (no February 30), as days since 1970-01-01.
    @inline(__always)
    static func date(_ field: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard field.count == 10, field[4] == UInt8(ascii: "-"), field[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let d = field[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                value = value * 10 + Int(d)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return Int32(ISODate.daysSinceEpoch(year: year, month: month, day: day))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
