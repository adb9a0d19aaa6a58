/// A second survey, different from the example in every way the survey machinery has to
/// handle alike (issue: the machinery must behave the same for any valid survey): an inline code
/// list, the Osaka list declared under another name, a yes/no item with its own labels and
/// "no" listed first, an item a condition hides, a date, money in 千円, a percentage, a decimal,
/// a month, a table with fixed rows (a matrix), and sum rules over items and a table column.
public enum SecondSurvey {
    public static let id = "kinki-systems-2025"

    public static let json = #"""
        {
          "schema_version": "0.1.0",
          "survey_id": "kinki-systems-2025",
          "title": "基幹系システム共同利用調査（テスト用の別様式）",
          "fiscal_year": {"value": 2025, "display_ja": "令和7年度", "period": ["2025-04-01", "2026-03-31"]},
          "codelists": {
            "vendors": ["fujitsu", "nec", "hitachi"],
            "municipalities": {"source": "osaka_municipalities.csv", "key": "code"}
          },
          "cross_item_rules": [
            {"id": "X01", "rule": "sum", "parts": ["N02", "N03"], "total": "N01", "severity": "error",
             "message": "子育て関係と介護関係の手続数の計が合計と合いません"},
            {"id": "X02", "rule": "sum", "parts": ["T02.cost"], "total": "M01", "severity": "warning",
             "message": "契約ごとの年額の計が年間経費と合いません"}
          ],
          "sections": [
            {
              "id": "S",
              "title": "システム",
              "items": [
                {"id": "V01", "label": "主なベンダー", "type": "text", "validators": ["in_codelist:vendors"]},
                {"id": "P01", "label": "共同利用の相手団体", "type": "text", "validators": ["in_codelist:municipalities"]},
                {"id": "H01", "label": "共同利用していますか", "type": "boolean",
                 "choices": [{"value": "no", "label": "いいえ"}, {"value": "yes", "label": "はい"}]},
                {"id": "H02", "label": "共同利用している業務数", "type": "integer", "min": 0, "max": 50, "unit": "業務",
                 "visible_if": {"item": "H01", "equals": "yes"}},
                {"id": "E01", "label": "現行契約の終了日", "type": "date"},
                {"id": "M01", "label": "基幹系システムの年間経費", "type": "money", "unit": "千円", "min": 0},
                {"id": "R01", "label": "共同利用している業務の割合", "type": "percent"},
                {"id": "K01", "label": "職員一人当たりの端末台数", "type": "decimal", "scale": 2, "min": 0, "max": 10},
                {"id": "Y01", "label": "標準準拠システムへの移行予定", "type": "year_month"},
                {"id": "T01", "label": "手続のオンライン化状況", "type": "table", "required": true,
                 "rows": [{"value": "jido_teate", "label": "児童手当の認定請求"},
                          {"value": "hoikusho", "label": "保育所等の利用申込"},
                          {"value": "kaigo_nintei", "label": "要介護・要支援認定の申請"}],
                 "columns": [{"id": "status", "label": "状況", "type": "single_choice", "required": true,
                              "choices": [{"value": "done", "label": "実施済"}, {"value": "planned", "label": "予定"},
                                          {"value": "none", "label": "未定"}]}]},
                {"id": "N01", "label": "オンライン化した手続の数（合計）", "type": "integer", "min": 0},
                {"id": "N02", "label": "うち子育て関係", "type": "integer", "min": 0},
                {"id": "N03", "label": "うち介護関係", "type": "integer", "min": 0},
                {"id": "T02", "label": "基幹系システムの契約", "type": "table",
                 "columns": [{"id": "system", "label": "システム", "type": "text"},
                             {"id": "cost", "label": "年額", "type": "money", "unit": "円"}]}
              ]
            }
          ]
        }
        """#
}
