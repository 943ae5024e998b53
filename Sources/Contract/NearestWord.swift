/// Finds what a person probably meant when they misspelt a key: the valid word with the smallest
/// edit distance, when it is close enough to be a plausible typo.
public enum NearestWord {
    /// The closest candidate, or nil when none is within a typo's reach of `word`
    /// (at most a third of the word's length, and at least 2 edits allowed).
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let reach = max(2, word.count / 3)
        let scored = candidates.map { (word: $0, distance: distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= reach else { return nil }
        return best.word
    }

    /// Levenshtein distance (insertions, deletions, substitutions), plus adjacent swaps counted as one.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = best
            }
        }
        return rows[a.count][b.count]
    }
}
