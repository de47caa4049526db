import Testing

@testable import Syndication

@Suite struct EncodingTests {
    let body = "<rss version=\"2.0\"><channel><title>Caf\u{e9} \u{201C}news\u{201D}</title></channel></rss>"

    @Test func utf8WithBOM() {
        let feed = parse(bytes: [0xEF, 0xBB, 0xBF] + Array(body.utf8))
        #expect(feed.title?.value == "Caf\u{e9} \u{201C}news\u{201D}")
        #expect(!feed.isBozo)
    }

    @Test func utf16LittleEndianWithBOM() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in body.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        let feed = parse(bytes: bytes)
        #expect(feed.title?.value == "Caf\u{e9} \u{201C}news\u{201D}")
        #expect(feed.encoding == "utf-16le")
    }

    @Test func declaredLatin1() {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>Caf".utf8)
        bytes.append(0xE9)
        bytes += Array("</title></channel></rss>".utf8)
        let feed = parse(bytes: bytes)
        #expect(feed.title?.value == "Caf\u{e9}")
        #expect(feed.encoding == "iso-8859-1")
        #expect(!feed.isBozo)
    }

    @Test func undeclaredCP1252IsDetectedAndReported() {
        // 0x93/0x94 are curly quotes in Windows-1252 and invalid as UTF-8.
        var bytes = Array("<rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0x93] + Array("Quoted".utf8) + [0x94]
        bytes += Array("</title></channel></rss>".utf8)
        let feed = parse(bytes: bytes)
        #expect(feed.title?.value == "\u{201C}Quoted\u{201D}")
        #expect(feed.encoding == "windows-1252")
        #expect(feed.problems.contains { $0.kind == .encodingOverride })
    }

    @Test func callerCharsetWinsOverDeclaration() {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>".utf8)
        bytes += [0xC0, 0xC1]  // "АБ" in windows-1251
        bytes += Array("</title></channel></rss>".utf8)
        let feed = parse(bytes: bytes, .init(contentType: "application/rss+xml; charset=windows-1251", fromHTTP: true))
        #expect(feed.title?.value == "\u{410}\u{411}")
        #expect(feed.encoding == "windows-1251")
    }

    @Test func textXMLWithoutCharsetIsASCIIByRFC3023() {
        let feed = parse(
            Array(body.utf8).map { $0 }.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) },
            .init(contentType: "text/xml", fromHTTP: true))
        #expect(feed.encoding == "utf-8")
        #expect(feed.problems.contains { $0.kind == .encodingOverride && $0.message.contains("us-ascii") })
    }

    @Test func streamingSplitsMultibyteCharactersAcrossChunks() {
        let bytes = Array(body.utf8)
        let session = FeedParser().session()
        for b in bytes { session.push([b]) }
        let feed = session.finish()
        #expect(feed.title?.value == "Caf\u{e9} \u{201C}news\u{201D}")
        #expect(!feed.isBozo)
    }

    @Test func doubleEncodedUTF8IsRepaired() {
        // "é" encoded as UTF-8, read as Latin-1, encoded as UTF-8 again.
        let feed = parse(rss("", channel: "<title>Caf\u{C3}\u{A9}</title>"))
        #expect(feed.title?.value == "Caf\u{e9}")
    }

    @Test func controlCharactersAreRemovedNotFatal() {
        let feed = parse(bytes: Array("<rss><channel><title>a\u{0}b\u{C}c</title><item><title>kept</title></item></channel></rss>".utf8))
        #expect(feed.title?.value == "abc")
        #expect(feed.entries.count == 1)
        #expect(feed.isBozo)
    }
}

/// The double-encoding check works on UTF-8 bytes; it must say what a walk over the scalars says.
@Suite struct DoubleEncodingCheckTests {
    /// The definition, scalar by scalar: Latin-1 bytes forming UTF-8 sequences (leads C2–F4,
    /// continuations 80–BF), at least one of them.
    static func byScalars(_ s: String) -> Bool {
        var pending = 0
        var sawSequence = false
        for scalar in s.unicodeScalars {
            let b = scalar.value
            if pending > 0 {
                guard b >= 0x80 && b <= 0xBF else { return false }
                pending -= 1
                continue
            }
            switch b {
            case 0..<0x80: continue
            case 0xC2...0xDF: pending = 1
            case 0xE0...0xEF: pending = 2
            case 0xF0...0xF4: pending = 3
            default: return false
            }
            sawSequence = true
        }
        return pending == 0 && sawSequence
    }

    @Test func agreesWithTheDefinition() {
        let pieces = [
            "plain ascii text, long enough ", "Ã©", "Ã", "Â", "©", "é", "Ã¼ber", "â€™", "€", "ð", "Ÿ", "x", " ", "Ã\u{80}", "ï»¿", "Zürich",
            "à\u{80}\u{80}", "ô\u{90}", "\u{bf}", "Ã¿",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int((state >> 33) % UInt64(n)) }
        var disagreements: [String] = []
        for _ in 0..<5000 {
            let s = (0..<(1 + next(6))).map { _ in pieces[next(pieces.count)] }.joined()
            if TextRepair.latin1BytesAreUTF8(s) != Self.byScalars(s) { disagreements.append(s) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(TextRepair.latin1BytesAreUTF8("a long ASCII prefix before it: CafÃ©"))
        #expect(!TextRepair.latin1BytesAreUTF8("a long ASCII prefix before it: Café"))
        #expect(!TextRepair.latin1BytesAreUTF8("only ASCII, no sequence at all"))
    }
}
