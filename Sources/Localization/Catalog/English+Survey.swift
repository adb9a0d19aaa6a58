extension MessageCatalog {
    /// English messages: Survey.
    static let englishSurvey: [String: String] = [:]
}
