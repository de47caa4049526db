import ArgumentParser
import HouseStyle
import Wire

/// The one place errors become exit statuses (the README's table).
enum ExitStatus: Int32 {
    /// A feed with validation errors; nothing to clear.
    case findings = 1
    /// A file, configuration, style, argument or reference the user gave is wrong.
    case input = 2
    /// The store failed.
    case store = 3
    /// The feed could not be written.
    case output = 4

    /// The status for a library error; `nil` for ArgumentParser's own (help, usage, `ExitCode`).
    static func of(_ error: any Error) -> ExitStatus? {
        switch error {
        case let error as UsageError: return error.status
        case is ConfigError, is StyleError, is OPML.ParseError, is DocumentError: return .input
        case is StoreError: return .store
        case let error as GenerateError: return error.code == .store ? .store : .output
        default: return nil
        }
    }

    /// What is said on standard error: the error, naming the file, line, source or store.
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as StoreError: return "store \(error)"
        case let error as GenerateError where error.code == .store: return "store \(error)"
        default: return String(describing: error)
        }
    }
}

/// A request the CLI cannot carry out as asked (an unknown report, nothing to clear), with its
/// exit status.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    var status: ExitStatus = .input
}
