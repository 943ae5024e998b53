import Foundation

/// Builds one CSV file as bytes, formatting every value by hand: floats as fixed two-decimal
/// text from an integer number of hundredths, so no locale or platform float printing is involved.
/// None of the generated values needs quoting (no commas, quotes or line breaks).
struct CSVTableWriter {
    private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    init(header: [String]) {
        for name in header { text(name) }
        endRow()
    }

    mutating func text(_ value: String) {
        separate()
        bytes.append(contentsOf: value.utf8)
    }

    mutating func integer(_ value: Int) {
        separate()
        appendDigits(of: value)
    }

    mutating func boolean(_ value: Bool) {
        text(value ? "True" : "False")
    }

    /// A float given as a whole number of hundredths, written with exactly two decimals.
    mutating func hundredths(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        appendDigits(of: Int(magnitude / 100))
        bytes.append(UInt8(ascii: "."))
        let cents = Int(magnitude % 100)
        bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(cents % 10))
    }

    /// An empty field: the null of every column.
    mutating func null() {
        separate()
    }

    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    /// Writes the file whole or not at all (Foundation writes a temporary file and renames it).
    func write(to url: URL) throws {
        try Data(bytes).write(to: url, options: .atomic)
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    private mutating func appendDigits(of value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }
}

/// Rounds to the nearest hundredth (halves away from zero), the unit every float column is written in.
func hundredths(_ value: Double) -> Int {
    Int((value * 100).rounded(.toNearestOrAwayFromZero))
}
