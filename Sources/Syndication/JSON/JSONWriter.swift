/// Writes JSON straight into a byte buffer, tracking commas and the keys of open objects.
package struct JSONWriter {
    package private(set) var out: [UInt8]
    private var first: [Bool] = [true]
    /// Keys written so far in each open object that asked for them (`nil` for the others).
    private var keys: [[String]?] = [nil]

    package init(capacity: Int) {
        out = []
        out.reserveCapacity(capacity)
    }

    package var currentKeys: [String] { (keys.last ?? nil) ?? [] }

    /// Hands what was written so far to `sink`, then reuses the buffer (the nesting state is
    /// kept, so writing can go on). The buffer is lent, not given: no new one is allocated.
    package mutating func drain(to sink: ([UInt8]) -> Void) {
        sink(out)
        out.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if first[first.count - 1] { first[first.count - 1] = false } else { out.append(UInt8(ascii: ",")) }
    }

    package mutating func key(_ k: String) {
        separate()
        if keys[keys.count - 1] != nil { keys[keys.count - 1]!.append(k) }
        JSONValue.writeString(k, into: &out)
        out.append(UInt8(ascii: ":"))
        first[first.count - 1] = true
    }

    /// - Parameter trackingKeys: remember the keys written, for ``currentKeys``.
    package mutating func beginObject(trackingKeys: Bool = false) {
        valueStart(); out.append(UInt8(ascii: "{")); first.append(true); keys.append(trackingKeys ? [] : nil)
    }
    package mutating func endObject() { out.append(UInt8(ascii: "}")); first.removeLast(); keys.removeLast(); first[first.count - 1] = false }
    package mutating func beginArray() { valueStart(); out.append(UInt8(ascii: "[")); first.append(true); keys.append(nil) }
    package mutating func endArray() { out.append(UInt8(ascii: "]")); first.removeLast(); keys.removeLast(); first[first.count - 1] = false }

    /// Before a value: a comma when it follows another array element (after a key, none).
    private mutating func valueStart() { separate() }

    package mutating func string(_ s: String) { valueStart(); JSONValue.writeString(s, into: &out); first[first.count - 1] = false }
    package mutating func int(_ i: Int) { valueStart(); out.append(contentsOf: String(i).utf8); first[first.count - 1] = false }
    package mutating func bool(_ b: Bool) { valueStart(); out.append(contentsOf: (b ? "true" : "false").utf8); first[first.count - 1] = false }
    package mutating func null() { valueStart(); out.append(contentsOf: "null".utf8); first[first.count - 1] = false }
    package mutating func value(_ v: JSONValue) { valueStart(); v.write(into: &out); first[first.count - 1] = false }

    package mutating func field(_ k: String, _ s: String) { key(k); string(s) }
    package mutating func field(_ k: String, _ s: String?) { key(k); if let s { string(s) } else { null() } }
}
