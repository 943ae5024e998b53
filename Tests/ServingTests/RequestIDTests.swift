import Foundation
import Testing
@testable import Serving

@Suite struct RequestIDTests {
    /// New ids are random version-4 UUIDs, lowercase, that Foundation reads back as the same UUID.
    @Test func newIDsAreDistinctVersion4UUIDs() throws {
        let ids = (0..<10_000).map { _ in RequestID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(500) {
            let uuid = try #require(UUID(uuidString: id), "\(id)")
            #expect(uuid.uuidString.lowercased() == id)
            let bytes = Array(id.utf8)
            #expect(bytes[14] == UInt8(ascii: "4"), "\(id)")
            #expect("89ab".utf8.contains(bytes[19]), "\(id)")
        }
    }
}
