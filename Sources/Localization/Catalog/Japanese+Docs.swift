extension MessageCatalog {
    /// Japanese messages: Docs.
    static let japaneseDocs: [String: String] = [:]
}
