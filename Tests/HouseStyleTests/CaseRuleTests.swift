import Testing

@testable import HouseStyle

@Suite struct CaseRuleTests {
    let sentence = CaseRule(.sentence, vocabulary: vocabulary)
    let title = CaseRule(.title, vocabulary: vocabulary)

    @Test(arguments: [
        ("Kremlin Says EU Sanctions Will Backfire", "Kremlin says EU sanctions will backfire"),
        ("TEHRAN REJECTS EU SANCTIONS", "Tehran rejects EU sanctions"),
        ("Trump Meets Macron: Talks On Ukraine Stall", "Trump meets Macron: Talks on Ukraine stall"),
        ("IAEA Chief Visits Iran", "IAEA chief visits Iran"),
        ("'NATO' Drills Near russia's Border", "'NATO' drills near Russia's border"),
        ("Talks At The white house", "Talks at the White House"),
        ("Moscow-Kiev Talks Resume", "Moscow-Kiev talks resume"),
        ("ÉTAT D'URGENCE DÉCLARÉ À PARIS", "État d'urgence déclaré à paris"),
        ("ÉTAT D'URGENCE Declared In Paris", "ÉTAT D'URGENCE declared in paris"),
        ("Q&A With NATO On U.S. Aid", "Q&A with NATO on U.S. aid"),
    ])
    func sentenceCase(input: String, expected: String) {
        #expect(sentence.apply(input) == expected)
    }

    @Test(arguments: [
        ("the war of the words in kiev", "The War of the Words in Kiev"),
        ("nato to meet on ukraine", "NATO to Meet on Ukraine"),
        ("what iran is up to", "What Iran Is up To"),
    ])
    func titleCase(input: String, expected: String) {
        #expect(title.apply(input) == expected)
    }

    @Test func cyrillicAndPersian() {
        #expect(sentence.apply("МОСКВА ОТВЕЧАЕТ НА САНКЦИИ") == "Москва отвечает на санкции")
        #expect(sentence.apply("تهران پاسخ داد") == "تهران پاسخ داد")
    }

    @Test func keepLeavesItAlone() {
        #expect(CaseRule(.keep, vocabulary: vocabulary).apply("ALL Mixed Case") == "ALL Mixed Case")
    }
}
