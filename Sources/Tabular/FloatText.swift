extension FieldText {
    /// A decimal number `[+-]?(digits[.digits*]|.digits)([eE][+-]?digits)?`, parsed to exactly the
    /// Double that `strtod` gives. Short mantissas with small exponents take Clinger's exact fast
    /// path (both operands are exact doubles, so one IEEE operation rounds correctly); everything
    /// else goes to the correctly rounded C-locale parser behind `Double.init(_: String)`.
    /// `inf`, `nan` and hex floats are not numbers here, nor is a literal beyond the range of a
    /// Double (`1e309`): rounding it to an infinity would pass a value the file never held.
    @inline(__always)
    static func float(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = field.count
        var i = 0
        var negative = false
        if n > 0, field[0] == UInt8(ascii: "-") || field[0] == UInt8(ascii: "+") {
            negative = field[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        while i < n {
            let d = field[i] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            sawDigit = true
            if mantissa != 0 || d != 0 {
                significantDigits += 1
                if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
            }
            i += 1
        }
        if i < n, field[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let d = field[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                sawDigit = true
                if mantissa != 0 || d != 0 {
                    significantDigits += 1
                    if significantDigits <= 19 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        exponent -= 1
                    }
                } else {
                    exponent -= 1
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n, field[i] == UInt8(ascii: "e") || field[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < n, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") {
                exponentNegative = field[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n else { return nil }
            var written = 0
            while i < n {
                let d = field[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                if written < 100_000 { written = written * 10 + Int(d) }
                i += 1
            }
            exponent += exponentNegative ? -written : written
        }
        guard i == n else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if significantDigits <= 19, mantissa <= 1 << 53 {
            var value = Double(mantissa)
            if exponent >= 0, exponent <= 22 {
                value *= exactPowersOfTen[exponent]
                return negative ? -value : value
            }
            if exponent < 0, exponent >= -22 {
                value /= exactPowersOfTen[-exponent]
                return negative ? -value : value
            }
            if exponent > 22, exponent <= 22 + 15 {
                let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: UInt64(exactPowersOfTen[exponent - 22]))
                if !overflow, scaled <= 1 << 53 {
                    value = Double(scaled) * 1e22
                    return negative ? -value : value
                }
            }
        }
        guard let value = Double(String(decoding: field, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// 10^0 ... 10^22, every one exactly representable as a Double.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
