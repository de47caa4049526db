import Foundation
import FuzzHarness

// mediawire-fuzz: every reader of outside input under libFuzzer. The target is named by
// MEDIAWIRE_FUZZ_TARGET (feed, json-feed, html, validator, style, config, opml, http).
//
// Built for fuzzing (scripts/fuzz.sh):
//   swift build --product mediawire-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
// Built as usual, it replays inputs: mediawire-fuzz TARGET FILE...

let targetName = ProcessInfo.processInfo.environment["MEDIAWIRE_FUZZ_TARGET"] ?? ""

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        Harness.targets[targetName]?(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    guard Harness.targets[targetName] != nil else {
        FileHandle.standardError.write(Data("set MEDIAWIRE_FUZZ_TARGET to one of: \(Harness.targets.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, fuzzOne))
#else
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let name = arguments.first, let target = Harness.targets[name] else {
        FileHandle.standardError.write(
            Data("usage: mediawire-fuzz TARGET FILE...  (targets: \(Harness.targets.keys.sorted().joined(separator: ", ")))\n".utf8))
        exit(2)
    }
    for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        target(Array(data))
        print("ok \(path)")
    }
#endif
