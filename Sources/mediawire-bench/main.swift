import FeedValidation
import Foundation
import HouseStyle
import LoopbackServer
import Syndication
import Wire

// mediawire-bench: in-process benchmarks, medians of several rounds.
//   mediawire-bench restyle [--count N] [--rounds R] [--style FILE]
//   mediawire-bench parse FILE [--rounds R] [--parse-rounds R] [--apply-rounds R] [--one-core-rounds R] [--json-rounds R]
//   mediawire-bench validate FILE [--rounds R]
//   mediawire-bench serve --feeds N [--kb 50] [--hosts H] --config-out FILE   (loopback agencies; runs until killed)
//   mediawire-bench fill-store --config FILE [--entries 100000] [--sources 100]

struct Options {
    var values: [String: String] = [:]
    var positional: [String] = []
    init(_ args: ArraySlice<String>) {
        var i = args.startIndex
        while i < args.endIndex {
            let a = args[i]
            if a.hasPrefix("--"), i + 1 < args.endIndex { values[String(a.dropFirst(2))] = args[i + 1]; i += 2 } else { positional.append(a); i += 1 }
        }
    }
    func int(_ k: String, _ d: Int) -> Int { values[k].flatMap(Int.init) ?? d }
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func report(_ name: String, _ times: [Double], per: Int, unit: String) {
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2]
    print(
        String(
            format: "%@: median %.3f s (min %.3f, max %.3f) over %d rounds; %.2f µs per %@",
            name, median, sorted.first!, sorted.last!, times.count, median / Double(per) * 1e6, unit))
}

