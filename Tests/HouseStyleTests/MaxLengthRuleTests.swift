import Testing

@testable import HouseStyle

@Suite struct MaxLengthRuleTests {
    @Test func cutsAtAWordBoundaryWithinTheLimit() {
        let rule = MaxLengthRule(chars: 20, ellipsis: "…")
        let out = rule.apply("Kremlin says new EU sanctions will backfire")
        #expect(out == "Kremlin says new EU…")
        #expect(out.count <= 20)
    }

    @Test func shortHeadlinesAreUntouched() {
        #expect(MaxLengthRule(chars: 110).apply("Short") == "Short")
        #expect(MaxLengthRule(chars: 5).apply("Exact") == "Exact")
    }

    @Test func countsCharactersNotBytes() {
        let out = MaxLengthRule(chars: 12, ellipsis: "...").apply("Тегеран и Москва подписали")
        #expect(out == "Тегеран и...")
        #expect(out.count <= 12)
    }

    @Test func oneLongWordIsCutHard() {
        #expect(MaxLengthRule(chars: 6, ellipsis: "…").apply("Supercalifragilistic") == "Super…")
    }
}
