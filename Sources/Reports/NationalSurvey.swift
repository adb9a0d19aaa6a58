/// Every figure of the national 令和5年度 survey summary (総務省「自治体DX・情報化推進概要
/// ～令和5年度地方公共団体における行政情報化の推進状況調査の取りまとめ結果～」, 令和6年4月; as of
/// 2023-04-01 unless its note in `Examples/data/national_dx_survey_r5.csv` says otherwise), built
/// in so that reports compare offline. A survey item names its national topic and which of its
/// choices match which national answer (`QuestionnaireItem.national`).
public enum NationalSurvey {
    /// One figure: how many of `total` municipalities of `group` gave `answer` to `topic`, and
    /// the rate the summary prints (percent), when it prints one.
    public struct Figure: Sendable {
        public let topic: String
        public let answer: String
        /// 市区町村, 都道府県, 指定都市, 中核市, 指定都市・中核市以外の市, 町村, 特別区, 合計 or 全国.
        public let group: String
        public let count: Int?
        public let total: Int?
        public let rate: Double?

        /// The printed rate, else count / total (percent, one decimal).
        public var percent: Double? {
            if let rate { return rate }
            guard let count, let total, total > 0 else { return nil }
            return ReportNumber.percent(count, of: total)
        }
    }

    /// The national group an Osaka municipality's kind compares with (施行時特例市 and other cities
    /// are 指定都市・中核市以外の市; 町 and 村 are 町村); nil for no kind: all municipalities (市区町村).
    public static func group(forKind kind: String?) -> String {
        switch kind {
        case "政令指定都市"?: return "指定都市"
        case "中核市"?: return "中核市"
        case "施行時特例市"?, "その他の市"?: return "指定都市・中核市以外の市"
        case "町"?, "村"?, "町村"?: return "町村"
        default: return "市区町村"
        }
    }

    /// The national percentage of `answer` to `topic` in `group`, nil when the summary has none.
    public static func percent(topic: String, answer: String, group: String) -> Double? {
        figures.first { $0.topic == topic && $0.answer == answer && $0.group == group }?.percent
    }

