/// A whole document turned into UTF-8 the way the parser reads it (BOM, then the declared
/// encoding, then the fallbacks), for tools that need the text itself — the validator.
package struct DocumentText {
    /// The document as UTF-8, without its byte order mark.
    package var utf8: [UInt8]
    /// The encoding the bytes were read in.
    package var encoding: String
    /// The encoding the document declared (or implied), lower-cased.
    package var declared: String
    /// Whether the declared encoding is one this machine cannot convert.
    package var declaredIsUnknown: Bool
    /// Whether the bytes were not in the declared encoding, so another was used.
    package var overridden: Bool

    package init(_ bytes: [UInt8], charset: String? = nil) {
        let plan = EncodingPlan.make(head: bytes.prefix(1024), contentType: nil, charset: charset, fromHTTP: false)
        declared = plan.declared
        if var probe = try? Transcoder(encoding: plan.declared) {
            probe.close()
            declaredIsUnknown = false
        } else {
            declaredIsUnknown = true
        }
        let body = Array(bytes.dropFirst(plan.bomLength))
        for (index, candidate) in plan.candidates.enumerated() {
            guard var t = try? Transcoder(encoding: candidate) else { continue }
            defer { t.close() }
            var out: [UInt8] = []
            let ok: Bool? = body.withUnsafeBufferPointer { buffer in
                do {
                    let converted = try t.convert(buffer, final: true, into: &out)
                    if !converted { out = body }
                    return true
                } catch {
                    return nil
                }
            }
            if ok != nil {
                utf8 = out
                encoding = candidate
                overridden = index > 0 && candidate != plan.declared
                return
            }
        }
        utf8 = Array(String(decoding: body, as: UTF8.self).utf8)
        encoding = ""
        overridden = true
    }
}
