import Syndication

extension ValidationReport {
    /// The diagnostics as the JSON list `validate --format json` prints (and the conformance
    /// harness reads): one object per diagnostic with severity, code, line, column, message and
    /// params; a newline at the end.
    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + diagnostics.count * 160)
        w.beginArray()
        for d in diagnostics {
            w.beginObject()
            w.field("severity", d.severity.rawValue)
            w.field("code", d.code)
            w.key("line"); w.int(d.line)
            w.key("column"); w.int(d.column)
            w.field("message", d.message)
            if let why = MessageClass.named[d.code]?.deliberateDifference { w.field("deliberate", why) }
            w.key("params")
            w.beginObject()
            for p in d.parameters { w.field(p.name, p.value) }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        return w.out + [0x0A]
    }
}
