import Testing

@testable import HouseStyle

@Suite struct QuotesRuleTests {
    @Test(arguments: [
        ("He said \"no\" to talks", "He said ‘no’ to talks"), ("A 'historic' deal", "A ‘historic’ deal"),
        ("“Curly” stays paired", "‘Curly’ stays paired"), ("Russia's plan", "Russia’s plan"),
        ("Agencies' reports", "Agencies’ reports"), ("\"Russia's\" move", "‘Russia’s’ move"),
    ])
    func singleCurly(input: String, expected: String) {
        #expect(QuotesRule(.singleCurly).apply(input) == expected)
    }

    @Test func doubleCurlyAndStraight() {
        #expect(QuotesRule(.doubleCurly).apply("A 'historic' deal isn't done") == "A “historic” deal isn’t done")
        #expect(QuotesRule(.straight).apply("A ‘historic’ deal isn’t done") == "A \"historic\" deal isn't done")
    }

    @Test func persianAndCyrillic() {
        #expect(QuotesRule(.singleCurly).apply("Он сказал \"нет\"") == "Он сказал ‘нет’")
        #expect(QuotesRule(.doubleCurly).apply("'تهران' پاسخ داد") == "“تهران” پاسخ داد")
    }
}
