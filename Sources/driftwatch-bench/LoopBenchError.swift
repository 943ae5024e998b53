/// Why a loop benchmark could not measure: it names the step, the file or process, and what
/// it waited for or found.
struct LoopBenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
