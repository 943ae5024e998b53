import Testing
@testable import Tabular

@Test(arguments: [(1970, 1, 1, 0), (2000, 3, 1, 11017), (1969, 12, 31, -1), (2024, 2, 29, 19782)])
func daysSinceEpochMatchesTheCalendar(year: Int, month: Int, day: Int, days: Int) {
    #expect(ISODate.daysSinceEpoch(year: year, month: month, day: day) == days)
    let back = ISODate.civil(daysSinceEpoch: days)
    #expect(back.year == year && back.month == month && back.day == day)
}
