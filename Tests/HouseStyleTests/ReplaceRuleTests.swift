import Testing

@testable import HouseStyle

@Suite struct ReplaceRuleTests {
    let rule = try! ReplaceRule([("Kyiv", "Kiev"), ("Dnipro", "Dnepropetrovsk"), ("Dnipro River", "Dnieper")])

    @Test(arguments: [
        ("Blasts in Kyiv", "Blasts in Kiev"), ("blasts in kyiv", "blasts in Kiev"), ("KYIV BLASTS", "KIEV BLASTS"),
        ("Kyivstar outage", "Kyivstar outage"), ("Dnipro River floods", "Dnieper floods"), ("Dnipro strike", "Dnepropetrovsk strike"),
        ("Kyiv’s mayor", "Kiev’s mayor"), ("«Kyiv»", "«Kiev»"),
    ])
    func replacesWholeWords(input: String, expected: String) {
        #expect(rule.apply(input) == expected)
    }

    @Test func writtenFormsFeedTheCaseRules() {
        #expect(rule.writtenForms.contains("Dnepropetrovsk"))
    }
}
