import CInotifyTools
import Foundation
import Testing

/// The system library links and its watch table works; the watcher itself is tested in WatcherTests.
@Test func initialisesAndWatchesATemporaryDirectory() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cinotify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(inotifytools_initialize() == 1)
    defer { inotifytools_cleanup() }
    #expect(inotifytools_watch_file(dir.path, Int32(IN_CREATE)) == 1)
    // The library keys directories by their path with a trailing slash.
    #expect(inotifytools_wd_from_filename(dir.path + "/") > 0)
}
