import Syndication

func parse(_ xml: String, _ options: FeedParser.Options = .init()) -> Feed {
    FeedParser(options: options).parse(Array(xml.utf8))
}

func parse(bytes: [UInt8], _ options: FeedParser.Options = .init()) -> Feed {
    FeedParser(options: options).parse(bytes)
}

func rss(_ items: String, channel: String = "<title>T</title>", namespaces: String = "") -> String {
    "<rss version=\"2.0\" \(namespaces)><channel>\(channel)\(items)</channel></rss>"
}
