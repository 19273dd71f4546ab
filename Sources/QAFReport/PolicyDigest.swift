import Crypto
import QAFCompile

/// A digest of a policy file as read, printed in every paper's footer, so a paper can be traced to the exact rules
/// that made it (`sha256sum Policies/salford.yaml` gives the same).
public enum PolicyDigest {
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Empty when the policy was built without its text (a test's policy made from a checked one).
    public static func sha256(_ policy: CompiledPolicy) -> String {
        policy.sourceText.isEmpty ? "" : sha256(policy.sourceText)
    }
}
