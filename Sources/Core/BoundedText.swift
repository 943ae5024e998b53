/// A value quoted in a report, a log, the ledger or the terminal, cut to a bounded length: one
/// 50 MB field must not make a 100 MB `validation.json`, a 50 MB ledger error or 50 MB of
/// `status` output. What is cut says how large the whole was.
public enum BoundedText {
    /// Unicode scalars kept from a longer value.
    public static let defaultLimit = 200

    /// `text` itself when it holds at most `limit` scalars; else its first `limit` scalars and
    /// `… (52,428,800 bytes)`, the size of the whole in UTF-8. Counted in scalars, not
    /// characters, so that one character of a million combining marks is cut too.
    public static func cut(_ text: String, limit: Int = defaultLimit) -> String {
        let bytes = text.utf8.count
        guard bytes > limit else { return text }
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex), end < scalars.endIndex
        else { return text }
        return String(scalars[..<end]) + "… (\(grouped(bytes)) bytes)"
    }

    /// 52428800 as "52,428,800".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
