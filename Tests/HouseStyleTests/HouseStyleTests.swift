import Testing

@testable import HouseStyle

@Suite struct HouseStyleEngineTests {
    @Test func traceNamesEachRuleThatChangedSomething() throws {
        let style = HouseStyle(rules: [DecodeEntitiesRule(), try StripRule(patterns: [" - AP$"]), CaseRule(.sentence, vocabulary: vocabulary)])
        let result = style.restyle("Q&amp;A With NATO - AP")
        #expect(result.headline == "Q&A with NATO")
        #expect(result.changes.map(\.rule) == ["decode-entities", "strip", "case"])
        #expect(result.changes[1].before == "Q&A With NATO - AP")
        #expect(result.changed)
    }

    @Test func aRuleThatWouldEmptyTheHeadlineIsUndone() throws {
        let style = HouseStyle(rules: [try StripRule(patterns: ["^.*$"]), CaseRule(.sentence, vocabulary: vocabulary)])
        let result = style.restyle("WATCH THIS")
        #expect(result.headline == "Watch this")
        #expect(result.changes.first?.undone == true)
        #expect(result.changes.first?.description.contains("undone") == true)
    }

    @Test func emptyAndWhitespaceHeadlines() throws {
        let style = try StyleLoader.load(contentsOf: "feeds/house-style.yaml")
        #expect(style.restyle("").headline == "")
        #expect(style.restyle("   ").headline == "   ")
        #expect(!style.restyle("").changed)
    }

    @Test func sourceRulesRunAfterGlobalOnes() throws {
        let style = HouseStyle(
            rules: [CaseRule(.sentence, vocabulary: vocabulary)],
            sourceRules: ["irna": [try StripRule(patterns: ["^IRNA: "])]])
        #expect(style.restyle("IRNA: Tehran Responds", source: "irna").headline == "Tehran responds")
        #expect(style.restyle("IRNA: Tehran Responds").headline == "IRNA: Tehran responds")
    }
}
