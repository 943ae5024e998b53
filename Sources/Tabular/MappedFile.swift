import Foundation

/// A whole file mapped read-only into memory: the reader parses straight from the page cache,
/// and pages it has finished with can be handed back without copying anything.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer

    /// Opens and maps `path`; an empty file maps to an empty buffer.
    init(path: String) throws(TabularError) {
        func failure(_ what: String) -> TabularError {
            TabularError(file: path, message: "\(what): \(String(cString: strerror(errno))) (expected a readable CSV file)")
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)  // non-blocking: a FIFO must not hang the open
        guard fd >= 0 else { throw failure("cannot be opened") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot be examined") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw TabularError(file: path, message: "is not a regular file (expected a readable CSV file)")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw failure("cannot be mapped into memory")
        }
        madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Hands the pages wholly inside `range` back to the kernel. Reading them again later is
    /// still correct: the mapping refills them from the file.
    func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard start < end else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
