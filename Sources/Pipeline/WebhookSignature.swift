import Crypto
import Foundation

/// How a receiver tells a body came from this workspace and is fresh: the HMAC-SHA256, under the
/// sink's secret, of `<timestamp>.<raw body>`, hex-encoded in `X-Driftwatch-Signature:
/// sha256=<hex>`, with the same Unix timestamp (seconds) in `X-Driftwatch-Timestamp`. Signing the
/// timestamp with the body lets a receiver refuse a replay of an old request (README,
/// Notifications).
public enum WebhookSignature {
    public static let signatureHeader = "X-Driftwatch-Signature"
    public static let timestampHeader = "X-Driftwatch-Timestamp"

    /// The two headers for `body` sent at `time`.
    public static func headers(body: [UInt8], key: [UInt8], time: Date) -> [(String, String)] {
        let timestamp = String(Int64(time.timeIntervalSince1970.rounded(.down)))
        return [(timestampHeader, timestamp), (signatureHeader, "sha256=" + signature(body: body, key: key, timestamp: timestamp))]
    }

    static func signature(body: [UInt8], key: [UInt8], timestamp: String) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        hmac.update(data: Array(timestamp.utf8) + [UInt8(ascii: ".")])
        hmac.update(data: body)
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
