import Testing

@testable import HouseStyle

@Suite struct RegexRuleTests {
    @Test func replacesWithGroups() throws {
        #expect(try RegexRule(pattern: #"\bper cent\b"#, replace: "percent").apply("Up 5 per cent") == "Up 5 percent")
        #expect(try RegexRule(pattern: #"(\d+) bn"#, replace: "$1 billion").apply("Loss of 3 bn") == "Loss of 3 billion")
        #expect(try RegexRule(pattern: #"(?i)\bUKRAINE\b"#, replace: "Ukraine").apply("ukraine talks") == "Ukraine talks")
    }
}
