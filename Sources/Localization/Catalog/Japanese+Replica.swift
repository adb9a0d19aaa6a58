extension MessageCatalog {
    /// Japanese messages: Replica (the program overview, the replica's commands, the connection to
    /// the server, progress lines, the options of `renkei`).
    static let japaneseReplica: [String: String] = [
        // The program
        "client.summary": "市町村（またはアドバイザー）の Renkei クライアント",
        "client.overview":
            "Renkei は、市町村の調査の回答、ヒアリングの記録、文書のレプリカを手元に保持します。すべての操作はオフラインでも行えます。",

        // init
        "init.summary": "市町村（またはアドバイザー）用のローカルレプリカを作成します",
        "init.overview":
            "ローカルレプリカを作成します。インストールごとに新しいランダムなレプリカIDが付きます。再インストールすると別のレプリカになります。",
        "init.example.advisor": "（アドバイザー用。サーバーは後で設定します）",
        "init.created": "{home} に {scope} のレプリカ {replica} を作成しました",

        // login
        "login.summary": "交付されたトークンで県のサーバーに接続します",
        "login.overview":
            "交付されたトークンで、このレプリカを県のサーバーに接続します（トークンは `renkei-server admin token issue` が一度だけ表示します）。サーバーにトークンの持ち主を問い合わせたうえで、トークンをレプリカのホーム（ファイル `token`、モード 0600）に保存し、同期のたびに送信します。トークンが表示されることはありません。",
        "login.notes":
            "トークンは標準入力またはファイルから読み取ります。コマンドラインでは受け付けません（コマンドラインはシェルの履歴に残り、`ps` で他のユーザーにも見えるためです）。",
        "login.example.paste": "（続けてトークンを貼り付けます）",
        "login.failed": "{error}（{server}）。何も保存していません",
        "login.scope.mismatch": "このレプリカは {replica} 用ですが、トークンは {token} の職員用です。何も保存していません",
        "login.grant.scoped": "{scope} の {role}",
        "login.done": "{server} に {user}（{grant}）としてログインしました。次に `renkei sync` を実行してください。",

        // sync
        "sync.summary": "手元の変更をサーバーへ送信し、他の人の変更を受信します",
        "sync.overview":
            "手元の変更をサーバーへ送信し、続いて他の人の変更を受信します。新しい文書のファイルを先にアップロードします（中断したアップロードは、止まったところから再開します）。いつ中断しても安全です。次の同期が、何も失わず、何も重複させずに続きから再開します。ネットワークの失敗は再試行します（4 回、0.5〜4 秒の間隔で）。それでも失敗したときは終了ステータス 69 で終了し、変更は次の同期まで送信待ちのまま残ります。",
        "sync.notes":
            "端末では、アップロードしたファイル（バイト数、速度、残り時間）と送受信した変更の件数を進捗行に表示します。文書のファイルは必要なときに `renkei docs get` でダウンロードします。誰かが覚えておかなくてもレプリカを最新に保つには、`renkei sync --every 10m` を動かしたままにするか、PC で `renkei sync` を定期的に実行します（Windows のタスク スケジューラ、systemd のタイマー、cron。README の「Keeping a replica current」を参照）。",
        "sync.every.invalid": "--every には 10m、1h、30s のような間隔を指定してください（最大 24h）",
        "sync.failed": "{error}（{server}）。",
        "sync.failed.kept": "{error}（{server}）。手元の変更 {count} 件は保持され、次の同期で送信されます。",
        "sync.transfer.failed": "{error}。何も送信していません。手元の変更は保持されています。",
        "sync.transfer.not.cached":
            "{error}（`renkei docs verify` を実行してください）。何も送信していません。手元の変更は保持されています。",
        "sync.requeued": "サーバーがバックアップから復元されていました。変更が失われないよう、あなたの変更 {count} 件を再送信しました。",
        "sync.done": "変更 {pending} 件のうち {sent} 件を送信し、{pulled} 件を受信しました（うち新規 {accepted} 件）。",
        "sync.done.files":
            "変更 {pending} 件のうち {sent} 件とファイル {files} 件を送信し、{pulled} 件を受信しました（うち新規 {accepted} 件）。",
        "sync.rejected":
            "{count} 件の変更を送れず、取り分けました（他の変更は送信済み）。`renkei rejected` で理由を確認し、修正して再送信するか、破棄してください。",
        "sync.conflicts": "{count} 件のフィールドで版が競合しています。`renkei get` で確認し、正しい値を書き込んでください。",
        "sync.rewound":
            "このPCの控え（レプリカ）は、以前のコピー（バックアップからの復元、システムの復元、プロファイルのコピーなど）に戻っていました。サーバーにある、その後の変更（このレプリカ自身の変更を含む）をすべて受け取り、新しいレプリカID {short}… で続けます。失われた変更はありません。（レプリカID: {previous} → {replica}）",
        "sync.rewound.restamped": "復元後に入力した {count} 件の変更も送信しました。",
        "sync.rewound.conflicts":
            "{count} 件の項目は、復元前と復元後の両方で変更されていたため競合として残しました。`renkei conflicts` で確認し、正しい値を選んでください。",
        "sync.every.start": "{interval}ごとに同期します。Ctrl-C を押すと、実行中の回が終わってから停止します。",
        "sync.every.failed": "{message}（次の回は {interval}後です）",
        "sync.every.stopped": "停止しました。",
        "sync.interval.hours": "{count} 時間",
        "sync.interval.minutes": "{count} 分",
        "sync.interval.seconds": "{count} 秒",

        // put, get
        "put.summary": "1 件のレコードの 1 つのフィールドに書き込みます",
        "put.overview":
            "1 件のレコードの 1 つのフィールドに書き込みます。値は JSON で指定します: 12、\"はい\"、true、null（null はフィールドを削除します）。書き込みは、このレプリカが知っているそのフィールドのすべての版に優先するため、競合のあるフィールドに書き込むと競合が解消されます。",
        "put.notes":
            "引数:\n  <collection>   例: answers, hearings, hearing-items, documents, surveys\n  <record>       レコードID。例: osaka-dx-2025/271004/A05\n  <field>        フィールド名。例: value\n  <json>         新しい値（JSON）。-- で始まる値の前には `--` を置きます",
        "put.value.not.json": "値が JSON ではありません（{error}）。文字列は引用符で囲みます。例: '\"はい\"'",
        "put.done": "{key} = {value} を書き込みました（{vector}）",
        "get.summary": "1 つのフィールドを表示します（競合があればすべての版）",
        "get.overview":
            "1 つのフィールドを表示します。同時の編集が競合しているときは、すべての版を書き込んだ人とともに表示します。競合を解消するには、そのフィールドにもう一度書き込みます。",
        "get.no.value": "{key} には値がありません",
        "get.conflict": "競合: {key} には同時に書き込まれた版が {count} 個あります",

        // status
        "status.summary": "レプリカの状態（送信待ちの変更、競合、識別情報）を表示します",
        "status.overview":
            "ローカルレプリカの状態を表示します: どのレプリカか、同期を待っている変更、最後に同期した日時、版が競合しているフィールドの数。",
        "status.replica": "レプリカID:",
        "status.scope.user": "スコープ / ユーザー:",
        "status.server": "サーバー:",
        "status.token": "トークン:",
        "status.pending": "送信待ちの変更:",
        "status.conflicts": "競合:",
        "status.fields": "フィールド数:",
        "status.pulled": "受信済みの位置:",
        "status.last.sync": "最終同期:",
        "status.server.none": "（未設定）",
        "status.token.stored": "保存済み（{grant}）",
        "status.token.none": "なし。`renkei login --server URL --token -` を実行してください",
        "status.never": "未同期",

        // dump
        "dump.summary": "すべてのレジスタを正規形の JSON 行で出力します（スクリプトや検証用）",
        "dump.overview":
            "レプリカのすべてのフィールドを、キーの順に 1 行ずつ正規形の JSON で出力します。同じ版を持つレプリカは同一のバイト列を出力します（cmp や sha256sum で比較できます）。",

        // conflicts
        "conflicts.summary": "版が競合しているフィールドを一覧表示し、または解消します",
        "conflicts.overview":
            "同時の編集によって複数の版が残ったフィールドを一覧表示し、または 1 つを解消します。解消すると、競合するすべての版に優先する版を書き込みます。次の同期で、その版がサーバーと他のすべてのレプリカに届きます。",
        "conflicts.resolve.summary": "競合している版の 1 つを残すか、新しい値を書き込みます",
        "conflicts.resolve.overview":
            "競合を解消します: 競合するすべての版に優先する版を書き込みます。次の同期で、その版がサーバーと他のすべてのレプリカに届きます。",
        "conflicts.resolve.notes": "引数:\n  <key>          `conflicts` が表示するフィールド: collection/record#field",
        "conflicts.key.invalid": "キーは collection/record#field の形で指定します。例: answers/osaka-dx-2025/271004/A05#value",
        "conflicts.none": "競合はありません。",
        "conflicts.entry": "{key}  （{count} 個の版）",
        "conflicts.version": "  [{number}] {value}   {time} に {user} が {replica} で書き込み",
        "conflicts.deleted": "（削除）",
        "conflicts.hint": "\n解消するには: renkei conflicts resolve <key> --pick N   （または --value JSON）",
        "conflicts.pick.invalid": "--pick には一覧の版の番号（1、2、…）を指定してください",
        "conflicts.choice": "--pick N と --value JSON のどちらか一方だけを指定してください",
        "conflicts.no.conflict": "{key} には解消する競合がありません",
        "conflicts.pick.range": "{key} の版は {count} 個です。1〜{count} から選んでください",
        "conflicts.resolved": "{key} = {value} で解消しました。次の同期で全員に届きます。",

        // rejected
        "rejected.summary": "サーバーが受け付けなかった変更: 理由の確認、修正後の再送信、破棄",
        "rejected.overview":
            "サーバーが最終的に受け付けなかった変更を、その理由とともに表示します。受け付けられなかった変更が他の変更の妨げになることはありません。原因を直して再送信するか、破棄するまで、ここに保留されます。同じフィールドにもう一度書き込んでも置き換わります。",
        "rejected.example.list": "（受け付けられなかった変更とその理由）",
        "rejected.retry.summary": "受け付けられなかった変更を、原因を直した後、次の同期で再送信します",
        "rejected.retry.example": "（アドバイザーが調査を再開した後）",
        "rejected.drop.summary": "受け付けられなかった変更を破棄します。フィールドは変更前の値に戻ります",
        "rejected.drop.example": "（破棄します。フィールドはサーバーの値に戻ります）",
        "rejected.id.notes": "引数:\n  <id>           一覧の最初の列の番号",
        "rejected.none": "サーバーに拒否された変更はありません。",
        "rejected.hint": "\nrenkei rejected retry <id>（修正後に再送信）  |  renkei rejected drop <id>（破棄）",
        "rejected.unknown": "受け付けられなかった変更 {id} はありません。`renkei rejected` で確認してください",
        "rejected.retried": "{count} 件の変更を次の `renkei sync` で再送信します。",
        "rejected.dropped": "変更 {id} を破棄しました。フィールドは変更前の値に戻ります。",
        "rejected.id.invalid": "<id> には `renkei rejected` が表示する番号を指定してください",

        // The replica's home, records and writes
        "replica.home.empty": "--home にはディレクトリを指定してください（空のパスではカレントディレクトリが使われてしまいます）",
        "replica.cache.failed": "{path} のファイルキャッシュを開けません: {error}",
        "replica.warning": "警告: {message}",
        "replica.missing": "{path} にレプリカがありません。先に `renkei init --scope CODE --user NAME` を実行してください",
        "replica.exists":
            "{path} にはすでにレプリカがあります。そのデータが失われるため、上書きせずに残しています（`renkei init --force` で今のレプリカを別のフォルダーに移して作り直せます）",
        "replica.no.user": "レプリカにユーザーが設定されていません。`renkei init` をやり直してください",
        "replica.record.missing": "このレプリカに{kind} {id} はありません",
        "replica.record.conflict": "{value}  [競合: renkei conflicts で確認してください]",
        "replica.noun.hearing": "ヒアリング",
        "replica.noun.hearing.item": "ヒアリングの項目",
        "replica.noun.inquiry": "問合せ",
        "replica.noun.consultation": "相談会",
        "replica.noun.meeting": "会議",
        "replica.noun.record": "{collection} のレコード",
        "replica.write.forbidden":
            "このレプリカ（{grant}）はスコープ {scope} の {collection} に書き込めません。サーバーが拒否するため、何も書き込んでいません",
        "replica.write.refused": "{reason}。何も書き込んでいません",
        "replica.write.problem": "{key}: {problem}。何も書き込んでいません",
        "replica.write.answer.record":
            "回答のレコードは {form}（{englishForm}）の形で、団体コードはスコープ（{scope}）と同じです。何も書き込んでいません",
        "replica.write.nothing": "{message}\n何も書き込んでいません。",

        // The connection to the server
        "connection.no.server":
            "サーバーが設定されていません。`renkei login --server URL --token -` を一度実行してください（トークンは標準入力から読み取ります）",
        "connection.no.token":
            "{server} のトークンがありません。県にトークンを依頼し、`renkei login --server {server} --token -` を実行してください（続けてトークンを貼り付けます）",
        "connection.server.invalid": "サーバーには http:// または https:// の URL を指定してください。例: http://127.0.0.1:8080",
        "connection.token.how.to":
            "トークンは `--token -` で標準入力から（求められたら貼り付けるか、`--token - < FILE`）、または `--token-file FILE` でファイルから渡してください",
        "connection.token.missing": "--token -（標準入力のトークン）または --token-file FILE を指定してください",
        "connection.token.both": "--token - と --token-file FILE は、どちらか一方だけを指定してください",
        "connection.token.on.command.line":
            "コマンドラインに書いたトークンはシェルの履歴に残り、`ps` で他のユーザーにも見えるため、受け付けません。{howTo}。何も保存していません。",
        "connection.token.on.command.line.leaked":
            "コマンドラインに書いたトークンはシェルの履歴に残り、`ps` で他のユーザーにも見えるため、受け付けません。{howTo}。何も保存していません。本物のトークンだった場合は、すでにシェルの履歴に残っています。新しいトークンを依頼し、このトークンを失効させてもらってください。",
        "connection.token.prompt": "トークン（入力内容は表示されません）: ",
        "connection.token.invalid": "Renkei のトークンではありません（rk_ に続く 16 進数 64 桁）",
        "connection.url.invalid": "サーバーの URL が正しくありません: {url}",
        "connection.not.http": "サーバーの応答が HTTP ではありません",
        "connection.no.answer": "サーバーから応答がありません",

        // Progress lines
        "progress.step.pushed": "送信バッチ {number}",
        "progress.step.pulled": "受信ページ {number}",
        "progress.verbose": "{step}: 送信 {pushed}/{pending}、受信 {pulled}。ローカル {local} 秒、ネットワーク {network} 秒",
        "progress.line": "  送信 {pushed}/{pending}、受信 {pulled}{more}  （{rate} 件/秒）  ",
        "progress.transfer": "{label}  {done} / {total}  {rate}/秒",
        "progress.eta": "  残り {time}",

        // Options of `renkei` (ClientOptions)
        "option.client.home": "レプリカの場所（既定: $RENKEI_HOME、なければ ~/.renkei）",
        "option.client.json": "結果を JSON で出力します",
        "option.client.init.scope": "市町村の 6 桁の団体コード（例: 大阪市は 271004）。アドバイザーは `shared`",
        "option.client.user": "ログイン名。あなたが行うすべての変更に記録されます",
        "option.client.init.server": "同期する県のサーバー（後で設定することもできます）",
        "option.client.login.server": "県のサーバー。例: https://renkei.pref.osaka.lg.jp",
        "option.client.sync.server": "init で指定したサーバーに代えて使う（そして記憶する）サーバー",
        "option.client.token": "トークン（rk_…）を標準入力から読み取ります。端末では入力を求められ、貼り付けた内容は表示されません",
        "option.client.token.file": "トークンを FILE から読み取ります（所有者だけが読めるファイル: chmod 600）",
        "option.client.proxy":
            "HTTP プロキシ（既定: https_proxy / HTTPS_PROXY / http_proxy / HTTP_PROXY。例外は no_proxy / NO_PROXY）",
        "option.client.verbose": "バッチとページごとに所要時間（ローカルのデータベース / ネットワーク）を表示します",
        "option.client.put.scope": "レコードのスコープ（既定: レプリカのスコープ）",
        "option.client.register.json": "レジスタを JSON で出力します: 版の配列（正規形）",
        "option.client.pick": "一覧の N 番目（1 から数えます）の版を値として残します",
        "option.client.value": "代わりに新しい値を書き込みます（null はフィールドを削除します）",
        "option.client.rejected.json": "一覧を JSON で出力します（変更ごとに 1 つのオブジェクト）",
        "option.client.all": "受け付けられなかったすべての変更を再送信します",
        "option.client.status": "公開状態: draft、open、closed のいずれか（既定: open）",
        "option.client.on.behalf": "市町村 CODE の回答を扱います（管理者が許可した場合の、アドバイザーによる代理入力）",
        "option.client.form.output": "回答票の書き出し先（既定: カレントディレクトリの 回答票_<survey>_<code>.xlsx）",
        "option.client.confirm.all": "前年度から引き継いだままの回答をすべて確認済みにします",
        "option.client.comment": "市町村に直してほしい点（差し戻しとともに市町村に表示されます。必須）",
        "option.client.row": "表形式の設問の行（行のID。例: r1。新しいIDで行を追加します）",
        "option.client.column": "表形式の設問の列（列のID）",
        "option.client.hearing.date": "ヒアリングの日付",
        "option.client.hearing.place": "実施場所",
        "option.client.hearing.attendees": "出席者",
        "option.client.hearing.topics": "話し合った内容",
        "option.client.hearing.summary": "結果",
        "option.client.hearing.follow.ups": "今後の対応とその担当者",
        "option.client.item.question": "質問",
        "option.client.item.answer": "回答",
        "option.client.item.category":
            "分類のコードまたは日本語名（`renkei hearing categories` の一覧のとおり。標準の分類: {codes}）",
        "option.client.municipality":
            "ヒアリングの対象の市町村（アドバイザーは必ず指定します。市町村職員のレプリカでは自分の市町村になります）",
        "option.client.municipality.filter": "この市町村とのヒアリングだけ",
        "option.client.faq": "項目を FAQ に指定します（FAQ レポートに載ります）",
        "option.client.faq.choice": "項目を FAQ に指定するかどうか",
        "option.client.folder": "共有の保存領域のフォルダー。例: 調査/2026（必要に応じて作成します）",
        "option.client.folder.filter": "このフォルダー（とその中のフォルダー）の文書だけ",
        "option.client.name": "保存するときの名前（既定: ファイル自体の名前）",
        "option.client.document.scope":
            "閲覧できる範囲: 自分の市町村の団体コード（市町村職員の既定）または `shared`（全員。アドバイザーの既定）",
        "option.client.scope.filter": "このスコープの文書だけ: 市町村の団体コードまたは `shared`",
        "option.client.note": "読む人へのメモ",
        "option.client.document.output":
            "ファイルの書き出し先（`-` で標準出力。既定: カレントディレクトリに、Windows で使える形にした文書名で）",
        "option.client.version":
            "以前の版（`docs history` が表示する番号）。競合の一方を選ぶときにも使います。履歴は、サーバーに接続できればサーバーから（すべての版）、できなければこのレプリカから（このレプリカが知っている版）取得します",
        "option.client.force": "既存の出力ファイルを上書きします",
        "option.client.repair": "壊れたキャッシュのコピーを削除します（必要なときに再ダウンロードされます）",
        "option.client.every":
            "同期を続けます: 今すぐ 1 回、その後 Ctrl-C で止めるまで INTERVAL（10m、1h、30s）ごとに同期します。失敗した回は次の回で再試行します",
        "option.client.format": "csv（既定）、xlsx（表ごとに 1 シート）、json、md、docx（Word、表ごとに 1 セクション）",
        "option.client.group.by": "市町村の種別ごとの割合を加えます: 政令指定都市、中核市、その他の市（施行時特例市を含む）、町村",
        "option.client.compare": "調査が全国調査に対応づけている設問について、割合の横に令和5年度の全国の割合を加えます",
        "option.client.publish":
            "FAQ を文書 FAQ/ヒアリングFAQ.docx（スコープ shared、匿名化済み）としてすべての市町村と共有します。次の同期でアップロードされます",
        "option.client.anonymize": "市町村は種別と人口規模だけで、日付は月だけで表します",
        "option.client.hearing.target": "ヒアリングを行う市町村の目標数（既定 15）",
        "option.client.hearing.deadline": "期限（既定: 今年度の 7 月 31 日）",
        "option.client.sheet.format": "md（既定）、xlsx（Excel から印刷する場合）、csv、json、docx",
        "option.client.faq.format": "md（既定）、csv、xlsx（表ごとに 1 シート）、json、docx（Word）",
        "option.client.monthly.format": "docx（既定: 提出用の報告書）、xlsx（その表）、md、json、csv",
        "option.client.document.format": "docx（既定: 編集して提出する Word 文書）または md（読むため・メールで送るため）",
        "connection.retry": "再試行 {attempt}/{of}: サーバーに届かないため、{seconds} 秒後にもう一度送ります",
        "option.client.init.force":
            "すでにあるレプリカを消さずに replaced-<日時> フォルダーへ移してから、新しく作ります（スコープやユーザーを間違えたときに使います。トークンはそのまま使えます）",
        "init.set.aside":
            "これまでのレプリカを {path} に移しました。",
        "init.set.aside.unsent":
            "これまでのレプリカを {path} に移しました。そのレプリカには未送信の変更が {count} 件あり、新しいレプリカからは送信されません（必要ならその内容を入力し直してください）。",
        "option.client.offline":
            "サーバーにトークンを確認しません（ネットワークを使いません）",
        "status.token.accepted":
            "。サーバーで確認済み（{user}）",
        "status.token.refused":
            "。ただしサーバーはこのトークンを受け付けません（失効・期限切れ・誤り）。県の管理者に新しいトークンを依頼し、`renkei login --server URL --token -` で登録し直してください",
        "status.token.unchecked":
            "。サーバーに接続できないため、有効かどうかは確認していません",
        "replica.write.too.large":
            "{key}: 値が大きすぎます（{kilobytes} KiB まで）。サーバーが受け付けないため、何も書き込んでいません",
    ]
}
