/// The deterministic train / held-out split: every fifth row (indices 4, 9, 14, ...) is held
/// out for testing, the other four fifths train. On Iris (50 rows per class, in class
/// order) that is 120 training rows and 30 held-out rows, 10 of each class.
public enum HeldOutSplit {
    /// Whether row `index` belongs to the held-out (test) split.
    public static func isHeldOut(_ index: Int) -> Bool { index % 5 == 4 }

    /// The training rows and the held-out rows of `rows`.
    public static func split(_ rows: LabeledRows) -> (training: LabeledRows, heldOut: LabeledRows) {
        (rows.filter { !isHeldOut($0) }, rows.filter { isHeldOut($0) })
    }
}
