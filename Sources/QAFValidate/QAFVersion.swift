import Crypto
import QAFCore
import QAFReport

/// The release, and the digest of the standard vocabulary it reads, so a report can say exactly which qaf made it.
public enum QAFVersion {
    public static let current = "0.9.0"

    /// SHA-256 of the standard evidence vocabulary as its JSON Schema renders it: two builds with the same digest
    /// read evidence the same way.
    public static let vocabularyDigest: String = {
        let digest = SHA256.hash(data: Array(EvidenceJSONSchema.render(.standard).utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }()

    /// What `qaf --version` prints.
    public static var description: String { "qaf \(current) (standard vocabulary sha256:\(vocabularyDigest))" }
}
