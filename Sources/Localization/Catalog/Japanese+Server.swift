extension MessageCatalog {
    /// Japanese messages: Server.
    static let japaneseServer: [String: String] = [:]
}
