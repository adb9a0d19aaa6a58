/// The collections Renkei replicates, each name spelled once (docs/DESIGN.md, "Data model").
public enum CollectionName {
    /// Survey answers: record `{survey}/{code}/{item}[/{row}]` (`AnswerRecord`).
    public static let answers = "answers"
    /// Where each municipality stands with a survey (提出済, 差戻し): record `{survey}/{code}`,
    /// field `state` (`Submission`).
    public static let submissions = "submissions"
    /// Survey schemas, titles, fiscal years and statuses: record `{survey}`.
    public static let surveys = "surveys"
    /// Hearings with a municipality: record a time-ordered UUID.
    public static let hearings = "hearings"
    /// The questions and answers of a hearing: record a time-ordered UUID, field `hearing` names
    /// its hearing.
    public static let hearingItems = "hearing-items"
    /// The hearing categories the advisor publishes: record `list`, field `categories`
    /// (`HearingCategories`), scope `shared`.
    public static let hearingCategories = "hearing-categories"
    /// Shared documents: one register per document, field `file` (`Document`).
    public static let documents = "documents"
    /// The advisor's work log (`WorkLogKind`): inquiries (問合せ) in the asking municipality's
    /// scope or `shared`; consultations (相談会) and meetings (会議) in `shared`. Records are
    /// time-ordered UUIDs, one register per field.
    public static let inquiries = "inquiries"
    public static let consultations = "consultations"
    public static let meetings = "meetings"

    /// Whether changes of `collection` are judged against a survey (answers, submissions): the
    /// server reads the survey they name, and refuses them in a batch that changes that survey.
    public static func isJudgedAgainstSurveys(_ collection: String) -> Bool {
        collection == answers || collection == submissions
    }
}
