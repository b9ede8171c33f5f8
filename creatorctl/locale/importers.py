"""Messages of the import framework and of export (keys imp.*, exp.*, num.*)."""

MESSAGES = {
    # what a cell should have held (numbers.py)
    "num.expected_count": (
        "应为次数,如 12,345 或 1.2万",
        "expected a count such as 12,345 or 1.2万",
    ),
    "num.expected_nonnegative": ("次数不能为负", "expected a count that is not negative"),
    "num.expected_amount": ("应为数字,如 0.85 或 1.2万", "expected a number such as 0.85 or 1.2万"),
    "num.expected_rate": ("应为比例,如 35.2% 或 0.352", "expected a rate such as 35.2% or 0.352"),
    "num.expected_duration": (
        "应为时长,如 8.5秒、00:08 或 1分20秒",
        "expected a duration such as 8.5s, 00:08 or 1分20秒",
    ),
    "num.expected_datetime": (
        "应为时间,如 2026-10-25 19:30",
        "expected a date and time such as 2026-10-25 19:30",
    ),
    "num.expected_money": (
        "应为金额,如 ¥1,234.50 或 1.2万",
        "expected an amount such as ¥1,234.50 or 1.2万",
    ),
    "num.expected_date": ("应为日期,如 2026-10-25", "expected a date such as 2026-10-25"),
    "num.expected_bool": ("应为 是/否", "expected yes/no (是/否)"),
    "num.expected_short_text": (
        "文字太长(最多 5,000 个字)",
        "expected text of at most 5,000 characters",
    ),
    "num.expected_id": (
        "应为编号(最多 256 个 ASCII 可见字符,不含空格)",
        "expected an id of at most 256 printable ASCII characters, no spaces",
    ),
    "num.too_large": (
        "数字太大(最多 10^15),文件可能已损坏",
        "a number this large cannot be right (at most 10^15); the file may be damaged",
    ),
    "num.duration_too_long": ("时长太长(最多 30 天)", "expected a duration of at most 30 days"),
    "num.date_out_of_range": (
        "日期应在 2000 年到 2100 年之间",
        "expected a date between the years 2000 and 2100",
    ),
    "num.nul_in_text": (
        "文字中含有 NUL 字符(\\0),文件可能已损坏",
        "the text holds a NUL character (\\0); the file may be damaged",
    ),
    # files
    "imp.cannot_read": ("无法读取 {file}:{why}", "cannot read {file}: {why}"),
    "imp.empty_file": ("{file}:文件是空的", "{file}: the file is empty"),
    "imp.not_a_file": (
        "{file}:不是普通文件(是文件夹、FIFO 或设备),不能导入",
        "{file}: not a regular file (a folder, FIFO or device); cannot import it",
    ),
    "imp.json_too_deep": (
        "{file}:JSON 嵌套太深,不是平台导出的数据",
        "{file}: JSON nested too deeply to be an export",
    ),
    "imp.too_many_columns": (
        "{file}:第 {row} 行有 {n} 列,最多 {max} 列",
        "{file}: row {row} has {n} columns, at most {max}",
    ),
    "imp.line_too_long": (
        "{file}:第 {line} 行太长(超过 {max} 个字符)",
        "{file}: line {line} is longer than {max} characters",
    ),
    "imp.xlsx_too_big": (
        "{file}:工作簿的 {part} 解压后有 {size} 字节,超过 {max},已拒绝(可能是压缩炸弹)",
        "{file}: workbook part {part} unpacks to {size} bytes, more than {max}; refused (a zip bomb?)",
    ),
    "imp.binary": (
        "{file}:不是 CSV、XLSX 或 JSON 文件",
        "{file}: not a CSV, XLSX or JSON file",
    ),
    "imp.old_xls": (
        "{file}:是旧版 .xls,请在 Excel 中另存为 .xlsx 或 CSV",
        "{file}: an old .xls workbook; save it as .xlsx or CSV in Excel",
    ),
    "imp.bad_encoding": (
        "{file}:不是有效的 {encoding} 文本",
        "{file}: not valid {encoding} text",
    ),
    "imp.bad_encoding_at": (
        "{file}:第 {row} 行附近不是有效的 {encoding} 文本",
        "{file}: not valid {encoding} text near row {row}",
    ),
    "imp.bad_csv": ("{file}:第 {row} 行无法读取:{why}", "{file}: row {row} cannot be read: {why}"),
    "imp.bad_json": (
        "{file}:第 {line} 行不是有效的 JSON:{why}",
        "{file}: not valid JSON at line {line}: {why}",
    ),
    "imp.json_too_big": (
        "{file}:JSON 文件太大,请用 JSON Lines 或 CSV",
        "{file}: JSON file too large; use JSON Lines or CSV",
    ),
    "imp.bad_xlsx": (
        "{file}:工作簿损坏或不完整({why})",
        "{file}: the workbook is damaged or incomplete ({why})",
    ),
    "imp.bad_xlsx_at": (
        "{file}:工作簿在第 {row} 行处损坏或不完整({why})",
        "{file}: the workbook is damaged or incomplete at row {row} ({why})",
    ),
    "imp.platform_error": (
        "{file}:这是开放平台返回的错误:{why}",
        "{file}: this is an error response from the Open Platform: {why}",
    ),
    # kinds and columns
    "imp.unknown_kind": (
        "未知的数据类型 {kind},可选:{kinds}",
        "unknown kind {kind}; kinds accepted: {kinds}",
    ),
    "imp.unknown_shape": (
        "{file}:看不出是哪类数据(可选:{kinds}),请用 --kind 指定",
        "{file}: cannot tell what kind of data this is (kinds: {kinds}); use --kind",
    ),
    "imp.missing_column": (
        "{file}:缺少列 {column}({kind})",
        "{file}: missing column {column} ({kind})",
    ),
    "imp.no_header": (
        "{file}:前 20 行里没有{kind}的表头",
        "{file}: no header row of the {kind} in the first 20 rows",
    ),
    "imp.option_required": (
        "导入 {kind} 需要 --{option}",
        "importing {kind} needs --{option}",
    ),
    "imp.bad_option": ("--{option} 的值无效:{value}", "invalid value for --{option}: {value}"),
    "imp.future_snapshot": (
        "快照日期 {date} 在未来",
        "the snapshot date {date} is in the future",
    ),
    # rows
    "imp.bad_cell": (
        "{file}:第 {row} 行,列 {column}:{expected},实际为 {value}",
        "{file}: row {row}, column {column}: {expected}, got {value}",
    ),
    "imp.required_cell": (
        "{file}:第 {row} 行,列 {column}:不能为空",
        "{file}: row {row}, column {column}: must not be empty",
    ),
    "imp.bad_row": (
        "{file}:第 {row} 行,列 {column}:{why}",
        "{file}: row {row}, column {column}: {why}",
    ),
    "imp.too_many": (
        "{file}:问题超过 {n} 个,后面的行未检查",
        "{file}: more than {n} problems; the rest was not checked",
    ),
    "imp.future_time": ("时间在未来", "the time is in the future"),
    "imp.reason_bad": ("{column}:{expected}", "{column}: {expected}"),
    "imp.reason_empty": ("{column} 为空", "{column} is empty"),
    "imp.merged": (
        "  合并:作品 #{work}《{title}》← {ids}(同标题,相差 {secs} 秒)",
        "  merged: work #{work} “{title}” ← {ids} (same title, {secs} s apart)",
    ),
    "imp.merged_more": ("  …… 另有 {n} 个合并", "  … and {n} more merges"),
    "imp.snapshot_guessed": (
        "文件名里没有日期,按今天({date})的快照导入;换日期请用 --snapshot-date",
        "the file name has no date, so this is taken as today's snapshot ({date}); "
        "use --snapshot-date to set another",
    ),
    "imp.reason_no_time": (
        "没有发布时间(未公开的作品,create_time 为 0)",
        "no publish time (not public: create_time 0)",
    ),
    "imp.reason_unknown_work": (
        "找不到作品,且没有发布时间无法新建",
        "no such work, and no publish time to add it",
    ),
    # summary (CLI and app)
    "imp.summary": (
        "{file} → {kind}{snapshot}:新增 {added},更新 {updated},未变 {unchanged},跳过 {skipped}",
        "{file} → {kind}{snapshot}: added {added}, updated {updated}, unchanged {unchanged}, "
        "skipped {skipped}",
    ),
    "imp.summary_snapshot": (",快照日期 {date}", ", snapshot {date}"),
    "imp.total": (
        "合计 {kind}:新增 {added},更新 {updated},未变 {unchanged},跳过 {skipped}",
        "total {kind}: added {added}, updated {updated}, unchanged {unchanged}, skipped {skipped}",
    ),
    "imp.skipped_reason": ("  跳过 {n} 行:{reason}", "  skipped {n} row(s): {reason}"),
    "imp.dry_run": ("(试运行,未写入)", "(dry run: nothing written)"),
    "imp.rejected": ("{file}:未导入,未写入任何数据", "{file}: not imported; nothing written"),
    "imp.reading": ("导入 {file}", "importing {file}"),
    # the app
    "imp.key": ("导入", "import"),
    "imp.palette": (
        "导入抖音导出文件、开放平台 JSON 或 CSV",
        "import a Douyin export, Open Platform JSON or CSV",
    ),
    "imp.ui_title": ("导入数据", "Import data"),
    "imp.ui_path": (
        "文件路径(XLSX、CSV 或 JSON;类型自动识别)",
        "File path (XLSX, CSV or JSON; the kind is found from its headers)",
    ),
    "imp.ui_handle": ("导入到新账号(账号名)", "Import into a new account (handle)"),
    "imp.ui_snapshot": (
        "快照日期(可空:取文件名中的日期,否则今天)",
        "Snapshot date (empty: the date in the file name, else today)",
    ),
    "imp.ui_skip": ("跳过有问题的行", "Skip bad rows"),
    "imp.ui_dry": ("试运行(不写入)", "Dry run (write nothing)"),
    "imp.ui_start": ("导入", "Import"),
    "imp.ui_bad_date": ("日期 {value} 无效,格式为 YYYY-MM-DD", "bad date {value}: use YYYY-MM-DD"),
    "imp.ui_rejected": ("未导入,未写入任何数据:", "Not imported; nothing was written:"),
    "imp.col_kind": ("类型", "kind"),
    "imp.col_label": ("名称", "name"),
    "imp.col_required": ("必需的列", "required columns"),
    # export
    "exp.unknown": (
        "未知的导出类型 {kind},可选:{kinds}",
        "unknown export {kind}; choose from {kinds}",
    ),
    "exp.done": ("已导出 {n} 行到 {file}", "exported {n} row(s) to {file}"),
}
