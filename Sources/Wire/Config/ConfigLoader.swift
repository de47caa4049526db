import Foundation
import HouseStyle
import Yams

/// Reads `wire.yaml`. Unknown keys and invalid values are errors naming the line; nothing of a
/// configuration with an error is used.
public enum ConfigLoader {
    public static func load(contentsOf path: String) throws(ConfigError) -> WireConfig {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigError(.unreadable, file: path, message: "cannot read the configuration file")
        }
        return try load(
            yaml: String(decoding: data, as: UTF8.self), file: path,
            directory: (absolute as NSString).deletingLastPathComponent)
    }

    public static func load(yaml: String, file: String, directory: String) throws(ConfigError) -> WireConfig {
        if let (line, message) = YAMLErrors.refusal(yaml) { throw ConfigError(.notYAML, file: file, line: line, message: message) }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw ConfigError(.invalid, file: file, line: 1, message: "the file is empty") }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(.notYAML, file: file, line: YAMLErrors.line(of: error), message: "not valid YAML: \(error)")
        }
        return try Reader(file: file, directory: directory).config(root)
    }
}

private struct Reader {
    let file: String
    let directory: String

    func fail(_ node: Node?, _ message: String) -> ConfigError {
        ConfigError(.invalid, file: file, line: node?.mark?.line, message: message)
    }

    func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws(ConfigError) -> [String: (Node, Node)] {
        guard case .mapping(let m) = node else { throw fail(node, "\(what) must be a mapping") }
        var out: [String: (Node, Node)] = [:]
        for (k, v) in m {
            guard let key = k.string else { throw fail(k, "keys of \(what) must be text") }
            guard allowed.contains(key) else {
                throw fail(k, "unknown key '\(key)' in \(what) (expected: \(allowed.sorted().joined(separator: ", ")))")
            }
            out[key] = (k, v)
        }
        return out
    }

    func text(_ node: Node, _ what: String) throws(ConfigError) -> String {
        guard let s = node.scalar?.string, !s.isEmpty else { throw fail(node, "\(what) must be text") }
        return s
    }

    func positive(_ node: Node, _ what: String) throws(ConfigError) -> Int {
        guard let n = node.int, n > 0 else { throw fail(node, "\(what) must be a positive whole number") }
        return n
    }

