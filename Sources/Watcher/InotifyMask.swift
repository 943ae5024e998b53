import CInotifyTools

/// The `IN_*` bits the watcher uses, as `UInt32` (the C macros import as `Int32` or `Int`).
enum InotifyMask {
    static let modify = UInt32(IN_MODIFY)
    static let closeWrite = UInt32(IN_CLOSE_WRITE)
    static let movedFrom = UInt32(IN_MOVED_FROM)
    static let movedTo = UInt32(IN_MOVED_TO)
    static let create = UInt32(IN_CREATE)
    static let delete = UInt32(IN_DELETE)
    static let deleteSelf = UInt32(IN_DELETE_SELF)
    static let moveSelf = UInt32(IN_MOVE_SELF)
    static let queueOverflow = UInt32(IN_Q_OVERFLOW)
    static let ignored = UInt32(IN_IGNORED)
    static let isDirectory = UInt32(IN_ISDIR)
    static let onlyDirectory = UInt32(IN_ONLYDIR)
    static let dontFollow = UInt32(IN_DONT_FOLLOW)

    /// On the inbox: partitions arriving, being written, leaving; and the inbox itself going away.
    static let inbox = create | movedTo | movedFrom | modify | closeWrite | delete | deleteSelf | moveSelf
        | onlyDirectory | dontFollow
    /// On a directory partition: only `_SUCCESS` arriving or leaving matters.
    static let partitionDirectory = create | movedTo | movedFrom | delete | onlyDirectory | dontFollow
}
