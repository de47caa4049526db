/// Parses RSS (0.90 to 2.0), Atom (0.3, 1.0) and JSON Feed documents into a ``Feed``.
///
/// Parsing never throws: a document that is broken is salvaged as far as it goes, and what was
/// wrong is in ``Feed/problems``. Use ``FeedParser/session()`` to feed bytes as they arrive.
public struct FeedParser: Sendable {
    public struct Options: Sendable {
        public var limits: ParseLimits
        /// The HTTP `Content-Type` the document came with; `nil` for a file.
        public var contentType: String?
        /// A charset known better than the document's own declaration.
        public var charset: String?
        /// The document's own URL (or `Content-Location`): the base for relative links.
        public var baseURL: String?
        /// HTTP `Content-Language`: the language when the document names none.
        public var contentLanguage: String?
        /// Whether the document came over HTTP (RFC 3023 rules then apply to its media type).
        public var fromHTTP: Bool
        /// Told of each entry as soon as it is complete (index, entry), while parsing goes on: work
        /// on entries can start before the document ends. An entry may be told again after an
        /// encoding restart; the entries in the finished feed are the ones that count.
        public var entryObserver: (@Sendable (Int, Entry) -> Void)?

        public init(
            limits: ParseLimits = .default, contentType: String? = nil, charset: String? = nil,
            baseURL: String? = nil, contentLanguage: String? = nil, fromHTTP: Bool = false
        ) {
            self.limits = limits
            self.contentType = contentType
            self.charset = charset
            self.baseURL = baseURL
            self.contentLanguage = contentLanguage
            self.fromHTTP = fromHTTP
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses a whole document.
    public func parse<Bytes: Collection>(_ bytes: Bytes) -> Feed where Bytes.Element == UInt8 {
        parse(bytes as? [UInt8] ?? Array(bytes))
    }

    /// Parses a whole document held in an array (without copying it).
    public func parse(_ bytes: [UInt8]) -> Feed {
        let session = session()
        session.pushWhole(bytes)
        return session.finish()
    }

    /// An incremental parse: push chunks as they arrive, then ``FeedParsingSession/finish()``.
    public func session() -> FeedParsingSession {
        FeedParsingSession(options: options)
    }
}

/// One document being parsed from a stream of chunks.
public final class FeedParsingSession {
    private let options: FeedParser.Options
    private var received: [UInt8] = []
    private var plan: EncodingPlan?
    private var candidate = 0
    private var transcoder: Transcoder?
    private var builder: FeedBuilder?
    private var driver: SAXDriver?
    private var lossy = false
    private var limitProblem: ParseProblem?
    private var scratch: [UInt8] = []

    init(options: FeedParser.Options) {
        self.options = options
    }

    /// Whether the parse has ended early (a limit was hit); further chunks are ignored.
    public var isStopped: Bool { limitProblem != nil || (builder?.stopped ?? false) }

    /// Takes a whole document at once: it is kept by reference (for a restart in another
    /// encoding) and fed to libxml2 in slices.
    func pushWhole(_ bytes: [UInt8]) {
        guard received.isEmpty, bytes.count <= options.limits.maxBytes else {
            var offset = 0
            repeat {
                let end = min(offset + 256 * 1024, bytes.count)
                push(bytes[offset..<end])
                offset = end
            } while offset < bytes.count && !isStopped
            return
        }
        received = bytes
        begin()
    }

    /// Feeds the next chunk of the document.
    public func push<Bytes: Collection>(_ chunk: Bytes) where Bytes.Element == UInt8 {
        guard !isStopped else { return }
        if received.count + chunk.count > options.limits.maxBytes {
            let room = max(0, options.limits.maxBytes - received.count)
            let head = Array(chunk.prefix(room))
            received.append(contentsOf: head)
            if plan != nil, plan?.isJSON == false { feedCurrent(head, final: false) }
            limitProblem = ParseProblem(.limitExceeded, "document is larger than \(options.limits.maxBytes) bytes")
            return
        }
        let start = received.count
        received.append(contentsOf: chunk)
        if plan == nil {
            guard received.count >= 1024 else { return }
            begin()
            return
        }
        if plan!.isJSON { return }
        received.withUnsafeBufferPointer { feedCurrent(UnsafeBufferPointer(rebasing: $0[start...]), final: false) }
    }