    /// Durations: `30s`, `15m`, `2h`, `1d`, or plain seconds.
    func duration(_ node: Node, _ what: String) throws(ConfigError) -> Double {
        let raw = try text(node, what).trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, scale) in units where raw.hasSuffix(suffix) {
            if let v = Double(raw.dropLast(suffix.count)), v > 0 { return v * scale }
        }
        if let v = Double(raw), v > 0 { return v }
        throw fail(node, "\(what) must be a duration such as 30s, 15m, 2h")
    }

    /// Sizes: `20MiB`, `512KiB`, `1GB`, or plain bytes.
    func size(_ node: Node, _ what: String) throws(ConfigError) -> Int {
        let raw = try text(node, what).replacingOccurrences(of: " ", with: "").lowercased()
        let units: [(String, Double)] = [("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("kb", 1000), ("mb", 1e6), ("gb", 1e9), ("b", 1)]
        for (suffix, scale) in units where raw.hasSuffix(suffix) {
            if let v = Double(raw.dropLast(suffix.count)), v > 0 { return Int(v * scale) }
        }
        if let v = Int(raw), v > 0 { return v }
        throw fail(node, "\(what) must be a size such as 20MiB")
    }

    func path(_ p: String) -> String {
        if p.hasPrefix("/") { return (p as NSString).standardizingPath }
        return ((directory as NSString).appendingPathComponent(p) as NSString).standardizingPath
    }

    func absoluteIRI(_ node: Node, _ what: String, httpOnly: Bool) throws(ConfigError) -> String {
        let s = try text(node, what)
        guard let colon = s.firstIndex(of: ":"), colon > s.startIndex,
            s[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else {
            throw fail(node, "\(what) must be an absolute IRI")
        }
        if httpOnly {
            let scheme = s[..<colon].lowercased()
            guard scheme == "http" || scheme == "https", s.dropFirst(scheme.count + 1).hasPrefix("//") else {
                throw fail(node, "\(what) must be an http(s) URL")
            }
        }
        return s
    }

    func config(_ root: Node) throws(ConfigError) -> WireConfig {
        let top = try mapping(root, "the configuration", allowed: ["version", "store", "style", "poll", "output", "serve", "sources", "editors"])
        guard let (_, versionNode) = top["version"] else { throw fail(root, "missing 'version: 1'") }
        guard versionNode.int == 1 else { throw fail(versionNode, "unsupported version (expected 1)") }
        var store = path(".mediawire/wire.sqlite")
        if let (_, v) = top["store"] {
            let value = try text(v, "store")
            if StoreLocation.isURL(value) {
                // A server: the URL is checked here, so a wrong one is named with its line.
                do throws(StoreError) {
                    _ = try StoreLocation.postgres(value)
                } catch {
                    throw fail(v, error.message)
                }
                store = value
            } else {
                store = path(value)
            }
        }
        let style = try top["style"].map { (_, v) throws(ConfigError) in path(try text(v, "style")) }

        var poll = PollSettings()
        if let (_, node) = top["poll"] {
            let p = try mapping(
                node, "poll",
                allowed: [
                    "concurrency", "per-host", "timeout", "max-bytes", "user-agent",
                    "min-interval", "max-interval", "default-interval", "lease",
                ])
            if let (_, v) = p["concurrency"] { poll.concurrency = try positive(v, "concurrency") }
            if let (_, v) = p["per-host"] { poll.perHost = try positive(v, "per-host") }
            if let (_, v) = p["timeout"] { poll.timeout = try duration(v, "timeout") }
            if let (_, v) = p["max-bytes"] { poll.maxBytes = try size(v, "max-bytes") }
            if let (_, v) = p["user-agent"] { poll.userAgent = try text(v, "user-agent") }
            if let (_, v) = p["min-interval"] { poll.minInterval = try duration(v, "min-interval") }
            if let (_, v) = p["max-interval"] { poll.maxInterval = try duration(v, "max-interval") }
            if let (_, v) = p["default-interval"] { poll.defaultInterval = try duration(v, "default-interval") }
            if let (_, v) = p["lease"] {
                poll.lease = try duration(v, "lease")
                if poll.lease < poll.timeout { throw fail(v, "lease is shorter than timeout: a source could be fetched twice") }
            } else {
                // Unless given, a lease outlasts a whole fetch however long the timeout.
                poll.lease = max(poll.lease, poll.timeout * 2 + 60)
            }
            if poll.minInterval > poll.maxInterval { throw fail(node, "min-interval is longer than max-interval") }
        }

        guard let (_, outputNode) = top["output"] else { throw fail(root, "missing 'output' (path, id, title, self, site)") }
        let o = try mapping(
            outputNode, "output",
            allowed: [
                "path", "id", "title", "subtitle", "self", "site", "hub", "limit",
                "author", "archive-size", "archive-dir",
            ])
        func required(_ key: String) throws(ConfigError) -> Node {
            guard let (_, v) = o[key] else { throw fail(outputNode, "output needs '\(key)'") }
            return v
        }
        var output = OutputSettings(
            path: path(try text(try required("path"), "output path")),
            id: try absoluteIRI(try required("id"), "output id", httpOnly: false),
            title: try text(try required("title"), "output title"),
            selfURL: try absoluteIRI(try required("self"), "output self", httpOnly: true),
            site: try absoluteIRI(try required("site"), "output site", httpOnly: true))
        if let (_, v) = o["subtitle"] { output.subtitle = try text(v, "subtitle") }
        if let (_, v) = o["hub"] { output.hub = try absoluteIRI(v, "hub", httpOnly: true) }
        if let (_, v) = o["limit"] { output.limit = try positive(v, "limit") }
        if let (_, v) = o["author"] { output.author = try text(v, "author") }
        if let (_, v) = o["archive-size"] { output.archiveSize = try positive(v, "archive-size") }
        if let (_, v) = o["archive-dir"] { output.archiveDirectory = path(try text(v, "archive-dir")) }

        var serve = ServeSettings()
        if let (_, node) = top["serve"] {
            let s = try mapping(node, "serve", allowed: ["listen", "max-age", "page-size", "disclaimer", "tick"])
            if let (_, v) = s["listen"] {
                guard let address = ServeSettings.listenAddress(try text(v, "listen")) else {
                    throw fail(v, "listen must be HOST:PORT, e.g. 127.0.0.1:8080")
                }
                (serve.host, serve.port) = address
            }
            if let (_, v) = s["max-age"] { serve.maxAge = try duration(v, "max-age") }
            if let (_, v) = s["page-size"] { serve.pageSize = try positive(v, "page-size") }
            if let (_, v) = s["disclaimer"] { serve.disclaimer = try text(v, "disclaimer") }
            if let (_, v) = s["tick"] { serve.tick = try duration(v, "tick") }
        }

        guard let (_, sourcesNode) = top["sources"] else { throw fail(root, "missing 'sources'") }
        guard case .sequence(let list) = sourcesNode else { throw fail(sourcesNode, "sources must be a list") }
        var sources: [SourceConfig] = []
        var seen: [String: Int] = [:]
        for item in list {
            let s = try source(item)
            if let first = seen[s.id] { throw fail(item, "source id '\(s.id)' is used twice (first on line \(first))") }
            seen[s.id] = s.line ?? 0
            sources.append(s)
        }
        var config = WireConfig(file: file, store: store, style: style, poll: poll, output: output, sources: sources)
        config.serve = serve
        if let (_, node) = top["editors"] {
            guard case .sequence(let list) = node else { throw fail(node, "editors must be a list of {name, password}") }
            for item in list {
                let e = try mapping(item, "an editor", allowed: ["name", "password"])
                guard let (_, nameNode) = e["name"], let (_, hashNode) = e["password"] else {
                    throw fail(item, "an editor needs 'name' and 'password' (a bcrypt hash: mediawire editors add NAME)")
                }
                let name = try text(nameNode, "name"), hash = try text(hashNode, "password")
                guard hash.hasPrefix("$2") && hash.count == 60 else {
                    throw fail(hashNode, "the password of '\(name)' is not a bcrypt hash (write it with: mediawire editors add \(name))")
                }
                if config.editors.contains(where: { $0.name == name }) { throw fail(item, "editor '\(name)' is listed twice") }
                config.editors.append(EditorAccount(name: name, passwordHash: hash, line: item.mark?.line))
            }
        }
        return config
    }

    func source(_ node: Node) throws(ConfigError) -> SourceConfig {
        let m = try mapping(node, "a source", allowed: ["id", "name", "url", "interval", "style", "headers", "content", "quiet-after"])
        guard let (_, idNode) = m["id"] else { throw fail(node, "a source needs an 'id'") }
        let id = try text(idNode, "id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw fail(idNode, "id '\(id)' may use only letters, digits, - and _")
        }
        guard let (_, urlNode) = m["url"] else { throw fail(node, "source '\(id)' needs a 'url'") }
        let url = try text(urlNode, "url")
        let location: SourceConfig.Location
        let lower = url.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            location = .http(url)
        } else if lower.hasPrefix("file://") {
            location = .file(String(url.dropFirst(7)))
        } else if url.contains("://") || (url.firstIndex(of: ":").map { url[..<$0].allSatisfy(\.isLetter) && url[..<$0].count > 1 } ?? false) {
            throw fail(urlNode, "url '\(url)' must be https:, http:, file: or a path")
        } else {
            location = .file(path(url))
        }
        var headers: [String: String] = [:]
        if let (_, h) = m["headers"] {
            guard case .mapping(let hm) = h else { throw fail(h, "headers must be a mapping of name: value") }
            for (k, v) in hm {
                guard let name = k.string, let value = v.scalar?.string else { throw fail(k, "headers must be a mapping of name: value") }
                headers[name] = value
            }
        }
        var content = ContentMode.sanitize
        if let (_, c) = m["content"] {
            guard let raw = c.scalar?.string, let mode = ContentMode(rawValue: raw) else {
                throw fail(c, "content must be sanitize or preserve")
            }
            content = mode
        }
        return SourceConfig(
            id: id, name: try m["name"].map { (_, v) throws(ConfigError) in try text(v, "name") } ?? id,
            location: location,
            interval: try m["interval"].map { (_, v) throws(ConfigError) in try duration(v, "interval") },
            style: try m["style"].map { (_, v) throws(ConfigError) in try text(v, "style") },
            headers: headers, content: content,
            quietAfter: try m["quiet-after"].map { (_, v) throws(ConfigError) in try duration(v, "quiet-after") },
            line: node.mark?.line)
    }
}
