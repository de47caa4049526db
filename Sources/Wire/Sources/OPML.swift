public import Foundation
import Syndication

/// OPML 2.0 subscription lists: what feed readers import and export.
public enum OPML {
    /// One subscription read from an OPML file.
    public struct Subscription: Sendable, Equatable {
        public var title: String
        public var xmlURL: String
        public var htmlURL: String?
    }

    /// Why an OPML file could not be read: with the file and line. (One kind: callers do not
    /// need to tell its causes apart.)
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// The sources of a configuration as an OPML 2.0 document.
    public static func export(_ config: WireConfig) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "  <head>",
            "    <title>\(escape(config.output.title))</title>", "  </head>", "  <body>",
        ]
        for source in config.sources {
            let url: String
            switch source.location {
            case .http(let u): url = u
            case .file(let path): url = URL(fileURLWithPath: path).absoluteString
            }
            lines.append("    <outline type=\"rss\" text=\"\(escape(source.name))\" title=\"\(escape(source.name))\" xmlUrl=\"\(escape(url))\"/>")
        }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The subscriptions of an OPML document (outlines with an `xmlUrl`, at any depth). Read with
    /// the parser's own libxml2 SAX driver: no external entities, no network.
    public static func parse(_ data: Data, file: String) throws(ParseError) -> [Subscription] {
        let collector = Collector()
        let driver = SAXDriver(receiver: collector)
        let bytes = [UInt8](data)
        bytes.withUnsafeBufferPointer { driver.push($0) }
        driver.finish()
        if let (line, message) = collector.error {
            throw ParseError(file: file, line: line, message: "not well-formed OPML: \(message)")
        }
        guard collector.sawOPML else { throw ParseError(file: file, line: 1, message: "not an OPML document (no <opml> root)") }
        return collector.subscriptions
    }

    /// `sources:` entries for a wire configuration, with ids made from the titles; subscriptions
    /// whose URL a configuration already has are left out.
    public static func sourcesYAML(_ subscriptions: [Subscription], existing: [SourceConfig] = []) -> String {
        var known = Set(existing.compactMap { if case .http(let u) = $0.location { return u } else { return nil } })
        var ids = Set(existing.map(\.id))
        var out = ""
        for s in subscriptions where !known.contains(s.xmlURL) {
            known.insert(s.xmlURL)
            var base = String(s.title.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            while base.contains("--") { base = base.replacingOccurrences(of: "--", with: "-") }
            base = base.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            if base.isEmpty { base = "source" }
            var id = base
            var n = 2
            while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
            ids.insert(id)
            out += "  - id: \(id)\n    name: \(yamlString(s.title))\n    url: \(yamlString(s.xmlURL))\n"
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func yamlString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private final class Collector: SAXReceiver {
        var subscriptions: [Subscription] = []
        var sawOPML = false
        var error: (Int, String)?

        func startElement(
            uri: String?, prefix: String?, localName: String, attributes: [ExtensionElement.Attribute],
            namespaceDeclarations: [(prefix: String?, uri: String)]
        ) {
            let name = localName.lowercased()
            if name == "opml" { sawOPML = true }
            guard name == "outline" else { return }
            var lowered: [String: String] = [:]
            for a in attributes where a.namespace == nil { lowered[a.name.lowercased()] = lowered[a.name.lowercased()] ?? a.value }
            guard let url = lowered["xmlurl"], !url.isEmpty else { return }
            let title = lowered["title"] ?? lowered["text"] ?? url
            subscriptions.append(Subscription(title: title, xmlURL: url, htmlURL: lowered["htmlurl"]))
        }

        func endElement() {}
        func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
        func doctype(name: String?, externalID: String?, systemID: String?) {}
        func undeclaredHTMLEntity(_ name: String) {}

        func xmlError(message: String, line: Int, column: Int, fatal: Bool) {
            if fatal && error == nil { error = (max(line, 1), message) }
        }

        var shouldContinue: Bool { error == nil }
    }
}
