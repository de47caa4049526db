import Foundation
import FuzzHarness
import Testing

/// Every input a fuzzer found a fault with (or that is worth keeping: one per target at least),
/// replayed through its target on every `swift test`. Inputs live in `Fuzz/TARGET/`, small.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fuzz").path

    static var cases: [(target: String, file: String)] {
        var out: [(String, String)] = []
        for target in Harness.targets.keys.sorted() {
            let directory = folder + "/" + target
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
                out.append((target, directory + "/" + file))
            }
        }
        return out
    }

    @Test func everyTargetHasInputs() {
        for target in Harness.targets.keys {
            #expect(Self.cases.contains { $0.target == target }, "no inputs for \(target)")
        }
    }

    /// Each input runs through its target to the end (a crash, a trap or a hang would stop the
    /// suite here; how fast is the fuzzer's business, with its 1 s limit per input).
    @Test func everyKeptInputRunsThrough() throws {
        for (target, file) in Self.cases {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(bytes.count <= 64 << 10, "\(file) is larger than a regression input should be")
            let run = try #require(Harness.targets[target])
            run(bytes)
        }
    }
}
