/// One inotify event, copied out of libinotifytools' static buffer before the next call
/// overwrites it.
struct InotifyEvent: Sendable, Equatable {
    /// The raw `IN_*` bits.
    let mask: UInt32
    /// The watched directory the event happened in, as libinotifytools names it (with a
    /// trailing slash); nil for events without a watch, such as a queue overflow.
    let directory: String?
    /// The entry's name inside `directory`; empty for events about the directory itself.
    let name: String

    func has(_ bits: UInt32) -> Bool { mask & bits != 0 }

    /// A queue overflow as the kernel reports it: no watch, no name.
    static let queueOverflow = InotifyEvent(mask: InotifyMask.queueOverflow, directory: nil, name: "")
}
