import Testing

@testable import Watcher

@Suite struct PartitionNameTests {
    @Test func numbersCompareByValueSoMonth2ComesBeforeMonth10() {
        #expect(PartitionName.naturalLess("month_2", "month_10"))
        #expect(!PartitionName.naturalLess("month_10", "month_2"))
    }

    @Test func mixedNamesSortNaturally() {
        let shuffled = ["month_10.csv", "month_100", "month_2", "month", "alpha", "month_02", "month_1", "2024-10", "2024-2"]
        #expect(shuffled.sorted(by: PartitionName.naturalLess) == [
            "2024-2", "2024-10", "alpha", "month", "month_1", "month_02", "month_2", "month_10.csv", "month_100",
        ])
    }

    @Test func numbersLongerThanAnIntegerStillCompareByValue() {
        #expect(PartitionName.naturalLess("v99999999999999999999", "v100000000000000000000"))
        #expect(PartitionName.naturalLess("v0099", "v100"))
    }

    @Test func orderIsStrictSoEqualNamesAreNotLess() {
        #expect(!PartitionName.naturalLess("month_7", "month_7"))
        // Equal by value, told apart by their text so sorting stays deterministic.
        #expect(PartitionName.naturalLess("month_07", "month_7") != PartitionName.naturalLess("month_7", "month_07"))
    }

    @Test(arguments: [".hidden", "_other", "_SUCCESS", "month_1.tmp", "month_1.csv.part", "month_1.csv~", ""])
    func scratchNamesAreIgnored(name: String) {
        #expect(PartitionName.isIgnored(name))
    }

    @Test(arguments: ["month_1", "month_1.csv", "tmp", "part_7", "data~x"])
    func ordinaryNamesAreNotIgnored(name: String) {
        #expect(!PartitionName.isIgnored(name))
    }

    @Test func singleFilesLoseTheirTableEndingButDirectoriesKeepTheirName() {
        #expect(PartitionName.partitionName(ofEntry: "month_7.csv", isDirectory: false) == "month_7")
        #expect(PartitionName.partitionName(ofEntry: "month_7.txt", isDirectory: false) == "month_7.txt")
        #expect(PartitionName.partitionName(ofEntry: "month_7.parquet", isDirectory: false) == "month_7")
        #expect(PartitionName.partitionName(ofEntry: "month_7.csv.gz", isDirectory: false) == "month_7")
        #expect(PartitionName.partitionName(ofEntry: ".parquet", isDirectory: false) == ".parquet")
        #expect(PartitionName.partitionName(ofEntry: "month_7.csv", isDirectory: true) == "month_7.csv")
    }
}
