/// JSON text as bytes: the one JSON string escaper (quotes, backslashes and control characters escaped; everything
/// else, including non-ASCII text, kept as its UTF-8 bytes), for the compact decision writer on the hot path, the
/// JSON writer and the corpus's JSON Lines. Inlinable, so the per-record writers pay no call across modules.
public enum JSONBytes {
    @inlinable
    public static func quoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return out
    }

    @inlinable
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The same literal appended to text; text that needs no escape is appended as it is.
    @inlinable
    public static func appendQuoted(_ s: String, to out: inout String) {
        guard s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) else {
            return out.append(String(decoding: quoted(s), as: UTF8.self))
        }
        out.append("\"")
        out.append(s)
        out.append("\"")
    }

    @inlinable
    public static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// `YYYY-MM-DD` for a day number, without building a String.
    @inlinable
    public static func appendDate(_ day: Int, to out: inout [UInt8]) {
        let (y, m, d) = Day.civil(day)
        func digits(_ v: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = v
            while divisor > 0 {
                out.append(UInt8(48 + (v / divisor) % 10))
                v %= divisor
                divisor /= 10
            }
        }
        digits(y, 4)
        out.append(UInt8(ascii: "-"))
        digits(m, 2)
        out.append(UInt8(ascii: "-"))
        digits(d, 2)
    }
}
