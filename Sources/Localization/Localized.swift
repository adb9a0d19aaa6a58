/// The text of message `key` from the message catalog in the process's language
/// (`Language.current`), with each `{name}` placeholder replaced by `values[name]`.
///
/// Keys are dotted (`sync.done`). A key missing from the language's catalog falls back to the
/// other catalog, then to the key itself, so a missing entry shows rather than crashes; the
/// catalog tests make sure no key is missing.
public func localized(_ key: String, _ values: [String: Any] = [:]) -> String {
    MessageCatalog.text(key, values, in: Language.current)
}

/// The same, in a chosen language (the browser UI follows the browser, tests check both).
public func localized(_ key: String, _ values: [String: Any] = [:], in language: Language) -> String {
    MessageCatalog.text(key, values, in: language)
}
