import Foundation
import Testing

@testable import HouseStyle

@Suite struct StyleLoaderTests {
    /// The exact shape the issue specifies must load.
    let issueExample = #"""
        version: 1
        proper-nouns: [EU, UK, US, NATO, Kremlin, Moscow, Kiev, Ukraine, Russia, Iran, Tehran, Trump, Macron]
        rules:                                   # applied in order to every headline
          - decode-entities                      # &amp; &#8217; &quot; → characters
          - strip: ['\s+[-|–—]\s+(Reuters|AP|AFP|RT World News)$', '^(BREAKING|EXCLUSIVE|VIDEO|WATCH):\s*']
          - replace: {Kyiv: Kiev, Dnipro: Dnepropetrovsk}
          - quotes: single-curly                 # straight | single-curly | double-curly
          - case: sentence                       # sentence | title | keep
          - regex: {pattern: '\bper cent\b', replace: 'percent'}
          - max-length: {chars: 110, ellipsis: "…"}
        sources:                                 # extra rules for one source id, run after the global ones
          tasnim:
            rules:
              - strip: ['\s*\(\+\s*(Video|Photos?)\)$']
        """#

    @Test func issueExampleLoadsAndWorks() throws {
        let style = try StyleLoader.load(yaml: issueExample)
        #expect(style.rules.map(\.name) == ["decode-entities", "strip", "replace", "quotes", "case", "regex", "max-length"])
        #expect(style.sourceRules["tasnim"]?.count == 1)
        #expect(style.restyle("BREAKING: Blasts Rock KYIV Suburbs, Dnipro - Reuters").headline == "Blasts rock Kiev suburbs, Dnepropetrovsk")
        #expect(style.restyle("Iran&#8217;s Oil Exports Up 5 per cent").headline == "Iran’s oil exports up 5 percent")
    }

    @Test func bundledStyleLoads() throws {
        let style = try StyleLoader.load(contentsOf: "feeds/house-style.yaml")
        #expect(style.restyle("Iran FM visits Moscow (+ Video)", source: "tasnim").headline == "Iran FM visits Moscow")
    }

    func error(_ yaml: String) -> StyleError? {
        do { _ = try StyleLoader.load(yaml: yaml, file: "style.yaml"); return nil } catch { return error }
    }

    @Test func unknownRuleNamesFileLineAndRule() throws {
        let e = try #require(error("version: 1\nrules:\n  - decode-entities\n  - shout: loud\n"))
        #expect(e.file == "style.yaml")
        #expect(e.line == 4)
        #expect(e.rule == "shout")
        #expect(e.description.hasPrefix("style.yaml:4: rule 'shout': "))
    }

    @Test func badRegexIsCaughtAtLoad() throws {
        let e = try #require(error("version: 1\nrules:\n  - regex: {pattern: '(oops', replace: x}\n"))
        #expect(e.line == 3)
        #expect(e.rule == "regex")
        #expect(e.message.contains("bad regex"))
    }

    @Test(arguments: [
        ("version: 1\nrules:\n  - case: loud\n", 3, "case"),
        ("version: 1\nrules:\n  - quotes: [a]\n", 3, "quotes"),
        ("version: 1\nrules:\n  - max-length: {chars: -3}\n", 3, "max-length"),
        ("version: 1\nrules:\n  - strip\n", 3, "strip"),
        ("version: 1\nrules:\n  - replace: [Kyiv]\n", 3, "replace"),
    ])
    func wrongTypes(yaml: String, line: Int, rule: String) throws {
        let e = try #require(error(yaml), "\(yaml) should not load")
        #expect(e.line == line, "\(e)")
        #expect(e.rule == rule, "\(e)")
    }

    @Test func structuralErrors() throws {
        #expect(try #require(error("rules: []\n")).message.contains("version"))
        #expect(try #require(error("version: 2\n")).message.contains("unsupported version"))
        #expect(try #require(error("version: 1\ncolour: red\n")).line == 2)
        #expect(try #require(error("version: 1\nrules: [\n")).message.contains("YAML"))
        #expect(try #require(error("version: 1\nsources:\n  x:\n    rulez: []\n")).line == 4)
    }

    @Test func aBrokenStyleNeverLoadsHalfWay() {
        // The first rules are fine; the last is not: nothing loads.
        #expect(error("version: 1\nrules:\n  - decode-entities\n  - case: sentence\n  - strip: ['[']\n") != nil)
    }
}

/// What a MediaWire YAML file may hold before it reaches the YAML library.
@Suite struct YAMLRefusalTests {
    @Test func complexKeysDeepNestingAndHugeFilesAreRefusedWithTheirLine() {
        #expect(YAMLErrors.refusal("version: 1\n? [a, b]\n: c\n")?.line == 2)
        #expect(YAMLErrors.refusal("rules:\n  - ? x\n")?.line == 2)
        #expect(YAMLErrors.refusal("a: {? b: c}\n")?.line == 1)
        #expect(
            YAMLErrors.refusal("a: " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65))?.message
                == "nesting deeper than 64 levels")
        #expect(YAMLErrors.refusal(String(repeating: "- ", count: 65) + "x\n") != nil)
        #expect(YAMLErrors.refusal(String(repeating: "a", count: (1 << 20) + 1))?.message == "the file is larger than 1 MiB")
    }

    @Test func ordinaryFilesPass() throws {
        for text in [
            "title: \"What? Where?\"\nsub: what ? yes\nq: 'is it? ''yes'''\n# a comment? yes\n",
            "rules:\n  - strip: ['(?i)\\s*\\(\\+\\s*(Video|Photos?)\\)$', (?x) a b]\n  - regex: {pattern: \\d+?, replace: x}\n",
            "a: \"quoted \\\" ? inside\"\n",
        ] {
            #expect(YAMLErrors.refusal(text) == nil, "\(text)")
        }
        for file in ["feeds/house-style.yaml", "feeds/demo.yaml"] {
            #expect(YAMLErrors.refusal(try String(contentsOfFile: file, encoding: .utf8)) == nil, "\(file)")
        }
    }
}
