extension String {
    /// The text followed by spaces up to `width` characters (unchanged when already as wide): aligns a column of
    /// plans and tables. Counts characters as the widths are measured, where Foundation's `padding(toLength:)` counts
    /// UTF-16 units and costs a bridge to `NSString` a call.
    package func padded(toWidth width: Int) -> String {
        let missing = width - count
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}
