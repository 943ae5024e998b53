import Serving
import Testing

/// `DRIFTWATCH_INJECT_FAULTS`, the benchmark's way to stand a throwing or sleeping shadow beside production.
struct InjectedFaultTests {
    @Test func readsVersionsWithTheirFaults() throws {
        #expect(try InjectedFault.parse("4=throw, 5=sleep:1") == [4: .throwing, 5: .sleeping(seconds: 1)])
        #expect(try InjectedFault.parse("12=sleep:0.25") == [12: .sleeping(seconds: 0.25)])
    }

    @Test(arguments: [
        ("", "'': expected VERSION=throw or VERSION=sleep:SECONDS"),
        ("4", "'4': expected VERSION=throw or VERSION=sleep:SECONDS"),
        ("x=throw", "'x=throw': expected VERSION=throw or VERSION=sleep:SECONDS"),
        ("0=throw", "'0=throw': expected VERSION=throw or VERSION=sleep:SECONDS"),
        ("4=crash", "'4=crash': expected 'throw' or 'sleep:SECONDS' (0 < SECONDS <= 60) after '='"),
        ("4=sleep:0", "'4=sleep:0': expected 'throw' or 'sleep:SECONDS' (0 < SECONDS <= 60) after '='"),
        ("4=sleep:nan", "'4=sleep:nan': expected 'throw' or 'sleep:SECONDS' (0 < SECONDS <= 60) after '='"),
        ("4=throw,4=sleep:1", "'4=sleep:1': version 4 is named twice"),
    ])
    func refusesWhatDoesNotRead(text: String, message: String) {
        #expect(throws: InjectedFaultError.self) { try InjectedFault.parse(text) }
        do {
            _ = try InjectedFault.parse(text)
        } catch {
            #expect("\(error)" == "DRIFTWATCH_INJECT_FAULTS: \(message)")
        }
    }
}
