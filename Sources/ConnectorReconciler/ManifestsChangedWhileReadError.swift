/// The manifests changed every time they were read in one pass (their version's stamp differed before and after
/// each read), so nothing was planned or applied; the next pass reads them again.
public struct ManifestsChangedWhileReadError: Error, CustomStringConvertible {
    /// How many times they were read.
    public var attempts: Int

    public var description: String {
        "the manifests changed while they were being read (\(attempts) times in a row); nothing was applied, and the next pass reads them again"
    }
}
