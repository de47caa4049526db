import Foundation
import Testing

@testable import HouseStyle

@Suite struct RegexPrefilterTests {
    @Test func requirementsFromTopLevelLiteralsAndClasses() {
        #expect(RegexPrefilter(pattern: #"\bper cent\b"#, caseInsensitive: false).requirements == [.literal("per cent")])
        #expect(
            RegexPrefilter(pattern: "^(BREAKING|VIDEO):\\s*", caseInsensitive: false).requirements
                == [.anyOf(["BREAKING", "VIDEO"]), .literal(":")])
        #expect(RegexPrefilter(pattern: "a|b", caseInsensitive: false).requirements.isEmpty)
        #expect(RegexPrefilter(pattern: "x?y*z{0,2}", caseInsensitive: false).requirements.isEmpty)
        #expect(
            RegexPrefilter(pattern: #"\s+[-|–—]\s+x"#, caseInsensitive: false).requirements
                == [.oneOf(["-", "|", "–", "—"]), .literal("x")])
    }

    /// Whatever the prefilter says, it must never turn away text the regex matches.
    @Test(arguments: [
        #"\s+[-|–—]\s+(Reuters|AP|AFP|RT World News)$"#, "^(BREAKING|EXCLUSIVE|VIDEO|WATCH):\\s*", #"\bper cent\b"#,
        #"\s+([,.;:!?])"#, #"(?i)\s*\(\+\s*(Video|Photos?)\)$"#, #"(\d+) bn"#, "^IRNA\\s*[-–—:]\\s*", "colou?r", "[^a-z]x",
        #"a\.b"#, "(?:ab)+c", "(x(y)z)w", "[a[x]]b", "[[:alpha:]]x", #"\d{2,}x"#,
    ])
    func neverRejectsAMatch(pattern: String) throws {
        let samples = [
            "Oil falls - Reuters", "BREAKING: Oil", "Up 5 per cent", "Talks , end", "Drills (+ video)", "Loss of 3 bn",
            "IRNA - Tehran", "colour color", "1x", "a.b", "ababc", "xyzw", "nothing here", "PER CENT", "Drills (+ Photos)",
            "xb", "ab", "qx", "42x",
        ]
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

/// The prefilter over ICU's whole syntax: generated patterns built from every escape, flag and
/// class form, run on generated headlines that often match them. A pattern the engine matches
/// must never be turned away (a skipped engine must be impossible, not rare).
@Suite struct RegexPrefilterSoundnessTests {
    /// SplitMix64: the same patterns and headlines on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces of patterns: every escape and flag form ICU has, literals, classes and groups.
    static let atoms: [String] = [
        "Agency", "ABC", "news", "Kiev", "per cent", " ", "-", ":", "—", "é", "ß", "Σ", "ſ", "K",
        #"\u2014"#, #"\x41"#, #"\x41BC"#, #"\x{2014}"#, #"\x{41}"#, #"\U00002014"#, #"\N{EM DASH}"#, #"\N{LATIN CAPITAL LETTER A}"#,
        #"\Q.+\E"#, #"\Q(x)\E"#, #"\p{L}"#, #"\p{Lu}"#, #"\P{L}"#, #"\pL"#, #"\0101"#, #"\0"#, #"\101"#, #"\t"#, #"\e"#,
        #"\cA"#, #"\s"#, #"\S"#, #"\d"#, #"\w"#, #"\b"#, #"\B"#, #"\h"#, #"\v"#, #"\R"#, #"\X"#, #"\."#, #"\-"#, #"\("#,
        #"\)"#, #"\["#, #"\]"#, #"\{"#, #"\}"#, #"\\"#, #"\$"#, #"\^"#, #"\|"#, #"\ "#, "\\#", "[a-z]", "[^x]", "[A-Z]",
        "[—–-]", #"[\u2014-]"#, #"[\x41-\x43]"#, "[[:alpha:]]", "[ab[cd]]", "[a-z&&[^aeiou]]", #"[\p{Lu}]"#, "[]a]",
        ".", "^", "$", "(?:ab)", "(Agency|ABC)", "(?=A)", "(?!x)", "(?<=a)", "(?<!b)", "(?<name>ne)", "(?>ws)",
        "(?i:agency)", "(?i)", "(?x)", "(?-i)", "(?s)", "(?m)", "(?#comment)", "(?x: a b )", "# comment\n", "a b",
        "{", "}", "a{2}", "A{1,3}", "x{0}", "\\1", "(a)\\1",
    ]
    static let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{0,2}", "*?", "++"]
    static let prefixes = ["", "", "", "(?i)", "(?x)", "(?ix)", "(?i)(?x)"]
    static let words = [
        "Agency", "AGENCY", "agency", "ABC", "abc", "news", "NEWS", "Kiev", "per cent", "PER CENT", "—", "–",
        "-", ":", "é", "É", "ß", "SS", "ss", "σ", "ς", "Σ", "ſ", "K", "k", "A", "x", "(x)", ".+", "+", "ws",
        "ne", "a b", "ab", "cd", "\t", "\u{1B}", "\u{1}", "A\u{301}", "1", "42", "#", "{", "}", "]", "[", "\\",
    ]

    @Test func generatedPatternsNeverSkipAMatch() throws {
        var rng = Seeded(state: 2026)
        var compiled = 0, matched = 0
        for _ in 0..<4000 {
            var pattern = Self.prefixes.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                pattern += Self.atoms.randomElement(using: &rng)! + Self.quantifiers.randomElement(using: &rng)!
            }
            if Int.random(in: 0..<8, using: &rng) == 0 { pattern += "|" + Self.atoms.randomElement(using: &rng)! }
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            compiled += 1
            let filter = RegexPrefilter(pattern: pattern, caseInsensitive: false)
            let insensitive = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            let folding = RegexPrefilter(pattern: pattern, caseInsensitive: true)
            for _ in 0..<25 {
                var headline = ""
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    headline += Self.words.randomElement(using: &rng)! + (Bool.random(using: &rng) ? " " : "")
                }
                let range = NSRange(location: 0, length: (headline as NSString).length)
                if regex.firstMatch(in: headline, range: range) != nil {
                    matched += 1
                    #expect(filter.mayMatch(headline), "pattern \(pattern) skipped \(headline)")
                }
                if let insensitive, insensitive.firstMatch(in: headline, range: range) != nil {
                    #expect(folding.mayMatch(headline), "pattern \(pattern) (case-insensitive) skipped \(headline)")
                }
            }
        }
        #expect(compiled > 2000)
        #expect(matched > 5000)
    }

    @Test func thePatternsEditorsFoundBrokenNowMatch() throws {
        for (pattern, headline) in [
            (#"\s*\u2014\s*Agency$"#, "Talks end — Agency"), (#"\x41BC"#, "ABC news"),
            ("(?x) Agency \\s+ news", "Agency news"), (#"\x{2014}"#, "a — b"), (#"\N{EM DASH}"#, "a — b"),
            (#"\Q+\E1"#, "+1 vote"), (#"\0101"#, "A"), (#"\p{Lu}BC"#, "ABC"),
        ] {
            let regex = try NSRegularExpression(pattern: pattern)
            let range = NSRange(location: 0, length: (headline as NSString).length)
            #expect(regex.firstMatch(in: headline, range: range) != nil)
            #expect(RegexPrefilter(pattern: pattern, caseInsensitive: false).mayMatch(headline), "\(pattern)")
        }
        // And the rules that use them change the headline.
        #expect(try StripRule(patterns: [#"\s*\u2014\s*Agency$"#]).apply("Talks end — Agency") == "Talks end")
    }
}
