extension MessageCatalog {
    /// Japanese messages: Report.
    static let japaneseReport: [String: String] = [
        // renkei report: help
        "report.summary": "府向けの集計表と報告書を作成します（CSV、Excel、Word、JSON、Markdown）",
        "report.overview":
            "このレプリカのデータから、府向けの集計表と報告書を作成します（最新の回答を含めるには、先に同期してください）。オフラインでも使えます。",
        "report.survey.summary":
            "市町村ごとに 1 行（大阪府の 43 市町村と、ほかに回答した市町村）、設問ごとに 1 列の表です。選択肢は日本語の表示名、金額は円、日付は日付として出力し、未回答は空欄、競合は【競合】と印を付けてすべての値を示します。表形式の設問は、表の 1 行を 1 行とする別の表になります。",
        "report.progress.summary":
            "市町村ごとの必須設問の回答率、エラー、未解決の競合、回答の最終更新日時と、府全体の選択肢ごとの件数（例: CIO を任命している市町村の数と割合）および数値の合計を示します。",
        "report.progress.notes":
            "--compare national を指定すると、スキーマで全国調査の項目を指定している設問（\"national\": {\"topic\": \"cio_appointed\", \"answers\": {\"yes\": \"任命している\"}}）について、各割合の横に該当する区分の全国の割合を示します。数値は令和5年度の全国調査の集計（Examples/data/national_dx_survey_r5.csv）です。割合は、回答の有無にかかわらず、区分内のすべての市町村に対するものです。Excel では、市町村ごとの回答率と全国との比較をグラフでも示し、それぞれ表の下の別のページに置きます。",
        "report.systems.summary":
            "システム調査（基幹系と内部系）を分析します。業務・年度ごとの契約満了（和暦。どの市町村か: 共同調達の検討の基礎になります）、業務ごとの事業者（件数と割合）、業務ごと・市町村ごと・住民 1 人あたりの費用、業務ごとの標準化への移行状況を示します。",
        "report.systems.notes":
            "表形式の設問のうち、列 category（業務）、vendor_name、contract_end と、あれば contract_amount_annual / contract_amount_total を持つものを分析します（例の調査の D01 と E01）。移行の表は、固定の行と migration_month を持つ表です（D03）。人口は令和2年国勢調査によります（Examples/data/osaka_municipalities_profile.csv）。Excel では、年度ごとの契約満了をグラフでも示します。",
        "report.compare.summary":
            "2 つの調査（前年度と今年度）を並べて比較します。設問ごとの府全体の変化（回答した市町村の数、数値の合計と平均、選択肢ごとの件数）と、市町村・設問ごとの両方の回答とその変化（+3、変更、新規、回答なし）を示します。",
        "report.compare.notes":
            "設問は ID と種類で対応づけます。表形式の設問は対象外です（年度が違うと、行が同じ行ではないためです）。",
        "report.hearings.summary":
            "ヒアリングの進捗です。ヒアリングした市町村とその日付を目標（指定がなければ 7 月末までに 15 市町村）と比べ、最後のヒアリングと、その 3 週間後の FAQ の期限を示します。",
        "report.hearings.notes":
            "既定は Markdown です。ヒアリングはこのレプリカから読みます（アドバイザーのレプリカには、すべての市町村のヒアリングがあります）。",
        "report.faq.summary":
            "FAQ の印が付いたヒアリング項目を、DX 推進計画の重点分野ごとに、市町村とヒアリング日とともに示します（既定は Markdown）。",
        "report.faq.notes":
            "--anonymize は、FAQ をすべての市町村と共有するためのものです。大阪市は 政令指定都市（人口30万人以上）に、日付はその月になります。--publish は、FAQ を（必ず匿名化して）スコープ shared の文書 FAQ/ヒアリングFAQ.docx として共有します。各市町村のレプリカは次の同期で受け取ります。もう一度公開すると、同じ文書の新しい版になります。公開できるのはアドバイザーと管理者だけです。",
        "report.monthly.summary":
            "アドバイザーの月次報告（翌月 10 日まで）を Word 文書で作成します。テーマ別・市町村別の問い合わせ、出席者数付きの相談会、会議とその議事録の期限（2 開庁日）および送付日、実施したヒアリング、計画に対する進捗（目標に対するヒアリング、受付中の調査の提出状況）を示します。",
        "report.monthly.notes":
            "このレプリカの業務記録（`renkei log …`）とヒアリングを読みます。開庁日は、土日、祝日（振替休日と国民の休日を含みます）、12/29〜1/3 を除いた日です。ヒアリングの目標は、その月が属する年度の 4 月 1 日から 7 月 31 日までで数えます。",
        "report.analysis.summary":
            "府に提出する調査分析報告書を Word 文書で作成します。調査の実施方法、市町村の区分ごとの回答状況に続いて、セクションごとに所見の文と設問ごとの表、各割合の横に全国の割合を示し、最後に全国との比較をまとめます。",
        "report.analysis.notes":
            "割合は、report progress と同じく、回答の有無にかかわらず、すべての市町村に対するものです。全国の割合は、調査が全国調査と結び付けている設問のものです。Word ファイルには、番号付きのセクション、各ページで見出し行を繰り返す表、ページ番号があります。提出する前に Word または LibreOffice で編集してください。",

        // renkei report: usage errors
        "report.group.by.kind": "--group-by に指定できるのは kind だけです",
        "report.compare.national": "--compare に指定できるのは national だけです",
        "report.format.must": "--format には {formats} を指定してください",
        "report.formats.listed": "{list} または {last}",
        "report.list.separator": "、",
        "report.encoding.must": "--encoding には utf-8 または cp932 を指定してください",
        "report.binary.terminal": "{kind} ファイルは端末には出力できません。-o FILE.{extension} を指定してください",
        "report.target.range": "--target には市町村の数（1〜1000）を指定してください",
        "report.by.date": "--by には 2026-07-31 や 令和8年7月31日 のような日付を指定してください",
        "report.today.unknown": "今日の日付を読み取れません。--by DATE を指定してください",
        "report.month.unknown": "そのような月はありません: {month}",
        "report.analysis.format": "--format には docx または md を指定してください",
        "report.faq.publish.output":
            "--publish は FAQ を文書として共有します。-o は指定しないでください（文書は renkei docs get で取得できます）",
        "report.faq.publish.format": "--publish で共有できるのは docx（既定）または md のファイルです",

        // renkei report faq --publish
        "report.faq.cannot.write": "FAQ を書き出せません: {reason}",
        "report.faq.published": "{path}（FAQ {count} 件。団体名は区分と人口規模で表示）をすべての市町村に公開しました。",
        "report.faq.published.new.version":
            "{path}（FAQ {count} 件。団体名は区分と人口規模で表示）を新しい版としてすべての市町村に公開しました。",
        "report.faq.published.next":
            "次の `renkei sync` でアップロードされます。各市町村は `renkei docs get {path}` で読むことができます。",

        // Writing report files
        "report.wrote": "{path} に書き出しました。",
        "report.wrote.sheets": "{path} に書き出しました（{count} シート）。",
        "report.csv.more.tables": "ほかに {count} 個の表があります（{names}）。これらも書き出すには -o FILE.csv を指定してください",
        "report.error.unencodable": "{error}。何も書き出していません",
        "report.error.cannot.write": "{path} に書き込めません: {reason}",
        "report.encoding.unavailable": "このシステムでは {name} に変換できません",
        "report.encoding.unrepresentable":
            "「{character}」（{code}）は CP932 で表せません（{line} 行目、{column} 文字目）。--encoding utf-8 を使うか（Excel は BOM 付きの UTF-8 も開けます）、文字を変えてください",
    ]
}
