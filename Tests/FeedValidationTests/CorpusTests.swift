import Foundation
import TestSupport
import Testing

@testable import FeedValidation

/// Every real-world feed in `../shared/corpus` (when it is there): validated without a crash,
/// diagnostics in document order, each once, every one with a code we know the severity of.
@Suite struct CorpusTests {
    static let root = FileManager.default.currentDirectoryPath + "/../shared/corpus/files"

    static func files() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let next = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(root + "/" + next)
            }
        }
        return out.sorted()
    }

    @Test(.enabled(if: SharedMaterial.runs(needing: "corpus/files")))
    func theCorpusValidatesWithoutSurprises() throws {
        try #require(SharedMaterial.exists("corpus/files"), "../shared/corpus is missing")
        let files = Self.files()
        #expect(files.count > 200)
        var formats = Set<String>()
        for path in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let report = FeedValidator().validate(bytes)
            if let format = report.format { formats.insert(format) }
            let positions = report.diagnostics.map { [$0.line, $0.column] }
            #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) }, "\(path)")
            for d in report.diagnostics {
                #expect(MessageClass.named[d.code]?.severity == d.severity, "\(path): \(d.code)")
                #expect(!d.message.isEmpty && !d.message.contains("{"), "\(path): \(d.message)")
            }
        }
        #expect(formats.isSuperset(of: ["rss20", "atom10", "rss10"]))
    }
}
