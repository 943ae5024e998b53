import Foundation
import Testing
@testable import Registry

@Test func theActorIsTheAccountOfTheProcessNotOnlyTheUserVariable() {
    // uid 0 is root in every password database, whatever $USER says.
    #expect(AuditActor.userName(environment: ["USER": "someone-else"], uid: 0) == "root")
    #expect(AuditActor.userName(environment: [:], uid: 0) == "root")
}

@Test func anAccountWithoutAnEntryFallsBackToUserThenTheUid() {
    let unknownUID: uid_t = 3_999_999_999
    #expect(AuditActor.userName(environment: ["USER": "alice"], uid: unknownUID) == "alice")
    #expect(AuditActor.userName(environment: [:], uid: unknownUID) == "uid 3999999999")
    #expect(!AuditActor.currentUser().hasPrefix("unknown@"))
}
