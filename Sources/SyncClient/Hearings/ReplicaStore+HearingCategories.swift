import Localization
import Models
import Reports
import SyncStorage

extension ReplicaStore {
    /// The hearing categories as this replica holds them: the advisor's published list, or the
    /// standard one while none is published (`published` false) or when the published one is not
    /// valid (`invalidReason` says why).
    func hearingCategories() throws -> (list: HearingCategories, published: Bool, invalidReason: String?) {
        let key = try RecordKey(
            validating: HearingCategories.collection, record: HearingCategories.record, field: HearingCategories.field)
        guard let version = SurveyRecords.shown(try register(for: key)), version.value != .null else {
            return (.standard, false, nil)
        }
        do { return (try HearingCategories(json: version.value, in: Language.current), true, nil) } catch {
            return (.standard, false, "\(error)")
        }
    }
}
