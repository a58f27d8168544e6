import CFuzzDriver
import Foundation
import OPAPMFuzzing

// Built by scripts/fuzz with -sanitize=fuzzer, this is a libFuzzer target (SwiftPM writes main, so
// libFuzzer's driver is called from here). Built normally, it replays the files it is given.
if opapm_fuzzer_linked() != 0 {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(opapm_run_fuzzer(&argc, &argv) { data, size in
        FuzzHarness.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    })
} else {
    let paths = Array(CommandLine.arguments.dropFirst())
    guard !paths.isEmpty else {
        FileHandle.standardError.write(Data("usage: opapm-fuzz FILE...  (replay; scripts/fuzz builds the fuzzer)\n".utf8))
        exit(2)
    }
    do {
        try FuzzHarness.replay(paths: paths)
        print("replayed \(paths.count) inputs: no invariant broken")
    } catch {
        FileHandle.standardError.write(Data("opapm-fuzz: \(error)\n".utf8))
        exit(1)
    }
}
