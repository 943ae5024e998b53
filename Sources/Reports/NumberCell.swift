/// A table cell holding a number: the text people read and the value the sort script orders
/// by, so "3.20e-07" sorts below "0.0100" and missing values sort first.
struct NumberCell {
    var text: String
    var value: String

    init(_ number: Double?, text: String) {
        self.text = text
        if let number, !number.isNaN {
            value = number.isFinite ? String(number) : (number > 0 ? "Infinity" : "-Infinity")
        } else {
            value = "-Infinity"
        }
    }

    static func decimal(_ number: Double?, digits: Int = 3) -> NumberCell {
        NumberCell(number, text: NumberText.decimal(number, digits: digits))
    }

    static func percent(_ number: Double?) -> NumberCell {
        NumberCell(number, text: NumberText.percent(number))
    }

    static func pValue(_ number: Double?) -> NumberCell {
        NumberCell(number, text: NumberText.pValue(number))
    }
}
