import Foundation
import HouseStyle
import Syndication

// mediawire-bench: in-process benchmarks, medians of several rounds.
//   mediawire-bench restyle [--count N] [--rounds R] [--style FILE]
//   mediawire-bench parse FILE [--rounds R]

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
    print(String(format: "%@: median %.3f s (min %.3f, max %.3f) over %d rounds; %.2f µs per %@",
                 name, median, sorted.first!, sorted.last!, times.count, median / Double(per) * 1e6, unit))
}

/// Headlines in the shapes agencies write them, deterministic for a given count.
func headlines(_ count: Int) -> [String] {
    let subjects = ["Kremlin", "EU", "NATO", "Tehran", "Macron", "Trump", "Kyiv officials", "Moscow", "UK government", "Iran's FM",
                    "US senators", "Ukrainian forces", "Russia's central bank", "Chinese envoy", "Tasnim sources"]
    let verbs = ["warns", "says", "rejects", "slams", "backs", "denies", "confirms", "vows to block", "calls for", "weighs"]
    let objects = ["new sanctions package", "peace talks in Istanbul", "oil price cap", "&quot;provocative&quot; drills",
                   "grain deal extension", "'illegal' asset seizure", "energy tariffs of 5 per cent", "Dnipro strike claims",
                   "election interference report", "gas transit through Ukraine"]
    let prefixes = ["", "", "", "BREAKING: ", "VIDEO: ", "EXCLUSIVE: ", ""]
    let suffixes = ["", " - Reuters", " | AP", " - RT World News", " (+ Video)", "", " &amp; more", ""]
    var out: [String] = []
    out.reserveCapacity(count)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
    for i in 0..<count {
        var h = prefixes[next(prefixes.count)] + subjects[next(subjects.count)] + " " + verbs[next(verbs.count)] + " "
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
        times.append(seconds {
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
    let sequential = input.enumerated().filter { sources[$0.offset] == nil }.map { style.restyle($0.element) }
        + input.enumerated().filter { sources[$0.offset] != nil }.map { style.restyle($0.element, source: "tasnim") }
    guard batched == sequential else { print("batch results differ from sequential ones"); exit(1) }
    report("restyle \(count) headlines as a batch on \(ProcessInfo.processInfo.activeProcessorCount) cores (same results)",
           batchTimes, per: count, unit: "headline")
    if options.values["per-rule"] != nil {
        // Each rule alone over the same headlines: where the time goes.
        for rule in style.rules {
            let t = seconds { for h in input { _ = rule.apply(h) } }
            print(String(format: "  %-16@ %.3f s (%.2f µs per headline)", rule.name, t, t / Double(count) * 1e6))
        }
    }
case "parse":
    guard let file = options.positional.first, let data = FileManager.default.contents(atPath: file) else { print("parse needs a readable FILE"); exit(2) }
    let bytes = Array(data)
    var entries = 0
    let times = (0..<options.int("rounds", 5)).map { _ in seconds { entries = FeedParser().parse(bytes).entries.count } }
    report("parse \(file) (\(entries) entries, \(bytes.count) bytes)", times, per: entries, unit: "entry")
    let median = times.sorted()[times.count / 2]
    print(String(format: "throughput %.1f MB/s in process", Double(bytes.count) / median / 1e6))
default:
    print("unknown benchmark \(args[1])")
    exit(2)
}
