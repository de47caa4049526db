/// `max-length`: a longer headline is cut at the last word boundary that fits, and the
/// ellipsis is appended within the limit. Lengths count characters as readers see them.
public struct MaxLengthRule: HeadlineRule {
    public let name = "max-length"
    let limit: Int
    let ellipsis: String

    public init(chars: Int, ellipsis: String = "…") {
        self.limit = chars
        self.ellipsis = ellipsis
    }

    public func apply(_ headline: String) -> String {
        guard headline.count > limit else { return headline }
        let room = limit - ellipsis.count
        guard room > 0 else { return String(headline.prefix(limit)) }
        let head = Array(headline.prefix(room + 1))
        // The last space at or before `room`: the words before it fit whole.
        var cut = room
        if !head[room].isWhitespace {
            if let space = head[..<room].lastIndex(where: { $0.isWhitespace }), space > 0 { cut = space }
        }
        var kept = String(head[..<cut])
        while let last = kept.last, last.isWhitespace || ",;:–—-".contains(last) { kept.removeLast() }
        if kept.isEmpty { kept = String(head[..<room]) }
        return kept + ellipsis
    }
}
