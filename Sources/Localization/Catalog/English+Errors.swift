extension MessageCatalog {
    /// English messages: Errors.
    static let englishErrors: [String: String] = [:]
}
