/// Text from data or file names made safe to print on one line of a log, a terminal or a
/// one-line summary: a partition named `fake\n2026-… critical LEDGER CORRUPTED` must not forge a
/// second log line, and `ESC[2J` in a value must not clear the screen.
public enum PrintableText {
    /// Escapes, Swift-style, every scalar that moves the cursor, drives the terminal, reorders
    /// text or is invisible: C0 and C1 controls, DEL, line and paragraph separators, bidi
    /// embeddings, overrides, isolates and marks, zero-width spaces and the BOM.
    /// `\n`, `\r` and `\t` keep their short forms; the rest are shown as `\u{1B}`. A backslash
    /// is left alone, so escaping twice (a report line quoted again on the terminal) changes
    /// nothing the second time.
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            default:
                if needsEscape(scalar) {
                    out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (ESC, CSI, ...)
        case 0x061C, 0x200B...0x200C, 0x200E...0x200F: return true  // Arabic letter mark, zero-width space and non-joiner, LRM, RLM
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x202A...0x202E, 0x2060...0x2069: return true  // bidi embeddings and overrides; word joiner, invisible operators, isolates
        case 0xFEFF: return true  // BOM / zero-width no-break space
        default: return false
        }
    }
}
