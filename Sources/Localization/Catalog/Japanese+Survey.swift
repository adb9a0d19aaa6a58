extension MessageCatalog {
    /// Japanese messages: Survey.
    static let japaneseSurvey: [String: String] = [:]
}
