/// Checks every HTML page must pass, shared by the tests of the daemon's pages and of the page
/// `driftwatch drift` writes.
public enum PageChecks {
    /// Whether the page loads nothing from anywhere: no tag with a src, srcset, href, action or
    /// data attribute (other than `allowedLink`, the one relative link a page may have), no CSS
    /// url() or @import, no <link>, and a Content-Security-Policy of default-src 'none'. Only
    /// tags can load things: escaped data that merely reads "src=x" is text.
    public static func requestsNothing(_ html: String, allowedLink: String? = nil) throws -> Bool {
        let exception = allowedLink.map { "(?!\(escapedForRegex($0))\")" } ?? ""
        let loading = try Regex(#"<[a-z]+[^>]*\s(src|srcset|href|xlink:href|action|data)=""# + exception)
        return html.firstMatch(of: loading) == nil
            && !html.contains("url(") && !html.contains("@import") && !html.contains("<link")
            && html.contains("default-src &#39;none&#39;")
    }

    private static func escapedForRegex(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\^$.|?*+()[]{}/".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