    /// Ends the document and returns what was read.
    public func finish() -> Feed {
        if plan == nil { begin() }
        guard let plan else { return Feed() }
        if plan.isJSON {
            var feed = JSONFeedReader.read(received, baseURL: options.baseURL)
            feed.encoding = plan.declared
            return feed
        }
        feedCurrent([UInt8](), final: true)
        driver?.finish()
        var feed = builder?.feed ?? Feed()
        var problems = builder?.problems ?? []
        if let limitProblem { problems.append(limitProblem) }
        if lossy {
            problems.append(
                ParseProblem(.encodingUnknown, "document encoding unknown, I tried \(plan.candidates.joined(separator: ", ")) but nothing worked"))
            feed.encoding = ""
        } else {
            let used = plan.candidates[candidate]
            feed.encoding = used
            if used != plan.declared {
                problems.append(ParseProblem(.encodingOverride, "document declared as \(plan.declared), but parsed as \(used)"))
            }
        }
        if let nonXML = plan.nonXMLContentType { problems.append(ParseProblem(.nonXMLContentType, nonXML)) }
        feed.problems = problems
        driver = nil
        transcoder?.close()
        return feed
    }

    private func begin() {
        plan = EncodingPlan.make(
            head: received.prefix(1024), contentType: options.contentType, charset: options.charset,
            fromHTTP: options.fromHTTP)
        if plan!.isJSON { return }
        candidate = 0
        restart()
    }

    /// Starts over with the current candidate encoding, from the first byte received.
    private func restart() {
        guard let plan else { return }
        transcoder?.close()
        transcoder = nil
        while candidate < plan.candidates.count {
            if let t = try? Transcoder(encoding: plan.candidates[candidate]) { transcoder = t; break }
            candidate += 1
        }
        if transcoder == nil { lossy = true }
        let encoding = lossy ? "" : plan.candidates[candidate]
        let b = FeedBuilder(
            limits: options.limits, documentBase: options.baseURL, language: options.contentLanguage,
            repairMojibake: Transcoder.iconvName(encoding) == "UTF-8")
        b.entryObserver = options.entryObserver
        builder = b
        driver = SAXDriver(receiver: b)
        guard received.count > plan.bomLength else { return }
        received.withUnsafeBufferPointer { all in
            var offset = plan.bomLength
            while offset < all.count && !isStopped && driver != nil {
                let end = min(offset + 256 * 1024, all.count)
                let before = candidate
                feedCurrent(UnsafeBufferPointer(rebasing: all[offset..<end]), final: false)
                if candidate != before { return }  // restarted in another encoding, which fed everything
                offset = end
            }
        }
    }

    /// Pushes UTF-8 to libxml2, without the C0 control characters XML forbids: libxml2 stops at
    /// them even in recovery mode, and a stray NUL must not cost the rest of the feed.
    private func push(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let driver else { return }
        guard ControlCharacters.contains(utf8) else { driver.push(utf8); return }
        builder?.invalidControlCharacters()
        let cleaned = ControlCharacters.removing(utf8)
        cleaned.withUnsafeBufferPointer { driver.push($0) }
    }

    private func feedCurrent<Bytes: Collection>(_ bytes: Bytes, final: Bool) where Bytes.Element == UInt8 {
        guard driver != nil else { return }
        if lossy {
            let text = Array(String(decoding: Array(bytes), as: UTF8.self).utf8)
            text.withUnsafeBufferPointer { push($0) }
            return
        }
        guard transcoder != nil else { return }
        scratch.removeAll(keepingCapacity: true)
        let contiguous: [UInt8]? = (bytes as? UnsafeBufferPointer<UInt8>) == nil ? Array(bytes) : nil
        do {
            let converted: Bool
            if let contiguous {
                converted = try contiguous.withUnsafeBufferPointer { try transcoder!.convert($0, final: final, into: &scratch) }
                if converted { scratch.withUnsafeBufferPointer { push($0) } } else { contiguous.withUnsafeBufferPointer { push($0) } }
            } else {
                let buffer = bytes as! UnsafeBufferPointer<UInt8>
                converted = try transcoder!.convert(buffer, final: final, into: &scratch)
                if converted { scratch.withUnsafeBufferPointer { push($0) } } else { push(buffer) }
            }
        } catch {
            // Not in this encoding after all: start again with the next candidate.
            candidate += 1
            restart()
            if final { feedCurrent([UInt8](), final: true) }
        }
    }
}
