extension MessageCatalog {
    /// Japanese messages: Hearing.
    static let japaneseHearing: [String: String] = [:]
}
