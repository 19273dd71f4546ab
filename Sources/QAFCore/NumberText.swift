/// How a number reads everywhere qaf prints one: whole numbers without a decimal point (3, not 3.0).
public enum NumberText {
    public static func format(_ x: Double) -> String {
        x == x.rounded() && x.magnitude < 1e15 ? String(Int(x)) : String(x)
    }
}
