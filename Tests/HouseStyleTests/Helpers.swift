@testable import HouseStyle

let vocabulary: Vocabulary = {
    var v = Vocabulary()
    for w in ["EU", "UK", "US", "NATO", "Kremlin", "Moscow", "Kiev", "Ukraine", "Russia", "Iran", "Tehran", "Trump", "Macron", "White House"] {
        v.add(w)
    }
    return v
}()
