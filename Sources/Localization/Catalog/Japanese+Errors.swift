extension MessageCatalog {
    /// Japanese messages: Errors.
    static let japaneseErrors: [String: String] = [:]
}
