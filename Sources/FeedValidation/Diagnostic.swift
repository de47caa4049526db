/// One finding of the validator: what is wrong (or worth knowing), where, and with which values.
///
/// Codes are the W3C Feed Validation Service's message class names (`MissingElement`,
/// `InvalidRFC3339Date`, …) so users can look them up; parameters carry the names it uses
/// (`parent`, `element`, `attr`, `value`).
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info

        private var rank: Int {
            switch self {
            case .error: 2
            case .warning: 1
            case .info: 0
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public var severity: Severity
    public var code: String
    public var line: Int
    public var column: Int
    public var message: String
    public var parameters: [Parameter]

    public init(severity: Severity, code: String, line: Int, column: Int, message: String, parameters: [Parameter]) {
        self.severity = severity
        self.code = code
        self.line = line
        self.column = column
        self.message = message
        self.parameters = parameters
    }

    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }
}

/// What validating one document found.
public struct ValidationReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// The format the document was read as (`atom10`, `rss20`, `rss10`, …), or nil when unknown.
    public var format: String?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func count(_ severity: Diagnostic.Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}