/// Headlines in the shapes agencies write them, deterministic for a given count.
func headlines(_ count: Int) -> [String] {
    let subjects = [
        "Kremlin", "EU", "NATO", "Tehran", "Macron", "Trump", "Kyiv officials", "Moscow", "UK government", "Iran's FM",
        "US senators", "Ukrainian forces", "Russia's central bank", "Chinese envoy", "Tasnim sources",
    ]
    let verbs = ["warns", "says", "rejects", "slams", "backs", "denies", "confirms", "vows to block", "calls for", "weighs"]
    let objects = [
        "new sanctions package", "peace talks in Istanbul", "oil price cap", "&quot;provocative&quot; drills",
        "grain deal extension", "'illegal' asset seizure", "energy tariffs of 5 per cent", "Dnipro strike claims",
        "election interference report", "gas transit through Ukraine",
    ]
    let prefixes = ["", "", "", "BREAKING: ", "VIDEO: ", "EXCLUSIVE: ", ""]
    let suffixes = ["", " - Reuters", " | AP", " - RT World News", " (+ Video)", "", " &amp; more", ""]
    var out: [String] = []
    out.reserveCapacity(count)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int((state >> 33) % UInt64(n)) }
    for i in 0..<count {
        var h =
            prefixes[next(prefixes.count)] + subjects[next(subjects.count)] + " " + verbs[next(verbs.count)] + " "
            + objects[next(objects.count)] + suffixes[next(suffixes.count)]
        if i % 17 == 0 { h = h.uppercased() }
        out.append(h)
    }
    return out
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    print("usage: mediawire-bench restyle [--count N] [--rounds R] [--style FILE] | parse FILE [--rounds R]")
    exit(2)
}
let options = Options(args[2...])
switch args[1] {
case "restyle":
    let count = options.int("count", 100_000)
    let rounds = options.int("rounds", 5)
    let path = options.values["style"] ?? "feeds/house-style.yaml"
    let style: HouseStyle
    do { style = try StyleLoader.load(contentsOf: path) } catch { print(error); exit(2) }
    let input = headlines(count)
    var changed = 0
    var times: [Double] = []
    for _ in 0..<rounds {
        changed = 0
        times.append(
            seconds {
                for (i, h) in input.enumerated() where style.restyle(h, source: i % 5 == 0 ? "tasnim" : nil).changed { changed += 1 }
            })
    }
    report("restyle \(count) headlines one by one (\(changed) changed)", times, per: count, unit: "headline")
    // The batch API spreads the same work over the cores; its results must be identical.
    let sources = input.indices.map { $0 % 5 == 0 ? "tasnim" : nil as String? }
    var batched: [HouseStyle.Result] = []
    let batchTimes = (0..<rounds).map { _ in
        seconds {
            let plain = style.restyle(batch: input.enumerated().filter { sources[$0.offset] == nil }.map(\.element))
            let tasnim = style.restyle(batch: input.enumerated().filter { sources[$0.offset] != nil }.map(\.element), source: "tasnim")
            batched = plain + tasnim
        }
    }
    let sequential =
        input.enumerated().filter { sources[$0.offset] == nil }.map { style.restyle($0.element) }
        + input.enumerated().filter { sources[$0.offset] != nil }.map { style.restyle($0.element, source: "tasnim") }
    guard batched == sequential else { print("batch results differ from sequential ones"); exit(1) }
    report(
        "restyle \(count) headlines as a batch on \(ProcessInfo.processInfo.activeProcessorCount) cores (same results)",
        batchTimes, per: count, unit: "headline")
    if options.values["per-rule"] != nil {
        // Each rule alone over the same headlines: where the time goes.
        for rule in style.rules {
            let t = seconds { for h in input { _ = rule.apply(h) } }
            print(String(format: "  %-16@ %.3f s (%.2f µs per headline)", rule.name, t, t / Double(count) * 1e6))
        }
    }
case "parse":
    guard let file = options.positional.first, let data = FileManager.default.contents(atPath: file) else {
        print("parse needs a readable FILE"); exit(2)
    }
    let bytes = Array(data)
    var entries = 0
    // --parse-rounds, --apply-rounds, --one-core-rounds: each stage's rounds (default --rounds), 0 to skip it.
    let rounds = options.int("rounds", 5)
    let times = (0..<max(1, options.int("parse-rounds", rounds))).map { _ in seconds { entries = FeedParser().parse(bytes).entries.count } }
    report("parse \(file) (\(entries) entries, \(bytes.count) bytes)", times, per: entries, unit: "entry")
    let median = times.sorted()[times.count / 2]
    print(String(format: "throughput %.1f MB/s in process", Double(bytes.count) / median / 1e6))
    // Sanitizing and resolving the parsed feed's HTML (as parse --json does by default).
    let parsed = FeedParser().parse(bytes)
    let cleanTimes = (0..<options.int("apply-rounds", rounds)).map { _ in
        seconds {
            var f = parsed; ContentSafety.apply(to: &f)
        }
    }
    if !cleanTimes.isEmpty { report("sanitize + resolve the same feed's HTML", cleanTimes, per: max(1, entries), unit: "entry") }
    // The same work on one core, fragment by fragment: the cleaner's own cost.
    var fragments: [Text] = []
    for e in parsed.entries {
        let texts: [Text?] = [e.title, e.summary] + e.content.map { Optional($0) }
        for case let t? in texts where t.kind == .html || t.kind == .xhtml { fragments.append(t) }
    }
    let oneCore = (0..<options.int("one-core-rounds", rounds)).map { _ in
        seconds { for t in fragments { _ = HTMLCleaner.clean(t.value, options: .init(sanitize: true, base: t.base)) } }
    }
    // feedparser-shaped JSON of the cleaned feed, as parse --json writes it (both halves at once).
    let jsonRounds = options.int("json-rounds", rounds)
    var cleanedFeed = parsed
    if jsonRounds > 0 { ContentSafety.apply(to: &cleanedFeed) }
    var jsonBytes = 0
    let jsonTimes = (0..<jsonRounds).map { _ in
        seconds {
            jsonBytes = 0; FeedparserJSON.serialize(cleanedFeed, capacity: bytes.count * 3 / 2) { jsonBytes += $0.count }
        }
    }
    if !jsonTimes.isEmpty { report("feedparser JSON of the cleaned feed (\(jsonBytes) bytes)", jsonTimes, per: max(1, entries), unit: "entry") }
    if !oneCore.isEmpty { report("the same on one core (\(fragments.count) fragments)", oneCore, per: max(1, fragments.count), unit: "fragment") }
case "validate":
    guard let file = options.positional.first, let bytes = FileManager.default.contents(atPath: file).map({ [UInt8]($0) }) else {
        print("validate needs a readable FILE"); exit(2)
    }
    var found = 0
    let times = (0..<options.int("rounds", 7)).map { _ in seconds { found = FeedValidator().validate(bytes).diagnostics.count } }
    report("validate \(file) (\(bytes.count) bytes, \(found) diagnostics)", times, per: 1, unit: "document")
    let median = times.sorted()[times.count / 2]
    print(
        String(
            format: "throughput %.1f MB/s in process (min %.1f)", Double(bytes.count) / median / 1e6,
            Double(bytes.count) / times.min()! / 1e6))
case "serve":
    let count = options.int("feeds", 1000)
    let size = options.int("kb", 50) * 1000
    let hosts = max(1, options.int("hosts", 100))
    guard let configOut = options.values["config-out"] else { print("serve needs --config-out FILE"); exit(2) }
    let feeds = (0..<count).map { agencyFeed(index: $0, bytes: size) }
    let etags = (0..<count).map { "\"v1-\($0)\"" }
    // Bound to every loopback address, so sources can be spread over many "hosts" (127.0.0.x).
    let server = try LoopbackServer(host: "0.0.0.0") { request in
        guard request.path.hasPrefix("/feed/"), let n = Int(request.path.dropFirst(6)), n >= 0, n < count else { return .status(404) }
        if request.headers["if-none-match"] == etags[n] { return .status(304, headers: [("ETag", etags[n])]) }
        return .full(status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", etags[n])], body: feeds[n])
    }
    var yaml = """
        version: 1
        store: wire.sqlite
        poll:
          concurrency: 16
          per-host: 2
          timeout: 30s
        output:
          path: wire.atom
          id: "tag:example.org,2026:bench"
          title: "Bench wire"
          self: "https://example.org/bench.atom"
          site: "https://example.org/"
        sources:

        """
    for n in 0..<count {
        yaml += "  - {id: s\(n), name: Agency \(n), url: \"http://127.0.0.\(1 + n % hosts):\(server.port)/feed/\(n)\"}\n"
    }
    try yaml.write(toFile: configOut, atomically: true, encoding: .utf8)
    print("serving \(count) feeds of about \(size / 1000) KB on port \(server.port), \(hosts) hosts; config \(configOut)")
    fflush(nil)
    while true { sleep(3600) }
case "fill-store":
    guard let configPath = options.values["config"] else { print("fill-store needs --config FILE"); exit(2) }
    let config = try ConfigLoader.load(contentsOf: configPath)
    let store = try openStore(config.store)
    let total = options.int("entries", 100_000)
    let sources = max(1, options.int("sources", 100))
    let perSource = total / sources
    let started = DispatchTime.now().uptimeNanoseconds
    for s in 0..<sources {
        var feed = Feed()
        feed.title = Text("Agency \(s) World News")
        feed.id = "https://agency\(s).example/rss"
        feed.links = [Link(href: "https://agency\(s).example/", rel: "alternate")]
        var state = SourceState(id: "s\(s)", url: "https://agency\(s).example/rss")
        state.feed = SourceFeedInfo(feed)
        var batch: [StoredEntry] = []
        for i in 0..<perSource {
            var entry = Entry()
            let n = s * perSource + i
            entry.id = "https://agency\(s).example/news/\(n)"
            entry.title = Text("Report \(n): officials say talks on the grain corridor will resume next week")
            entry.links = [Link(href: "https://agency\(s).example/news/\(n)")]
            entry.published = DateValue(text: "", instant: Date(timeIntervalSince1970: 1_790_000_000 + Double(n) * 37))
            entry.published?.text = RFC3339.format(1_790_000_000 + Double(n) * 37)
            entry.authors = [Person(name: "Desk \(s)")]
            entry.categories = [Category(term: "World"), Category(term: "Europe")]
            entry.summary = Text("<p>" + String(repeating: "Officials met on \(n) to discuss the corridor. ", count: 8) + "</p>", kind: .html)
            entry.content = [
                Text(
                    "<p>" + String(repeating: "The talks, held behind closed doors, covered shipping and insurance. ", count: 20) + "</p>",
                    kind: .html)
            ]
            batch.append(
                StoredEntry(
                    entry: entry, in: .rss20, sourceID: "s\(s)", headline: "Report \(n): talks on grain corridor to resume",
                    mintAuthority: "example.org,2026", now: 1_790_000_000))
            if batch.count == 1000 {
                _ = try store.apply(batch, state: nil, now: 1_790_000_000)
                batch.removeAll(keepingCapacity: true)
            }
        }
        _ = try store.apply(batch, state: state, now: 1_790_000_000)
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    print(String(format: "stored %d entries from %d sources in %.1f s (%@)", try store.entryCount(), sources, elapsed, config.store))
default:
    print("unknown benchmark \(args[1])")
    exit(2)
}

/// A realistic agency RSS 2.0 feed of about `bytes` bytes, distinct for each index.
func agencyFeed(index: Int, bytes: Int) -> [UInt8] {
    var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
        <channel><title>Agency \(index) - World News</title><link>https://agency\(index).example/news/</link>
        <description>Latest world news from Agency \(index)</description><language>en</language><ttl>15</ttl>
        <atom:link href="https://agency\(index).example/rss/" rel="self" type="application/rss+xml"/>

        """
    var item = 0
    let headlines = headlines(200)
    while out.utf8.count < bytes - 200 {
        let n = index * 1000 + item
        out += """
            <item><title>\(headlines[item % headlines.count])</title>
            <link>https://agency\(index).example/news/\(n)-story/</link><guid isPermaLink="true">https://agency\(index).example/news/\(n)-story/</guid>
            <pubDate>Wed, 25 Nov 2026 \(String(format: "%02d:%02d", (item / 60) % 24, item % 60)):00 +0000</pubDate><dc:creator>Desk \(item % 7)</dc:creator>
            <category>World</category><category>Europe</category>
            <description><![CDATA[<p>Officials said on Wednesday that talks on item \(n) would continue. The statement followed a
            week of meetings in Istanbul and Geneva, where delegations discussed shipping, insurance and prices.</p>
            <p><img src="https://agency\(index).example/img/\(n).jpg" alt=""/> More details to follow.</p>]]></description>
            <media:thumbnail url="https://agency\(index).example/img/\(n)-thumb.jpg" width="320" height="180"/></item>

            """
        item += 1
    }
    return Array((out + "</channel></rss>\n").utf8)
}
