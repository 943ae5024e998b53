import Foundation
import Testing
@testable import Registry

@Test func withoutUserTheActorIsTheAccountOfTheProcess() {
    // uid 0 is root in every password database.
    #expect(AuditActor.userName(environment: [:], uid: 0) == "root")
    #expect(AuditActor.userName(environment: ["USER": ""], uid: 0) == "root")
    #expect(AuditActor.userName(environment: ["USER": "alice"], uid: 0) == "alice")
}

@Test func anAccountWithoutAnEntryOrUserIsNamedByItsUid() {
    let unknownUID: uid_t = 3_999_999_999
    #expect(AuditActor.userName(environment: ["USER": "alice"], uid: unknownUID) == "alice")
    #expect(AuditActor.userName(environment: [:], uid: unknownUID) == "uid 3999999999")
    #expect(!AuditActor.currentUser().hasPrefix("unknown@"))
}