    public static let figures: [Figure] = [
        .init(topic: "survey_universe", answer: "対象団体", group: "都道府県", count: 47, total: nil, rate: nil),
        .init(topic: "survey_universe", answer: "対象団体", group: "市区町村", count: 1741, total: nil, rate: nil),
        .init(topic: "cio_appointed", answer: "任命している", group: "都道府県", count: 43, total: 47, rate: 91.5),
        .init(topic: "cio_appointed", answer: "任命している", group: "市区町村", count: 1270, total: 1733, rate: 73.3),
        .init(topic: "cio_external_talent_employed", answer: "任用している", group: "都道府県", count: 9, total: 43, rate: nil),
        .init(topic: "cio_external_talent_employed", answer: "任用していない", group: "都道府県", count: 34, total: 43, rate: nil),
        .init(
            topic: "cio_external_talent_employed", answer: "任用している", group: "市区町村", count: 23, total: 1270, rate: nil),
        .init(
            topic: "cio_external_talent_employed", answer: "任用していない", group: "市区町村", count: 1247, total: 1270, rate: nil
        ),
        .init(topic: "cio_assistant_appointed", answer: "任命している", group: "都道府県", count: 30, total: 47, rate: 63.8),
        .init(topic: "cio_assistant_appointed", answer: "任命していない", group: "都道府県", count: 17, total: 47, rate: nil),
        .init(topic: "cio_assistant_appointed", answer: "任命している", group: "市区町村", count: 846, total: 1733, rate: 48.8),
        .init(topic: "cio_assistant_appointed", answer: "任命していない", group: "市区町村", count: 887, total: 1733, rate: nil),
        .init(topic: "cio_assistant_position", answer: "副知事", group: "都道府県", count: 0, total: 30, rate: nil),
        .init(topic: "cio_assistant_position", answer: "顧問・参与等", group: "都道府県", count: 4, total: 30, rate: nil),
        .init(topic: "cio_assistant_position", answer: "部局長級", group: "都道府県", count: 6, total: 30, rate: nil),
        .init(topic: "cio_assistant_position", answer: "課長級", group: "都道府県", count: 10, total: 30, rate: nil),
        .init(topic: "cio_assistant_position", answer: "その他", group: "都道府県", count: 10, total: 30, rate: nil),
        .init(topic: "cio_assistant_position", answer: "副市区町村長", group: "市区町村", count: 37, total: 846, rate: nil),
        .init(topic: "cio_assistant_position", answer: "顧問・参与等", group: "市区町村", count: 33, total: 846, rate: nil),
        .init(topic: "cio_assistant_position", answer: "部局長級", group: "市区町村", count: 204, total: 846, rate: nil),
        .init(topic: "cio_assistant_position", answer: "課長級", group: "市区町村", count: 374, total: 846, rate: nil),
        .init(topic: "cio_assistant_position", answer: "その他", group: "市区町村", count: 198, total: 846, rate: nil),
        .init(
            topic: "cio_assistant_external_talent_utilized", answer: "活用している", group: "都道府県", count: 17, total: 30,
            rate: nil),
        .init(
            topic: "cio_assistant_external_talent_utilized", answer: "活用していない", group: "都道府県", count: 13, total: 30,
            rate: nil),
        .init(
            topic: "cio_assistant_external_talent_utilized", answer: "活用している", group: "市区町村", count: 219, total: 846,
            rate: nil),
        .init(
            topic: "cio_assistant_external_talent_utilized", answer: "活用していない", group: "市区町村", count: 627, total: 846,
            rate: nil),
        .init(
            topic: "cio_assistant_headcount", answer: "CIO補佐官等の任命人数（人）", group: "都道府県", count: 74, total: nil, rate: nil
        ),
        .init(
            topic: "cio_assistant_headcount", answer: "うち、外部デジタル人材の活用人数（人）", group: "都道府県", count: 31, total: nil,
            rate: nil),
        .init(
            topic: "cio_assistant_headcount", answer: "CIO補佐官等の任命人数（人）", group: "市区町村", count: 1108, total: nil,
            rate: nil),
        .init(
            topic: "cio_assistant_headcount", answer: "うち、外部デジタル人材の活用人数（人）", group: "市区町村", count: 264, total: nil,
            rate: nil),
        .init(
            topic: "cio_assistant_headcount", answer: "CIO補佐官等の任命人数（人）", group: "合計", count: 1182, total: nil, rate: nil
        ),
        .init(
            topic: "cio_assistant_headcount", answer: "うち、外部デジタル人材の活用人数（人）", group: "合計", count: 295, total: nil,
            rate: nil),
        .init(topic: "ciso_appointed", answer: "任命している", group: "都道府県", count: 46, total: 47, rate: 97.9),
        .init(topic: "ciso_appointed", answer: "任命している", group: "市区町村", count: 1620, total: 1733, rate: 93.5),
        .init(topic: "ciso_position", answer: "首長", group: "都道府県", count: 3, total: 46, rate: nil),
        .init(topic: "ciso_position", answer: "副知事・副市区町村長", group: "都道府県", count: 24, total: 46, rate: nil),
        .init(topic: "ciso_position", answer: "部局長級", group: "都道府県", count: 15, total: 46, rate: nil),
        .init(topic: "ciso_position", answer: "課長級", group: "都道府県", count: 1, total: 46, rate: nil),
        .init(topic: "ciso_position", answer: "その他", group: "都道府県", count: 3, total: 46, rate: nil),
        .init(topic: "ciso_position", answer: "首長", group: "市区町村", count: 61, total: 1620, rate: nil),
        .init(topic: "ciso_position", answer: "副知事・副市区町村長", group: "市区町村", count: 1382, total: 1620, rate: nil),
        .init(topic: "ciso_position", answer: "部局長級", group: "市区町村", count: 73, total: 1620, rate: nil),
        .init(topic: "ciso_position", answer: "課長級", group: "市区町村", count: 92, total: 1620, rate: nil),
        .init(topic: "ciso_position", answer: "その他", group: "市区町村", count: 12, total: 1620, rate: nil),
        .init(topic: "ciso_external_talent_employed", answer: "任用している", group: "都道府県", count: 2, total: 46, rate: nil),
        .init(
            topic: "ciso_external_talent_employed", answer: "任用していない", group: "都道府県", count: 44, total: 46, rate: nil),
        .init(
            topic: "ciso_external_talent_employed", answer: "任用している", group: "市区町村", count: 9, total: 1620, rate: nil),
        .init(
            topic: "ciso_external_talent_employed", answer: "任用していない", group: "市区町村", count: 1611, total: 1620,
            rate: nil),
        .init(topic: "dx_cross_org_structure", answer: "構築している", group: "都道府県", count: 46, total: 47, rate: 97.9),
        .init(topic: "dx_cross_org_structure", answer: "構築している", group: "市区町村", count: 1133, total: 1733, rate: 65.4),
        .init(topic: "dx_dedicated_unit", answer: "設置している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "dx_dedicated_unit", answer: "設置している", group: "市区町村", count: 902, total: 1733, rate: 52.0),
        .init(topic: "dx_it_staff_headcount", answer: "職員数（人）", group: "都道府県", count: 2039, total: nil, rate: nil),
        .init(topic: "dx_it_staff_headcount", answer: "職員数（人）", group: "市区町村", count: 10203, total: nil, rate: nil),
        .init(topic: "dx_it_staff_headcount", answer: "職員数（人）", group: "合計", count: 12242, total: nil, rate: nil),
        .init(topic: "external_talent_employed", answer: "任用している", group: "都道府県", count: 35, total: 47, rate: 74.5),
        .init(topic: "external_talent_employed", answer: "任用している", group: "市区町村", count: 344, total: nil, rate: 19.8),
        .init(topic: "external_talent_utilized", answer: "活用している", group: "都道府県", count: 37, total: 47, rate: 78.7),
        .init(topic: "external_talent_utilized", answer: "活用している", group: "市区町村", count: 522, total: 1733, rate: 30.1),
        .init(
            topic: "external_talent_headcount", answer: "外部デジタル人材の活用人数（人）", group: "都道府県", count: 144, total: nil,
            rate: nil),
        .init(
            topic: "external_talent_headcount", answer: "うち、外部デジタル人材の任用人数（人）", group: "都道府県", count: 84, total: nil,
            rate: nil),
        .init(
            topic: "external_talent_headcount", answer: "外部デジタル人材の活用人数（人）", group: "市区町村", count: 916, total: nil,
            rate: nil),
        .init(
            topic: "external_talent_headcount", answer: "うち、外部デジタル人材の任用人数（人）", group: "市区町村", count: 503, total: nil,
            rate: nil),
        .init(
            topic: "external_talent_headcount", answer: "外部デジタル人材の活用人数（人）", group: "合計", count: 1060, total: nil,
            rate: nil),
        .init(
            topic: "external_talent_headcount", answer: "うち、外部デジタル人材の任用人数（人）", group: "合計", count: 587, total: nil,
            rate: nil),
        .init(topic: "staff_development", answer: "実施している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "staff_development", answer: "実施している", group: "市区町村", count: 1437, total: 1733, rate: 82.9),
        .init(topic: "staff_training_base", answer: "回答団体数（団体中）", group: "都道府県", count: 38, total: nil, rate: nil),
        .init(topic: "staff_training_base", answer: "回答団体数（団体中）", group: "市区町村", count: 791, total: nil, rate: nil),
        .init(topic: "staff_training_base", answer: "回答団体数（団体中）", group: "都道府県", count: 46, total: nil, rate: nil),
        .init(topic: "staff_training_base", answer: "回答団体数（団体中）", group: "市区町村", count: 1203, total: nil, rate: nil),
        .init(
            topic: "qualification_subsidy_base", answer: "回答団体数（団体中）", group: "都道府県", count: 19, total: nil, rate: nil),
        .init(
            topic: "qualification_subsidy_base", answer: "回答団体数（団体中）", group: "市区町村", count: 181, total: nil, rate: nil),
        .init(
            topic: "qualification_subsidy_base", answer: "回答団体数（団体中）", group: "都道府県", count: 19, total: nil, rate: nil),
        .init(
            topic: "qualification_subsidy_base", answer: "回答団体数（団体中）", group: "市区町村", count: 181, total: nil, rate: nil),
        .init(topic: "dx_policy", answer: "策定している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "dx_policy", answer: "策定している", group: "市区町村", count: 862, total: 1733, rate: 49.7),
        .init(topic: "dx_policy", answer: "令和5年度中に策定を予定している", group: "市区町村", count: 184, total: 1733, rate: nil),
        .init(topic: "dx_policy", answer: "令和6年度以降に策定を予定している", group: "市区町村", count: 193, total: 1733, rate: nil),
        .init(topic: "dx_policy", answer: "未定", group: "市区町村", count: 494, total: 1733, rate: nil),
        .init(topic: "dx_policy_items", answer: "行政手続のオンライン化", group: "都道府県", count: 47, total: 47, rate: 100),
        .init(topic: "dx_policy_items", answer: "行政手続のオンライン化", group: "市区町村", count: 833, total: 862, rate: 96.6),
        .init(
            topic: "dx_policy_progress", answer: "取組事項ごとに工程表を作成し進捗管理を行っている", group: "都道府県", count: 16, total: 47,
            rate: 34.0),
        .init(
            topic: "dx_policy_progress", answer: "取組事項ごとに工程表を作成し進捗管理を行っている", group: "市区町村", count: 425, total: 862,
            rate: 49.3),
        .init(
            topic: "dx_policy_progress", answer: "取組事項ごとにKPIを設定し、取組の効果を定期的に把握している", group: "都道府県", count: 8, total: 47,
            rate: 17.0),
        .init(
            topic: "dx_policy_progress", answer: "取組事項ごとにKPIを設定し、取組の効果を定期的に把握している", group: "市区町村", count: 140,
            total: 862, rate: 16.2),
        .init(
            topic: "frontyard_contact_base", answer: "集計対象団体数（団体中）", group: "市区町村", count: 1733, total: nil, rate: nil),
        .init(topic: "frontyard_contact_base", answer: "集計対象団体数（団体中）", group: "指定都市", count: 20, total: nil, rate: nil),
        .init(topic: "frontyard_contact_base", answer: "集計対象団体数（団体中）", group: "特別区", count: 23, total: nil, rate: nil),
        .init(topic: "frontyard_contact_base", answer: "集計対象団体数（団体中）", group: "中核市", count: 61, total: nil, rate: nil),
        .init(
            topic: "frontyard_contact_base", answer: "集計対象団体数（団体中）", group: "指定都市・中核市以外の市", count: 706, total: nil,
            rate: nil),
        .init(topic: "frontyard_contact_base", answer: "集計対象団体数（団体中）", group: "町村", count: 923, total: nil, rate: nil),
        .init(topic: "frontyard_data_base", answer: "集計対象団体数（団体中）", group: "市区町村", count: 1733, total: nil, rate: nil),
        .init(topic: "frontyard_data_base", answer: "集計対象団体数（団体中）", group: "指定都市", count: 20, total: nil, rate: nil),
        .init(topic: "frontyard_data_base", answer: "集計対象団体数（団体中）", group: "特別区", count: 23, total: nil, rate: nil),
        .init(topic: "frontyard_data_base", answer: "集計対象団体数（団体中）", group: "中核市", count: 61, total: nil, rate: nil),
        .init(
            topic: "frontyard_data_base", answer: "集計対象団体数（団体中）", group: "指定都市・中核市以外の市", count: 706, total: nil,
            rate: nil),
        .init(topic: "frontyard_data_base", answer: "集計対象団体数（団体中）", group: "町村", count: 923, total: nil, rate: nil),
        .init(topic: "frontyard_space_base", answer: "集計対象団体数（団体中）", group: "市区町村", count: 1733, total: nil, rate: nil),
        .init(topic: "frontyard_space_base", answer: "集計対象団体数（団体中）", group: "指定都市", count: 20, total: nil, rate: nil),
        .init(topic: "frontyard_space_base", answer: "集計対象団体数（団体中）", group: "特別区", count: 23, total: nil, rate: nil),
        .init(topic: "frontyard_space_base", answer: "集計対象団体数（団体中）", group: "中核市", count: 61, total: nil, rate: nil),
        .init(
            topic: "frontyard_space_base", answer: "集計対象団体数（団体中）", group: "指定都市・中核市以外の市", count: 706, total: nil,
            rate: nil),
        .init(topic: "frontyard_space_base", answer: "集計対象団体数（団体中）", group: "町村", count: 923, total: nil, rate: nil),
        .init(topic: "frontyard_space_base", answer: "回答団体数（団体中）", group: "市区町村", count: 222, total: nil, rate: nil),
        .init(topic: "general_e_application_system", answer: "導入している", group: "都道府県", count: 47, total: 47, rate: 100),
        .init(
            topic: "general_e_application_system", answer: "導入している", group: "市区町村", count: 1079, total: 1733, rate: 62.3
        ),
        .init(
            topic: "application_management_system", answer: "導入済み", group: "市区町村", count: 1037, total: 1733, rate: 59.8),
        .init(
            topic: "application_management_system", answer: "導入予定", group: "市区町村", count: 173, total: 1733, rate: 10.0),
        .init(topic: "joint_procurement_system", answer: "有している", group: "都道府県", count: 44, total: 47, rate: 93.6),
        .init(topic: "joint_procurement_system", answer: "有している", group: "市区町村", count: 1287, total: 1733, rate: 74.3),
        .init(topic: "online_usage_overall", answer: "59手続全体", group: "全国", count: nil, total: nil, rate: 57.6),
        .init(
            topic: "online_usage_a_high_volume", answer: "1) 図書館の図書貸出予約等", group: "全国", count: nil, total: 147392752,
            rate: 74.8),
        .init(
            topic: "online_usage_a_high_volume", answer: "2) 文化・スポーツ施設等の利用予約", group: "全国", count: nil, total: 85424219,
            rate: 63.0),
        .init(
            topic: "online_usage_a_high_volume", answer: "3) 研修・講習・各種イベント等の申込", group: "全国", count: nil,
            total: 14154531, rate: 53.2),
        .init(
            topic: "online_usage_a_high_volume", answer: "4) 地方税申告手続（eLTAX）", group: "全国", count: nil, total: 124949613,
            rate: 73.4),
        .init(
            topic: "online_usage_a_high_volume", answer: "5) 自動車税環境性能割の申告納付【都道府県のみ】", group: "全国", count: nil,
            total: 7307121, rate: 20.1),
        .init(
            topic: "online_usage_a_high_volume", answer: "6) 自動車税の賦課徴収に関する事項の申告又は報告【都道府県のみ】", group: "全国", count: nil,
            total: 10284862, rate: 18.7),
        .init(
            topic: "online_usage_a_high_volume", answer: "7) 自動車税住所変更届【都道府県のみ】", group: "全国", count: nil, total: 508313,
            rate: 34.1),
        .init(
            topic: "online_usage_a_high_volume", answer: "8) 水道使用開始届等", group: "全国", count: nil, total: 13943032,
            rate: 12.2),
        .init(
            topic: "online_usage_a_high_volume", answer: "9) 港湾関係手続", group: "全国", count: nil, total: 1101347,
            rate: 44.6),
        .init(
            topic: "online_usage_a_high_volume", answer: "10) 道路占用許可申請等", group: "全国", count: nil, total: 1350374,
            rate: 15.8),
        .init(
            topic: "online_usage_a_high_volume", answer: "11) 道路使用許可の申請【都道府県のみ】", group: "全国", count: nil,
            total: 3454577, rate: 2.9),
        .init(
            topic: "online_usage_a_high_volume", answer: "12) 自動車の保管場所証明の申請【都道府県のみ】", group: "全国", count: nil,
            total: 7064048, rate: 19.8),
        .init(
            topic: "online_usage_a_high_volume", answer: "13) 駐車場の許可の申請【都道府県のみ】", group: "全国", count: nil,
            total: 544732, rate: 0.7),
        .init(
            topic: "online_usage_a_high_volume", answer: "14) 建築確認", group: "全国", count: nil, total: 180602, rate: 0.7),
        .init(
            topic: "online_usage_a_high_volume", answer: "15) 粗大ごみ収集の申込", group: "全国", count: nil, total: 35828472,
            rate: 25.1),
        .init(
            topic: "online_usage_a_high_volume", answer: "16) 産業廃棄物の処理、運搬の実績報告", group: "全国", count: nil, total: 487776,
            rate: 16.0),
        .init(
            topic: "online_usage_a_high_volume", answer: "17) 犬の登録申請、死亡届", group: "全国", count: nil, total: 1026981,
            rate: 6.8),
        .init(
            topic: "online_usage_a_high_volume", answer: "18) 感染症調査報告", group: "全国", count: nil, total: 7323067,
            rate: 59.5),
        .init(
            topic: "online_usage_a_high_volume", answer: "19) 職員採用試験申込", group: "全国", count: nil, total: 655524,
            rate: 79.4),
        .init(
            topic: "online_usage_a_high_volume", answer: "20) 入札参加資格審査申請等", group: "全国", count: nil, total: 2358239,
            rate: 47.2),
        .init(
            topic: "online_usage_a_high_volume", answer: "21) 入札", group: "全国", count: nil, total: 1345720, rate: 73.0),
        .init(
            topic: "online_usage_a_high_volume", answer: "22) 衆議院・参議院選挙の不在者投票用紙等の請求", group: "全国", count: nil,
            total: 321643, rate: 2.7),
        .init(
            topic: "online_usage_a_high_volume", answer: "23) 消防法令における申請・届出等", group: "全国", count: nil, total: 2081322,
            rate: 0.9),
        .init(
            topic: "online_usage_b_childcare", answer: "1) 児童手当等の受給資格及び児童手当の額についての認定請求", group: "全国", count: nil,
            total: 734437, rate: 0.8),
        .init(
            topic: "online_usage_b_childcare", answer: "2) 児童手当等の額の改定の請求及び届出", group: "全国", count: nil, total: 456912,
            rate: 0.4),
        .init(
            topic: "online_usage_b_childcare", answer: "3) 氏名変更/住所変更等の届出", group: "全国", count: nil, total: 205552,
            rate: 0.6),
        .init(
            topic: "online_usage_b_childcare", answer: "4) 受給事由消滅の届出", group: "全国", count: nil, total: 458936, rate: 0.2
        ),
        .init(
            topic: "online_usage_b_childcare", answer: "5) 未支払の児童手当等の請求", group: "全国", count: nil, total: 5051,
            rate: 0.2),
        .init(
            topic: "online_usage_b_childcare", answer: "6) 児童手当等に係る寄附の申出", group: "全国", count: nil, total: 34, rate: 0.0
        ),
        .init(
            topic: "online_usage_b_childcare", answer: "7) 児童手当に係る寄附変更等の申出", group: "全国", count: nil, total: 5,
            rate: 0.0),
        .init(
            topic: "online_usage_b_childcare", answer: "8) 受給資格者の申出による学校給食費等の徴収等の申出", group: "全国", count: nil,
            total: 67773, rate: 0.0),
        .init(
            topic: "online_usage_b_childcare", answer: "9) 受給資格者の申出による学校給食費等の徴収等の変更等の申出", group: "全国", count: nil,
            total: 3955, rate: 0.1),
        .init(
            topic: "online_usage_b_childcare", answer: "10) 児童手当等の現況届", group: "全国", count: nil, total: 895091,
            rate: 0.4),
        .init(
            topic: "online_usage_b_childcare", answer: "11) 支給認定の申請", group: "全国", count: nil, total: 1368627, rate: 2.8
        ),
        .init(
            topic: "online_usage_b_childcare", answer: "12) 保育施設等の利用申込", group: "全国", count: nil, total: 1362063,
            rate: 3.9),
        .init(
            topic: "online_usage_b_childcare", answer: "13) 保育施設等の現況届", group: "全国", count: nil, total: 2464182,
            rate: 1.9),
        .init(
            topic: "online_usage_b_childcare", answer: "14) 児童扶養手当の現況届の事前送信", group: "全国", count: nil, total: 659755,
            rate: 0.1),
        .init(
            topic: "online_usage_b_childcare", answer: "15) 妊娠の届出", group: "全国", count: nil, total: 786863, rate: 1.3),
        .init(
            topic: "online_usage_b_nursing_care", answer: "1) 要介護・要支援認定の申請", group: "全国", count: nil, total: 2007609,
            rate: 0.1),
        .init(
            topic: "online_usage_b_nursing_care", answer: "2) 要介護・要支援更新認定の申請", group: "全国", count: nil, total: 3609176,
            rate: 0.2),
        .init(
            topic: "online_usage_b_nursing_care", answer: "3) 要介護・要支援状態区分変更認定の申請", group: "全国", count: nil,
            total: 884907, rate: 0.2),
        .init(
            topic: "online_usage_b_nursing_care", answer: "4) 居宅（介護予防）サービス計画作成（変更）依頼の届出", group: "全国", count: nil,
            total: 2309910, rate: 0.1),
        .init(
            topic: "online_usage_b_nursing_care", answer: "5) 介護保険負担割合証の再交付申請", group: "全国", count: nil, total: 294196,
            rate: 0.0),
        .init(
            topic: "online_usage_b_nursing_care", answer: "6) 被保険者証の再交付申請", group: "全国", count: nil, total: 548677,
            rate: 0.0),
        .init(
            topic: "online_usage_b_nursing_care", answer: "7) 高額介護（予防）サービス費の支給申請", group: "全国", count: nil,
            total: 4396828, rate: 0.0),
        .init(
            topic: "online_usage_b_nursing_care", answer: "8) 介護保険負担限度額認定申請", group: "全国", count: nil, total: 1178977,
            rate: 0.0),
        .init(
            topic: "online_usage_b_nursing_care", answer: "9) 居宅介護（介護予防）福祉用具購入費の支給申請", group: "全国", count: nil,
            total: 487485, rate: 0.0),
        .init(
            topic: "online_usage_b_nursing_care", answer: "10) 居宅介護（介護予防）住宅改修費の支給申請", group: "全国", count: nil,
            total: 498948, rate: 0.0),
        .init(
            topic: "online_usage_b_nursing_care", answer: "11) 住所移転後の要介護・要支援認定申請", group: "全国", count: nil,
            total: 117800, rate: 0.0),
        .init(
            topic: "online_usage_b_disaster", answer: "1) 罹災証明書の発行申請", group: "全国", count: nil, total: 92939, rate: 5.2),
        .init(
            topic: "online_usage_b_disaster", answer: "2) 応急仮設住宅の入居申請", group: "全国", count: nil, total: 456, rate: 3.8),
        .init(topic: "online_usage_b_disaster", answer: "3) 応急修理の実施申請", group: "全国", count: nil, total: 0, rate: 0.0),
        .init(topic: "online_usage_b_disaster", answer: "4) 障害物除去の実施申請", group: "全国", count: nil, total: 0, rate: 0.0),
        .init(topic: "online_usage_b_disaster", answer: "5) 災害弔慰金の支給申請", group: "全国", count: nil, total: 77, rate: 0.0),
        .init(
            topic: "online_usage_b_disaster", answer: "6) 災害障害見舞金の支給申請", group: "全国", count: nil, total: 0, rate: 0.0),
        .init(
            topic: "online_usage_b_disaster", answer: "7) 災害援護資金の貸付申請", group: "全国", count: nil, total: 159, rate: 0.0),
        .init(
            topic: "online_usage_b_disaster", answer: "8) 被災者生活再建支援金の支給申請", group: "全国", count: nil, total: 4265,
            rate: 0.0),
        .init(
            topic: "online_usage_b_moving", answer: "1) 転出届【市区町村のみ】", group: "全国", count: nil, total: 4097655, rate: 5.5
        ),
        .init(
            topic: "online_usage_b_moving", answer: "2) 転入予定市区町村への来庁予定の連絡【市区町村のみ】", group: "全国", count: nil, total: nil,
            rate: nil),
        .init(topic: "csirt", answer: "整備している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "csirt", answer: "整備している", group: "市区町村", count: 1397, total: 1741, rate: 80.2),
        .init(topic: "emergency_response_plan", answer: "策定している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "emergency_response_plan", answer: "策定している", group: "市区町村", count: 1282, total: 1741, rate: 73.6),
        .init(
            topic: "ict_bcp", answer: "策定、または策定を予定している（全庁BCPを策定している場合も含む）", group: "都道府県", count: 47, total: 47,
            rate: nil),
        .init(topic: "ict_bcp", answer: "策定していない", group: "都道府県", count: 0, total: 47, rate: nil),
        .init(
            topic: "ict_bcp", answer: "策定、または策定を予定している（全庁BCPを策定している場合も含む）", group: "市区町村", count: 978, total: 1741,
            rate: 56.2),
        .init(topic: "ict_bcp", answer: "策定していない", group: "市区町村", count: 763, total: 1741, rate: nil),
        .init(topic: "ai_introduced", answer: "導入している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "ai_introduced", answer: "導入していない", group: "都道府県", count: 0, total: 47, rate: nil),
        .init(topic: "ai_introduced", answer: "導入している", group: "市区町村", count: 791, total: 1741, rate: 45.4),
        .init(topic: "ai_introduced", answer: "導入していない", group: "市区町村", count: 950, total: 1741, rate: nil),
        .init(topic: "rpa_introduced", answer: "導入している", group: "都道府県", count: 44, total: 47, rate: 93.6),
        .init(topic: "rpa_introduced", answer: "導入していない", group: "都道府県", count: 3, total: 47, rate: nil),
        .init(topic: "rpa_introduced", answer: "導入している", group: "市区町村", count: 641, total: 1741, rate: 36.8),
        .init(topic: "rpa_introduced", answer: "導入していない", group: "市区町村", count: 1100, total: 1741, rate: nil),
        .init(topic: "telework", answer: "導入している", group: "都道府県", count: 47, total: 47, rate: nil),
        .init(topic: "telework", answer: "導入している", group: "市区町村", count: 1055, total: 1741, rate: 60.6),
        .init(topic: "digital_divide_measures", answer: "実施している", group: "都道府県", count: 44, total: 47, rate: 93.6),
        .init(topic: "digital_divide_measures", answer: "実施していない", group: "都道府県", count: 3, total: 47, rate: nil),
        .init(topic: "digital_divide_measures", answer: "実施している", group: "市区町村", count: 1197, total: 1733, rate: 69.1),
        .init(topic: "digital_divide_measures", answer: "実施していない", group: "市区町村", count: 536, total: 1733, rate: nil),
        .init(topic: "e_approval_hr_payroll", answer: "電子決裁機能がある", group: "都道府県", count: 18, total: 47, rate: 38.3),
        .init(topic: "e_approval_hr_payroll", answer: "電子決裁機能がない", group: "都道府県", count: 29, total: 47, rate: nil),
        .init(topic: "e_approval_hr_payroll", answer: "電子決裁機能がある", group: "市区町村", count: 471, total: 1733, rate: 27.2),
        .init(topic: "e_approval_hr_payroll", answer: "電子決裁機能がない", group: "市区町村", count: 1262, total: 1733, rate: nil),
        .init(
            topic: "e_approval_hr_payroll_rate_tracked", answer: "把握している", group: "都道府県", count: 7, total: 18, rate: nil
        ),
        .init(
            topic: "e_approval_hr_payroll_rate_tracked", answer: "把握していない", group: "都道府県", count: 11, total: 18,
            rate: nil),
        .init(
            topic: "e_approval_hr_payroll_rate_tracked", answer: "把握している", group: "市区町村", count: 174, total: 471,
            rate: nil),
        .init(
            topic: "e_approval_hr_payroll_rate_tracked", answer: "把握していない", group: "市区町村", count: 297, total: 471,
            rate: nil),
        .init(topic: "e_approval_finance", answer: "電子決裁機能がある", group: "都道府県", count: 19, total: 47, rate: 40.4),
        .init(topic: "e_approval_finance", answer: "電子決裁機能がない", group: "都道府県", count: 28, total: 47, rate: nil),
        .init(topic: "e_approval_finance", answer: "電子決裁機能がある", group: "市区町村", count: 429, total: 1733, rate: 24.8),
        .init(topic: "e_approval_finance", answer: "電子決裁機能がない", group: "市区町村", count: 1304, total: 1733, rate: nil),
        .init(
            topic: "e_approval_finance_rate_tracked", answer: "把握している", group: "都道府県", count: 12, total: 19, rate: nil),
        .init(
            topic: "e_approval_finance_rate_tracked", answer: "把握していない", group: "都道府県", count: 7, total: 19, rate: nil),
        .init(
            topic: "e_approval_finance_rate_tracked", answer: "把握している", group: "市区町村", count: 232, total: 429, rate: nil
        ),
        .init(
            topic: "e_approval_finance_rate_tracked", answer: "把握していない", group: "市区町村", count: 197, total: 429,
            rate: nil),
        .init(topic: "e_approval_document", answer: "電子決裁機能がある", group: "都道府県", count: 40, total: 47, rate: 85.1),
        .init(topic: "e_approval_document", answer: "電子決裁機能がある", group: "市区町村", count: 615, total: 1733, rate: 35.5),
        .init(topic: "gis_introduced", answer: "既に導入している", group: "都道府県", count: 25, total: 47, rate: 53.2),
        .init(topic: "gis_introduced", answer: "既に導入している", group: "市区町村", count: 1142, total: 1733, rate: 65.9),
        .init(topic: "gis_obstacles", answer: "財政状況", group: "都道府県", count: 8, total: nil, rate: 53.3),
        .init(topic: "gis_obstacles", answer: "財政状況", group: "市区町村", count: 196, total: nil, rate: 70.0),
        .init(topic: "gis_use_business", answer: "農林政", group: "都道府県", count: 22, total: 25, rate: 88.0),
        .init(topic: "gis_use_business", answer: "道路", group: "市区町村", count: 931, total: 1142, rate: 81.5),
    ]
}
