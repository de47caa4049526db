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
        bytes += [0xC0, 0xC1] // "АБ" in windows-1251
        bytes += Array("</title></channel></rss>".utf8)
        let feed = parse(bytes: bytes, .init(contentType: "application/rss+xml; charset=windows-1251", fromHTTP: true))
        #expect(feed.title?.value == "\u{410}\u{411}")
        #expect(feed.encoding == "windows-1251")
    }

    @Test func textXMLWithoutCharsetIsASCIIByRFC3023() {
        let feed = parse(Array(body.utf8).map { $0 }.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) },
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
