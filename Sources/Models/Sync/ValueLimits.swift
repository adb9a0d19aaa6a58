/// How large one value may be, per collection, in bytes of its canonical JSON: the server
/// refuses a larger value (`value_too_large`, that change alone) so that no user can make every
/// replica's sync, the reports or the dashboard carry megabytes for one field.
///
/// | collection | limit | why |
/// |---|---|---|
/// | `answers` | 64 KiB | the longest answer is a free-text field of a few thousand characters |
/// | `hearing-items` | 64 KiB | one question and its answer |
/// | `hearings` | 256 KiB | a hearing's summary or minutes text |
/// | `documents` | 16 KiB | metadata only: the file itself is a blob |
/// | `surveys` | 2 MiB | a whole questionnaire schema (the example is about 60 KB) |
/// | any other | 64 KiB | |
public enum ValueLimits {
    /// The largest canonical JSON of one value of `collection`, in bytes.
    public static func maxBytes(for collection: String) -> Int {
        switch collection {
        case CollectionName.hearings: return 256 * 1024
        case CollectionName.documents: return 16 * 1024
        case CollectionName.surveys: return 2 * 1024 * 1024
        default: return 64 * 1024
        }
    }
}
