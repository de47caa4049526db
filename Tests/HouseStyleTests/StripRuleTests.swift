import Testing

@testable import HouseStyle

@Suite struct StripRuleTests {
    let rule = try! StripRule(patterns: [#"\s+[-|–—]\s+(Reuters|AP|AFP|RT World News)$"#, #"^(BREAKING|EXCLUSIVE|VIDEO|WATCH):\s*"#])

    @Test(arguments: [
        ("Oil falls - Reuters", "Oil falls"), ("BREAKING: Oil falls | AP", "Oil falls"), ("Oil falls — AFP", "Oil falls"),
        ("VIDEO:   Floods   hit   Kiev", "Floods hit Kiev"), ("Reuters reports oil falls", "Reuters reports oil falls"),
        ("breaking: lower case is not stripped", "breaking: lower case is not stripped"),
    ])
    func strips(input: String, expected: String) {
        #expect(rule.apply(input) == expected)
    }

    @Test func caseInsensitiveWhenThePatternSaysSo() throws {
        #expect(try StripRule(patterns: [#"(?i)\s*\(\+\s*(video|photos?)\)$"#]).apply("Drills (+ Video)") == "Drills")
    }

    @Test func unicodeAndWhitespace() throws {
        #expect(try StripRule(patterns: ["^ИРНА: "]).apply("ИРНА: Тегеран  и\tМосква ") == "Тегеран и Москва")
    }

    @Test func badPatternThrows() {
        #expect(throws: (any Error).self) { try StripRule(patterns: ["(unclosed"]) }
    }
}
