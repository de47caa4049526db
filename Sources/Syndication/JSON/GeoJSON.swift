import Foundation

/// GeoRSS (simple and GML) geometries as feedparser's `where`: GeoJSON-like, longitude first.
enum GeoJSON {
    static func geometry(_ e: ExtensionElement) -> JSONValue? {
        let prefix = e.namespace.flatMap(Namespace.feedparserPrefix)
        let name = e.name.lowercased()
        if prefix == "georss" {
            let text = e.text
            switch name {
            case "point": return point(text, swap: true, dims: 2) ?? .object([])
            case "line": return line(text, swap: true, dims: 2) ?? .object([])
            case "polygon": return polygon(text, swap: true, dims: 2) ?? .object([])
            case "box":
                guard let c = coordinates(text, swap: true, dims: 2) else { return .object([]) }
                return .object([("type", .string("Box")), ("coordinates", .array(c))])
            case "where":
                for child in e.children { if let g = gml(child) { return g } }
                return .object([])
            default: return nil
            }
        }
        if prefix == "gml" { return gml(e) }
        return nil
    }

    private static func gml(_ e: ExtensionElement) -> JSONValue? {
        guard e.namespace.flatMap(Namespace.feedparserPrefix) == "gml" else { return nil }
        let srs = e.attribute("srsName")
        let dims = Int(e.attribute("srsDimension") ?? "2") ?? 2
        var swap = true
        if let srs, srs.contains("EPSG"), let code = Int(srs.split(separator: ":").last ?? "") {
            swap = (4000..<5000).contains(code)
        }
        func find(_ names: Set<String>, in el: ExtensionElement) -> ExtensionElement? {
            if names.contains(el.name.lowercased()) { return el }
            for c in el.children { if let f = find(names, in: c) { return f } }
            return nil
        }
        switch e.name.lowercased() {
        case "point":
            guard let pos = find(["pos"], in: e) else { return .object([]) }
            return point(pos.text, swap: swap, dims: dims) ?? .object([])
        case "linestring":
            guard let list = find(["poslist"], in: e) else { return .object([]) }
            return line(list.text, swap: swap, dims: dims) ?? .object([])
        case "polygon":
            guard let list = find(["poslist"], in: e) else { return .object([]) }
            guard let ring = coordinates(list.text, swap: swap, dims: dims) else { return .object([]) }
            return .object([("type", .string("Polygon")), ("coordinates", .array([.array(ring)]))])
        case "envelope":
            guard let lower = find(["lowercorner"], in: e), let upper = find(["uppercorner"], in: e),
                let c = coordinates(lower.text + " " + upper.text, swap: swap, dims: dims)
            else { return .object([]) }
            return .object([("type", .string("Box")), ("coordinates", .array(c))])
        default:
            return nil
        }
    }

    private static func coordinates(_ text: String, swap: Bool, dims: Int) -> [JSONValue]? {
        let numbers = text.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        var values: [Double] = []
        for n in numbers { guard let v = Double(n) else { return nil }; values.append(v) }
        let step = dims == 3 ? 3 : 2
        var out: [JSONValue] = []
        var i = 0
        while i + step <= values.count {
            var t = [values[i], values[i + 1]]
            if swap { t.reverse() }
            if step == 3 { t.append(values[i + 2]) }
            out.append(.array(t.map { .double($0) }))
            i += step
        }
        return out
    }

    private static func point(_ text: String, swap: Bool, dims: Int) -> JSONValue? {
        guard let c = coordinates(text, swap: swap, dims: dims), let first = c.first else { return nil }
        return .object([("type", .string("Point")), ("coordinates", first)])
    }

    private static func line(_ text: String, swap: Bool, dims: Int) -> JSONValue? {
        guard let c = coordinates(text, swap: swap, dims: dims), !c.isEmpty else { return nil }
        return .object([("type", .string("LineString")), ("coordinates", .array(c))])
    }

    private static func polygon(_ text: String, swap: Bool, dims: Int) -> JSONValue? {
        guard let c = coordinates(text, swap: swap, dims: dims), c.count >= 4 else { return nil }
        return .object([("type", .string("Polygon")), ("coordinates", .array([.array(c)]))])
    }
}
