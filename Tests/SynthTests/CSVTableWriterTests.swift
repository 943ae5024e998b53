import Testing
@testable import Synth

@Test func floatsAreWrittenWithExactlyTwoDecimalsFromHundredths() {
    var csv = CSVTableWriter(header: ["v"])
    for value in [0, 5, 100, 12345, -7, -123] {
        csv.hundredths(value)
        csv.endRow()
    }
    #expect(String(decoding: csv.bytes, as: UTF8.self) == "v\n0.00\n0.05\n1.00\n123.45\n-0.07\n-1.23\n")
}

@Test func nullsAreEmptyFieldsAndBooleansArePythonStyle() {
    var csv = CSVTableWriter(header: ["a", "b", "c", "d"])
    csv.text("x")
    csv.null()
    csv.boolean(true)
    csv.integer(-42)
    csv.endRow()
    csv.null()
    csv.boolean(false)
    csv.integer(0)
    csv.null()
    csv.endRow()
    #expect(String(decoding: csv.bytes, as: UTF8.self) == "a,b,c,d\nx,,True,-42\n,False,0,\n")
}

@Test func roundingToHundredthsGoesHalfAwayFromZero() {
    #expect(hundredths(0.125) == 13)
    #expect(hundredths(-0.125) == -13)
    #expect(hundredths(2.5) == 250)
}
