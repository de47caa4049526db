import Testing

@testable import HouseStyle

@Suite struct DecodeEntitiesRuleTests {
    @Test(arguments: [
        ("Q&amp;A", "Q&A"), ("Russia&#8217;s", "Russia’s"), ("&quot;x&quot;", "\"x\""), ("caf&eacute;", "café"),
        ("&#x41;", "A"), ("&unknown; stays", "&unknown; stays"), ("Тегеран &amp; Москва", "Тегеран & Москва"),
    ])
    func decodes(input: String, expected: String) {
        #expect(DecodeEntitiesRule().apply(input) == expected)
    }
}
