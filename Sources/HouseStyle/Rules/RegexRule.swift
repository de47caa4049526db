/// `regex`: replaces matches of one pattern with a template (`$1` for groups).
public struct RegexRule: HeadlineRule {
    public let name = "regex"
    let regex: CompiledPattern
    let template: String

    public init(pattern: String, replace template: String) throws {
        regex = try CompiledPattern(compiling: pattern)
        self.template = template
    }

    public func apply(_ headline: String) -> String {
        regex.replace(in: headline, with: template)
    }
}
