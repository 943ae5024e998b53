/// A page as nested dictionaries and arrays, built in one pass of reflection. Mustache looks
/// every name up through each enclosing context, and on a struct each lookup reflects over all
/// its fields again: that was most of a burst's CPU. Dictionaries answer a lookup by hashing.
/// Stored properties become keys, nil optionals are left out (as reflection reads them),
/// arrays stay arrays, and everything else is passed through unchanged.
enum TemplateValues {
    static func tree(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Double: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                // Most fields are text or numbers: a cast answers them without a Mirror.
                if let leaf = leaf(child.value) {
                    fields[label] = leaf
                } else if let field = unwrapped(child.value) {
                    fields[label] = tree(field)
                }
            }
            return fields
        case .collection:
            return mirror.children.compactMap { unwrapped($0.value).map(tree) }
        case .optional:
            return unwrapped(value).map(tree) as Any
        default:
            return value
        }
    }

    /// The value itself when it is (an optional holding) text, a number or a flag.
    private static func leaf(_ value: Any) -> Any? {
        if let text = value as? String { return text }
        if let number = value as? Double { return number }
        if let number = value as? Int { return number }
        if let flag = value as? Bool { return flag }
        return nil
    }

    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? nil
    }
}
