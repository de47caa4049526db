import Foundation
import Testing
@testable import HouseStyle

@Suite struct RegexPrefilterTests {
    @Test func requirementsFromTopLevelLiteralsAndClasses() {
        #expect(RegexPrefilter(pattern: #"\bper cent\b"#, caseInsensitive: false).requirements == [.literal("per cent")])
        #expect(RegexPrefilter(pattern: "^(BREAKING|VIDEO):\\s*", caseInsensitive: false).requirements
                == [.anyOf(["BREAKING", "VIDEO"]), .literal(":")])
        #expect(RegexPrefilter(pattern: "a|b", caseInsensitive: false).requirements.isEmpty)
        #expect(RegexPrefilter(pattern: "x?y*z{0,2}", caseInsensitive: false).requirements.isEmpty)
        #expect(RegexPrefilter(pattern: #"\s+[-|–—]\s+x"#, caseInsensitive: false).requirements
                == [.oneOf(["-", "|", "–", "—"]), .literal("x")])
    }

    /// Whatever the prefilter says, it must never turn away text the regex matches.
    @Test(arguments: [
        #"\s+[-|–—]\s+(Reuters|AP|AFP|RT World News)$"#, "^(BREAKING|EXCLUSIVE|VIDEO|WATCH):\\s*", #"\bper cent\b"#,
        #"\s+([,.;:!?])"#, #"(?i)\s*\(\+\s*(Video|Photos?)\)$"#, #"(\d+) bn"#, "^IRNA\\s*[-–—:]\\s*", "colou?r", "[^a-z]x",
        #"a\.b"#, "(?:ab)+c", "(x(y)z)w", "[a[x]]b", "[[:alpha:]]x", #"\d{2,}x"#,
    ])
    func neverRejectsAMatch(pattern: String) throws {
        let samples = ["Oil falls - Reuters", "BREAKING: Oil", "Up 5 per cent", "Talks , end", "Drills (+ video)", "Loss of 3 bn",
                       "IRNA - Tehran", "colour color", "1x", "a.b", "ababc", "xyzw", "nothing here", "PER CENT", "Drills (+ Photos)",
                       "xb", "ab", "qx", "42x"]
        let regex = try NSRegularExpression(pattern: pattern)
        let filter = RegexPrefilter(pattern: pattern, caseInsensitive: false)
        for s in samples {
            let matches = regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
            if matches { #expect(filter.mayMatch(s), "\(pattern) on \(s)") }
        }
    }

    @Test func skipsTextThatCannotMatch() {
        let filter = RegexPrefilter(pattern: #"\s+[-|–—]\s+(Reuters|AP)$"#, caseInsensitive: false)
        #expect(!filter.mayMatch("No dash here at all"))
        #expect(filter.mayMatch("Oil falls — AP"))
    }
}

@Suite struct RegexPrefilterQuantifierTests {
    @Test func boundedQuantifiersAreSkippedWhole() {
        #expect(RegexPrefilter(pattern: "x{2}y", caseInsensitive: false).requirements == [.literal("y")])
        #expect(RegexPrefilter(pattern: "ab{1,3}?c", caseInsensitive: false).requirements == [.literal("a"), .literal("c")])
        #expect(RegexPrefilter(pattern: "x{2}y", caseInsensitive: false).mayMatch("xxy"))
    }
}
