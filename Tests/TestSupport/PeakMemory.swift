import Foundation

/// Peak resident memory of this process so far, in bytes (Linux reports kilobytes): what a test
/// asserts bounded when an input must not cost memory in proportion to its size.
public func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}
