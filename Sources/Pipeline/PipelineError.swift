/// What went wrong in the loop (ledger, lock, reference), said so that the reader can act on it.
public struct PipelineError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
