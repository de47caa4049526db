import Foundation
import HTTPTypes
import HouseStyle
import Hummingbird
import Logging
import Syndication
import Wire

extension Desk {
    /// `/desk`: the latest reports as an editor reads them, with filters and a search.
    func wire(_ request: Request, _ session: DeskSessions.Session) async throws -> Response {
        let context = await host.current()
        // A form sent with GET: `+` is a space, as in a form body.
        let query = Self.formFields(request.uri.query ?? "")
        let agency = query["agency"].flatMap { $0.isEmpty ? nil : $0 }
        let kind = query["kind"].flatMap { HeadlineKind(rawValue: $0) }
        let search = query["q"].map { Whitespace.collapse($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let limit = min(max(Int(query["limit"] ?? "") ?? 100, 1), 1_000)
        let entries = try context.store.latest(limit: limit, sourceID: agency, kind: kind, search: search)
        let now = Date().timeIntervalSince1970
        let rows = entries.map { row($0, context, now: now, csrf: session.csrf, back: request.uri.description) }
        return page(
            views.wire(
                editor: session.editor, csrf: session.csrf, rows: rows, agencies: context.config.sources.map { ($0.id, $0.name) },
                agency: agency, kind: kind?.rawValue, search: search))
    }

    func row(_ entry: StoredEntry, _ context: DeskContext, now: Double, csrf: String, back: String) -> [String: Any] {
        var row: [String: Any] = [
            "id": String(entry.sequence), "headline": entry.wireHeadline, "house": entry.title,
            "original": entry.headlineIsDerived ? "" : entry.originalTitle, "derived": entry.headlineIsDerived,
            "agency": context.names[entry.sourceID] ?? entry.sourceID, "when": RFC3339.format(entry.sortTime),
            "ago": RelativeTime.ago(entry.sortTime, now: now), "csrf": csrf, "back": back,
        ]
        if let link = entry.link, StoredEntry.isAbsoluteIRI(link) { row["link"] = link }
        if let editor = entry.editorHeadline {
            row["editor"] = editor.editor
            row["editedAt"] = RFC3339.format(editor.at)
            if let updated = editor.agencyUpdatedAt { row["agencyUpdated"] = RFC3339.format(updated) }
        }
        if let style = context.style {
            let explanation = HeadlineExplanation(entry: entry, style: style, source: context.styleKeys[entry.sourceID] ?? nil)
            row["steps"] = explanation.style.changes.map { ["rule": $0.rule, "before": $0.before, "after": $0.after, "undone": $0.undone] }
        }
        return row
    }

    /// `/desk/reports/ID`: why it reads so, the report's override history, the override form.
    func report(_ request: Request, id: Int64?, _ session: DeskSessions.Session) async throws -> Response {
        let context = await host.current()
        guard let id, let entry = try context.store.entry(sequence: id) else {
            return page(status: .notFound, views.message(title: "No such report", text: "It may have been deleted.", link: "/desk"))
        }
        let history = try context.store.headlineHistory(sourceID: entry.sourceID, key: entry.key).map {
            ["at": RFC3339.format($0.at), "editor": $0.editor, "action": $0.action.rawValue, "headline": $0.headline, "previous": $0.previous]
        }
        var explanation: [String] = []
        if let style = context.style {
            explanation = HeadlineExplanation(entry: entry, style: style, source: context.styleKeys[entry.sourceID] ?? nil).lines
        }
        var row = row(entry, context, now: Date().timeIntervalSince1970, csrf: session.csrf, back: "/desk/reports/\(id)")
        row["history"] = history
        row["explanation"] = explanation
        row["body"] = HTMLCleaner.clean(
            entry.content?.value ?? entry.summary?.value ?? "", options: .init(sanitize: true, base: entry.content?.base ?? entry.link))
        return page(views.report(editor: session.editor, csrf: session.csrf, row: row))
    }

    func setHeadline(id: Int64?, form: [String: String], _ session: DeskSessions.Session) async throws -> Response {
        let context = await host.current()
        guard let id, let entry = try context.store.entry(sequence: id) else {
            return page(status: .notFound, views.message(title: "No such report", text: "It may have been deleted.", link: "/desk"))
        }
        let headline = Whitespace.collapse(form["headline"] ?? "")
        guard !headline.isEmpty, headline.count <= 500 else {
            return page(
                status: .badRequest, views.message(title: "Not saved", text: "A headline has 1 to 500 characters.", link: "/desk/reports/\(id)"))
        }
        try context.store.setHeadline(headline, sourceID: entry.sourceID, key: entry.key, editor: session.editor, now: Date().timeIntervalSince1970)
        logger.info("desk: \(session.editor) set the headline of \(entry.atomID): \(headline)")
        await host.storeChanged()
        return redirect(Self.back(form["back"], default: "/desk/reports/\(id)"))
    }

    func clearHeadline(id: Int64?, _ session: DeskSessions.Session, back: String?) async throws -> Response {
        let context = await host.current()
        guard let id, let entry = try context.store.entry(sequence: id) else {
            return page(status: .notFound, views.message(title: "No such report", text: "It may have been deleted.", link: "/desk"))
        }
        if try context.store.clearHeadline(sourceID: entry.sourceID, key: entry.key, editor: session.editor, now: Date().timeIntervalSince1970)
            != nil
        {
            logger.info("desk: \(session.editor) cleared the headline of \(entry.atomID)")
            await host.storeChanged()
        }
        return redirect(Self.back(back, default: "/desk/reports/\(id)"))
    }

    /// Only a path on the desk: a form cannot send the editor elsewhere.
    static func back(_ back: String?, default fallback: String) -> String {
        guard let back, back.hasPrefix("/desk"), !back.contains("//"), !back.contains("\\") else { return fallback }
        return back
    }

    // MARK: Style

    func styleEditor(
        _ session: DeskSessions.Session, text: String?, preview: [String: Any]?, status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        let context = await host.current()
        guard let path = context.config.style else {
            return page(views.message(title: "No style", text: "The configuration names no style file.", link: "/desk"))
        }
        let current = text ?? (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return page(status: status, views.style(editor: session.editor, csrf: session.csrf, path: path, text: current, preview: preview))
    }

    /// Preview (nothing changes) or apply (the file replaced atomically, the old one kept as
    /// `FILE.bak`, the store re-headlined and the wire regenerated by the service).
    func style(_ form: [String: String], _ session: DeskSessions.Session) async throws -> Response {
        let context = await host.current()
        guard let path = context.config.style else {
            return page(views.message(title: "No style", text: "The configuration names no style file.", link: "/desk"))
        }
        let text = (form["style"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let count = min(max(Int(form["count"] ?? "") ?? 500, 1), 100_000)
        let style: HouseStyle
        do {
            style = try StyleLoader.load(yaml: text, file: path)
        } catch {
            return try await styleEditor(session, text: text, preview: ["error": error.description], status: .unprocessableContent)
        }
        if form["action"] == "apply" {
            let temporary = path + ".tmp-\(getpid())"
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: path) {
                try? FileManager.default.removeItem(atPath: path + ".bak")
                try FileManager.default.copyItem(atPath: path, toPath: path + ".bak")
            }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return page(
                    status: .internalServerError, views.message(title: "Not applied", text: "\(path) cannot be written.", link: "/desk/style"))
            }
            logger.info("desk: \(session.editor) applied a new style to \(path) (the previous one is \(path).bak)")
            await host.styleChanged()
            return redirect("/desk/style")
        }
        let changes = try Self.preview(style, context: context, count: count)
        return try await styleEditor(
            session, text: text, preview: ["changes": changes, "count": changes.count, "checked": min(count, try context.store.entryCount())])
    }

    /// What `style` would do to the latest `count` reports: each whose house headline changes,
    /// old → new with the rules' steps. Reports under an editor's headline are marked.
    static func preview(_ style: HouseStyle, context: DeskContext, count: Int) throws -> [[String: Any]] {
        let entries = try context.store.latest(limit: count)
        let grouped = Dictionary(grouping: entries.indices, by: { entries[$0].sourceID })
        var results: [Int: HouseStyle.Result] = [:]
        for (sourceID, indices) in grouped {
            let inputs = indices.map { entries[$0].headlineIsDerived ? (entries[$0].derivedHeadline ?? "") : entries[$0].originalTitle }
            for (index, result) in zip(indices, style.restyle(batch: inputs, source: context.styleKeys[sourceID] ?? nil)) {
                results[index] = result
            }
        }
        return entries.indices.compactMap { index -> [String: Any]? in
            let entry = entries[index]
            guard let result = results[index], result.headline != entry.title,
                !(entry.headlineIsDerived && HouseStyle.isBlank(entry.derivedHeadline ?? ""))
            else { return nil }
            var change: [String: Any] = [
                "id": String(entry.sequence), "agency": context.names[entry.sourceID] ?? entry.sourceID, "before": entry.title,
                "after": result.headline, "steps": result.changes.map { ["rule": $0.rule, "before": $0.before, "after": $0.after] },
            ]
            if let editor = entry.editorHeadline { change["editor"] = editor.editor }
            return change
        }
    }

    // MARK: Sources

    func sources(_ session: DeskSessions.Session) async throws -> Response {
        let context = await host.current()
        let states = try context.store.sourceStates()
        let newest = try context.store.lastNewReport()
        let now = Date().timeIntervalSince1970
        let rows: [[String: Any]] = context.config.sources.map { source in
            let state = states[source.id]
            var row: [String: Any] = ["id": source.id, "name": source.name, "url": Self.location(source.location), "csrf": session.csrf]
            if let state {
                row["status"] = state.lastStatus.map(String.init) ?? ""
                row["outcome"] = state.lastError ?? (state.lastSuccess != nil ? "ok" : "")
                row["errors"] = String(state.errorCount)
                row["next"] = state.nextCheck.map(RFC3339.format) ?? ""
                row["checked"] = state.lastCheck.map { RelativeTime.ago($0, now: now) } ?? ""
                if let disabled = state.disabled { row["disabled"] = disabled }
            }
            if let seen = newest[source.id] {
                row["newest"] = RelativeTime.ago(seen, now: now)
                if let quiet = source.quietAfter, now - seen > quiet { row["quiet"] = true }
            } else if source.quietAfter != nil {
                row["quiet"] = true
            }
            return row
        }
        return page(views.sources(editor: session.editor, csrf: session.csrf, rows: rows))
    }

    static func location(_ location: SourceConfig.Location) -> String {
        switch location {
        case .http(let url): return url
        case .file(let path): return path
        }
    }

    func sourceAction(_ id: String, enable: Bool) async throws -> Response {
        let context = await host.current()
        guard context.config.sources.contains(where: { $0.id == id }) else {
            return page(status: .notFound, views.message(title: "No such source", text: id, link: "/desk/sources"))
        }
        let now = Date().timeIntervalSince1970
        if enable { try context.store.enable(id, now: now) } else { try context.store.makeDue(id, now: now) }
        await host.pollSoon()
        return redirect("/desk/sources")
    }
}
