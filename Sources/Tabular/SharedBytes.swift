import Dispatch

/// Bytes that outlive the parallel work reading them and are never written while it runs.
struct SharedBytes: @unchecked Sendable {
    let raw: UnsafeRawBufferPointer
}

/// A buffer whose elements parallel tasks update, each task only its own element.
struct SharedMutableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
