/// The bridge from a fuzz executable's entry point to libFuzzer.
///
/// On Linux SwiftPM links every executable with `main` defined as `<Module>_main`, so libFuzzer's own `main`
/// is never used; each fuzz target defines `<Module>_main` and hands its input function to
/// ``FuzzerDriver/run(_:_:testOneInput:)``, which calls libFuzzer's `LLVMFuzzerRunDriver`.
public enum FuzzerDriver {
    /// The C signature of `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer with the process's arguments (`-max_total_time=`, a corpus directory, ...).
    /// - Returns: libFuzzer's exit status.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, testOneInput: TestOneInput
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }

    /// The input as bytes (libFuzzer may pass a null pointer for an empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: FuzzerDriver.TestOneInput
) -> CInt
