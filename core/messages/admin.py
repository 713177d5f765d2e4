"""Texts of the /admin page (roster, accounts, settings), the roster import, the yearly policy,
backups, the audit log, and the password change at first login."""

MESSAGES: dict[str, tuple[str, str]] = {
    "admin.title": ("Quản trị", "Administration"),
    "admin.bans": ("Các ban", "Bans"),
    "admin.cadres": ("Cán bộ", "Cadres"),
    "admin.cadres_count": ("Số cán bộ", "Cadres"),
    "admin.joined": ("Ngày vào", "Joined"),
    "admin.left": ("Ngày nghỉ", "Left"),
    "admin.summary": (
        "{bans} ban, {cadres} cán bộ, trong đó {subject} thuộc đối tượng 1+2.",
        "{bans} bans, {cadres} cadres, {subject} of them subject to 1+2.",
    ),
    "admin.tab.import": ("Nhập danh sách", "Roster import"),
    "admin.tab.roster": ("Ban và cán bộ", "Bans and cadres"),
    "admin.tab.accounts": ("Tài khoản", "Accounts"),
    "admin.tab.policy": ("Quy định năm", "Yearly policy"),
    "admin.tab.backup": ("Sao lưu", "Backup"),
    "admin.tab.audit": ("Nhật ký", "Audit log"),
    "admin.tab.trips": ("Nhập lịch sử chuyến đi", "Import past trips"),
    "admin.ban_name": ("Tên ban", "Ban name"),
    "admin.sort_order": ("Thứ tự", "Order"),
    "admin.new": ("(Thêm mới)", "(New)"),
    "admin.pick_ban": ("Ban cần sửa", "Ban to edit"),
    "admin.pick_cadre": ("Cán bộ cần sửa", "Cadre to edit"),
    "admin.deactivate": ("Ngừng hoạt động", "Deactivate"),
    "admin.activate": ("Hoạt động trở lại", "Reactivate"),
    "admin.show_inactive": ("Hiện cả cán bộ đã nghỉ", "Show cadres who left"),
    "admin.deactivated": ("Đã chuyển sang ngừng hoạt động.", "Deactivated."),
    "admin.activated": ("Đã cho hoạt động trở lại.", "Reactivated."),
    # Roster import
    "roster.col.code": ("Mã cán bộ", "Cadre code"),
    "roster.col.full_name": ("Họ và tên", "Full name"),
    "roster.col.ban_code": ("Mã ban", "Ban code"),
    "roster.col.position": ("Chức vụ", "Position"),
    "roster.col.subject": ("Thuộc đối tượng 1+2", "Subject to 1+2"),
    "roster.col.joined_on": ("Ngày vào", "Joined on"),
    "roster.col.left_on": ("Ngày nghỉ", "Left on"),
    "roster.col.email": ("Email", "Email"),
    "roster.col.phone": ("Điện thoại", "Phone"),
    "roster.col.username": ("Tên đăng nhập", "Username"),
    "roster.col.role": ("Vai trò", "Role"),
    "roster.change.reactivated": ("hoạt động trở lại", "reactivated"),
    "roster.change.new_account": ("cấp tài khoản", "new account"),
    "roster.intro": (
        "Tải mẫu, điền mỗi cán bộ một dòng (mã cán bộ là khoá: dòng có mã đã có sẽ cập nhật cán bộ đó), "
        "rồi tải tệp lên (.xlsx hoặc .csv UTF-8, tối đa 5 MB). Xem trước, kiểm tra rồi mới xác nhận.",
        "Download the template, one cadre per row (the cadre code is the key: a known code updates "
        "that cadre), then upload it (.xlsx or UTF-8 .csv, 5 MB at most). Preview, check, then confirm.",
    ),
    "roster.template_xlsx": ("Tải mẫu (Excel)", "Template (Excel)"),
    "roster.template_csv": ("Tải mẫu (CSV)", "Template (CSV)"),
    "roster.current_xlsx": ("Tải danh sách hiện tại (Excel)", "Current roster (Excel)"),
    "roster.upload": ("Tệp danh sách cán bộ", "Roster file"),
    "roster.preview": ("Xem trước", "Preview"),
    "roster.preview.summary": (
        "Thêm {added} cán bộ, cập nhật {changed}, giữ nguyên {unchanged}; {missing} cán bộ đang hoạt động không có trong tệp.",
        "{added} to add, {changed} to change, {unchanged} unchanged; {missing} active cadres are not in the file.",
    ),
    "roster.preview.added": ("Sẽ thêm ({count})", "To add ({count})"),
    "roster.preview.changed": ("Sẽ cập nhật ({count})", "To change ({count})"),
    "roster.preview.missing": ("Không có trong tệp ({count})", "Not in the file ({count})"),
    "roster.preview.fields": ("Thay đổi", "Changes"),
    "roster.deactivate_missing": (
        "Cho {count} cán bộ này ngừng hoạt động: không đăng nhập được, không còn tính vào chỉ tiêu từ "
        "nay (chuyến đi và báo cáo cũ vẫn giữ)",
        "Deactivate these {count} cadres: they can no longer log in and no longer count towards the target "
        "from now on (their past trips and reports are kept)",
    ),
    "roster.confirm": ("Xác nhận nhập danh sách", "Confirm the import"),
    "roster.errors": (
        "Tệp có {count} lỗi; chưa có gì được ghi. Sửa các lỗi sau rồi tải lên lại:",
        "The file has {count} problems; nothing was written. Fix these and upload again:",
    ),
    "roster.done": (
        "Đã nhập: thêm {added}, cập nhật {changed}, giữ nguyên {unchanged}, ngừng hoạt động {deactivated}.",
        "Imported: {added} added, {changed} changed, {unchanged} unchanged, {deactivated} deactivated.",
    ),
    "roster.bans_done": (
        "Ban: thêm {added}, đổi tên hoặc thứ tự {renamed}.",
        "Bans: {added} added, {renamed} renamed or reordered.",
    ),
    "roster.preview.bans_added": ("Ban sẽ thêm ({count})", "Bans to add ({count})"),
    "roster.preview.bans_renamed": (
        "Ban sẽ đổi tên hoặc thứ tự ({count})",
        "Bans to rename or reorder ({count})",
    ),
    "roster.preview.old_name": ("Tên hiện tại", "Current name"),
    "roster.repeated": (
        "Tệp này đã được nhập rồi (bấm hai lần); không ghi thêm gì.",
        "This file was already imported (a double click); nothing more was written.",
    ),
    "roster.passwords": (
        "Mật khẩu dùng một lần của các tài khoản mới: chỉ hiện lần này. Tải về và trao cho từng người; "
        "họ phải đổi mật khẩu khi đăng nhập lần đầu.",
        "One-time passwords of the new accounts, shown only now. Download them and hand them out; "
        "each person must change it at first login.",
    ),
    "roster.passwords_csv": ("Tải mật khẩu một lần (CSV)", "Download the one-time passwords (CSV)"),
    "roster.cli.not_found": ("Không tìm thấy tệp {path}.", "No file {path}."),
    "roster.cli.not_allowed": ("Không có quyền đọc tệp {path}.", "Not allowed to read {path}."),
    "roster.cli.cannot_read": ("Không đọc được tệp {path}.", "Cannot read {path}."),
    "roster.cli.passwords_written": (
        "Đã ghi {count} mật khẩu dùng một lần vào {path} (chỉ chủ tệp đọc được).",
        "{count} one-time passwords written to {path} (readable by its owner only).",
    ),
    "roster.problem": ("Lỗi", "Problem"),
    # /admin's section "Nhập lịch sử chuyến đi" (core.trips_import; its other texts: trips_import.*)
    "trips_admin.intro": (
        "Nhập các chuyến đi cơ sở của những năm trước từ bảng tính (.xlsx hoặc .csv UTF-8, tối đa {limit} MB): "
        "tải mẫu, điền mỗi chuyến đi một dòng, rồi tải tệp lên. Cả tệp được kiểm tra trước; xem trước rồi mới "
        "xác nhận. Chuyến đi đã có (cùng cán bộ, từ ngày, đến ngày) không được nhập lại.",
        "Import the past years' trips from a spreadsheet (.xlsx or UTF-8 .csv, {limit} MB at most): download "
        "the template, one trip per row, then upload it. The whole file is checked first; preview, then "
        "confirm. A trip already there (same cadre, start and end) is not imported again.",
    ),
    "trips_admin.template_xlsx": ("Tải mẫu (Excel)", "Template (Excel)"),
    "trips_admin.template_csv": ("Tải mẫu (CSV)", "Template (CSV)"),
    "trips_admin.upload": ("Tệp lịch sử chuyến đi", "Past trips file"),
    "trips_admin.confirm": ("Xác nhận nhập chuyến đi", "Confirm the import"),
    "trips_admin.nothing_new": (
        "Mọi chuyến đi trong tệp đều đã có; không có gì để nhập.",
        "Every trip in the file is already there; nothing to import.",
    ),
    "trips_admin.repeated": (
        "Tệp này đã được nhập rồi (bấm hai lần); không ghi thêm gì.",
        "This file was already imported (a double click); nothing more was written.",
    ),
    "roster.error.at_row": ("Dòng {row} — ", "Row {row} — "),
    "roster.error.at_ban_row": ('Trang "{sheet}", dòng {row} — ', 'Sheet "{sheet}", row {row} — '),
    "roster.error.missing_ban_column": (
        'Trang "{sheet}" thiếu cột "{field}" ở dòng tiêu đề (xem tệp mẫu).',
        'The sheet "{sheet}" lacks the column "{field}" in its header row (see the template).',
    ),
    "roster.error.bad_order": (
        '{field}: "{value}" không phải số nguyên.',
        '{field}: "{value}" is not a whole number.',
    ),
    "roster.error.sheet_formula": (
        'Trang "{sheet}", ô {cell} (dòng {row}) chứa công thức; chỉ nhận giá trị. Dán giá trị (Paste Values) '
        "rồi tải lên lại.",
        'Sheet "{sheet}", cell {cell} (row {row}) holds a formula; values only. Paste as values and upload '
        "again.",
    ),
    "roster.error.too_big": (
        "Tệp lớn hơn {limit} MB. Danh sách cán bộ thường chỉ vài trăm KB.",
        "The file is larger than {limit} MB. A roster is usually a few hundred KB.",
    ),
    "roster.error.empty": ("Tệp rỗng.", "The file is empty."),
    "roster.error.not_spreadsheet": (
        "Tệp không phải bảng tính .xlsx hay .csv đọc được.",
        "The file is not a readable .xlsx or .csv spreadsheet.",
    ),
    "roster.error.encoding": (
        'Tệp CSV không ở mã UTF-8. Trong Excel, chọn Lưu thành "CSV UTF-8", hoặc gửi tệp .xlsx.',
        'The CSV file is not UTF-8. In Excel, save as "CSV UTF-8", or upload the .xlsx file.',
    ),
    "roster.error.formula": (
        "Ô {cell} (dòng {row}) chứa công thức; danh sách chỉ nhận giá trị. Dán giá trị (Paste Values) rồi tải lên lại.",
        "Cell {cell} (row {row}) holds a formula; the roster takes values only. Paste as values and upload again.",
    ),
    "roster.error.formula_text": (
        '{field}: không được bắt đầu bằng dấu "=".',
        '{field}: must not start with "=".',
    ),
    "roster.error.missing_column": (
        'Thiếu cột "{field}" ở dòng tiêu đề (xem tệp mẫu).',
        'The header row lacks the column "{field}" (see the template).',
    ),
    "roster.error.no_rows": (
        "Tệp chỉ có dòng tiêu đề, không có cán bộ nào.",
        "The file has a header and no cadre.",
    ),
    "roster.error.too_many_rows": ("Tệp có quá {limit} dòng.", "The file has more than {limit} rows."),
    "roster.error.too_many_columns": (
        "Dòng {row} có giá trị ở quá {limit} cột; danh sách chỉ cần các cột của tệp mẫu.",
        "Row {row} has values in more than {limit} columns; a roster needs only the template's columns.",
    ),
    "roster.error.too_many_cells": (
        "Bảng tính có quá {limit} ô; danh sách cán bộ chỉ cần các cột của tệp mẫu.",
        "The workbook has more than {limit} cells; a roster needs only the template's columns.",
    ),
    "roster.error.cell_too_long": (
        "Ô {cell} (dòng {row}) dài quá {limit} ký tự.",
        "Cell {cell} (row {row}) is longer than {limit} characters.",
    ),
    "roster.error.unzipped_too_big": (
        "Bảng tính khi giải nén lớn hơn {limit} MB; danh sách cán bộ chỉ vài MB. Lưu lại tệp chỉ với "
        "trang danh sách rồi tải lên lại.",
        "The workbook unzips to more than {limit} MB; a roster is a few MB. Save it with the roster "
        "sheet only and upload again.",
    ),
    "roster.error.compressed_too_much": (
        'Tệp .xlsx bất thường: phần "{part}" nén nhỏ hơn {limit} lần kích thước thật.',
        'The .xlsx file is abnormal: its part "{part}" is compressed more than {limit} times.',
    ),
    "roster.error.bad_code": (
        '{field}: "{value}" chỉ được gồm chữ không dấu, số, dấu chấm, gạch (tối đa 32 ký tự).',
        '{field}: "{value}" may hold only plain letters, digits, dots and dashes (32 at most).',
    ),
    "roster.error.duplicate": (
        '{field}: "{value}" trùng với dòng {first}.',
        '{field}: "{value}" repeats row {first}.',
    ),
    "roster.error.unknown_ban": (
        '{field}: không có ban mã "{value}". Tạo ban ở thẻ "Ban và cán bộ" trước.',
        '{field}: no ban has the code "{value}". Create the ban under "Bans and cadres" first.',
    ),
    "roster.error.unknown_ban_listed": (
        '{field}: không có ban nào mã hoặc tên là "{value}". Ghi mã ban (một trong: {codes}) hoặc '
        'đúng tên ban; ban mới thì thêm vào trang tính "Ban" của tệp.',
        '{field}: no ban has the code or the name "{value}". Write a ban\'s code (one of: {codes}) '
        'or its exact name; a new ban goes on the file\'s sheet "Ban".',
    ),
    "roster.error.bad_date": (
        '{field}: "{value}" không phải ngày dd/mm/yyyy.',
        '{field}: "{value}" is not a dd/mm/yyyy date.',
    ),
    "roster.error.left_before_joined": ("{field}: trước ngày vào.", "{field}: before the day they joined."),
    "roster.error.bad_boolean": (
        '{field}: "{value}" phải là Có hoặc Không.',
        '{field}: "{value}" must be Có (yes) or Không (no).',
    ),
    "roster.error.bad_email": (
        '{field}: "{value}" không phải địa chỉ email.',
        '{field}: "{value}" is not an email address.',
    ),
    "roster.error.bad_phone": (
        '{field}: "{value}" không phải số điện thoại.',
        '{field}: "{value}" is not a phone number.',
    ),
    "roster.error.bad_username": (
        '{field}: "{value}" chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–64 ký tự).',
        '{field}: "{value}" may hold only lower-case plain letters, digits, dots and dashes (2–64).',
    ),
    "roster.error.username_taken": (
        '{field}: "{value}" đã là tài khoản của người khác.',
        '{field}: "{value}" already belongs to someone else.',
    ),
    "roster.error.bad_role": (
        '{field}: "{value}" không phải vai trò (Cán bộ, Lãnh đạo ban, Lãnh đạo cơ quan, Quản trị).',
        '{field}: "{value}" is not a role (cadre, ban_leader, office_leader, admin).',
    ),
    "roster.error.code_taken": ('{field}: "{value}" đã có.', '{field}: "{value}" is already used.'),
    "roster.error.ban_not_empty": (
        'Ban "{ban}" còn cán bộ đang hoạt động; chuyển hoặc cho họ nghỉ trước.',
        'Ban "{ban}" still has active cadres; move or deactivate them first.',
    ),
    # Accounts
    "accounts.roles": ("Vai trò", "Roles"),
    "accounts.cadre": ("Cán bộ", "Cadre"),
    "accounts.must_change": ("Phải đổi mật khẩu", "Must change password"),
    "accounts.locked": ("Đang bị khoá", "Locked"),
    "accounts.pick": ("Tài khoản", "Account"),
    "accounts.save_roles": ("Lưu vai trò", "Save roles"),
    "accounts.reset": ("Cấp lại mật khẩu", "Reset the password"),
    "accounts.new": ("Tạo tài khoản", "Create an account"),
    "accounts.display_name": ("Tên hiển thị", "Display name"),
    "accounts.no_cadre": ("(Không gắn cán bộ)", "(No cadre)"),
    "accounts.one_time": (
        "Mật khẩu dùng một lần của {username}: {password} — chỉ hiện lần này; người dùng phải đổi khi đăng nhập.",
        "One-time password of {username}: {password} — shown only now; it must be changed at login.",
    ),
    "accounts.error.bad_username": (
        "{field}: chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–64 ký tự).",
        "{field}: lower-case plain letters, digits, dots and dashes only (2–64).",
    ),
    "accounts.error.username_taken": ('{field}: "{value}" đã có.', '{field}: "{value}" is already used.'),
    "accounts.error.no_role": ("{field}: chọn ít nhất một vai trò.", "{field}: choose at least one role."),
    "accounts.error.own_admin": (
        "{field}: không thể tự bỏ quyền quản trị của chính mình.",
        "{field}: you cannot remove your own admin role.",
    ),
    "accounts.error.own_account": (
        "Không thể tự khoá tài khoản của chính mình.",
        "You cannot deactivate your own account.",
    ),
    # The password change
    "accounts.change_title": ("Đổi mật khẩu", "Change your password"),
    "accounts.change_intro": (
        "Đây là lần đăng nhập đầu (hoặc mật khẩu vừa được cấp lại): đặt mật khẩu mới để tiếp tục.",
        "This is your first login (or your password was reset): set a new password to go on.",
    ),
    "accounts.current_password": ("Mật khẩu hiện tại", "Current password"),
    "accounts.new_password": ("Mật khẩu mới", "New password"),
    "accounts.repeat_password": ("Nhập lại mật khẩu mới", "New password again"),
    "accounts.change_submit": ("Đổi mật khẩu", "Change password"),
    "accounts.changed": ("Đã đổi mật khẩu.", "Password changed."),
    "accounts.error.wrong_password": ("{field}: không đúng.", "{field}: wrong."),
    "accounts.error.short_password": (
        "{field}: ít nhất {limit} ký tự.",
        "{field}: {limit} characters at least.",
    ),
    "accounts.error.weak_password": (
        "{field}: quá dễ đoán (lặp lại, dãy liền nhau, mật khẩu phổ biến hoặc chứa tên đăng nhập).",
        "{field}: too easy to guess (repeated or sequential characters, a common password, or the username in it).",
    ),
    "accounts.error.same_password": (
        "{field}: phải khác mật khẩu cũ.",
        "{field}: must differ from the old one.",
    ),
    "accounts.error.mismatch": (
        "{field}: không khớp với mật khẩu mới.",
        "{field}: does not match the new password.",
    ),
    # The yearly policy
    "policy.year": ("Năm áp dụng", "Year"),
    "policy.target_days": ("Chỉ tiêu (số ngày đi cơ sở/năm)", "Target (grassroots days a year)"),
    "policy.counting_rule": ("Cách tính ngày", "How days count"),
    "policy.rule.calendar": ("Ngày lịch", "Calendar days"),
    "policy.rule.working": ("Ngày làm việc (thứ Hai–thứ Sáu)", "Working days (Monday–Friday)"),
    "policy.window": ("Khoảng thời gian tính", "Counting window"),
    "policy.window_start": ("Tính từ ngày", "Counting from"),
    "policy.window_end": ("Tính đến ngày", "Counting to"),
    "policy.report_deadline_days": (
        "Hạn nộp báo cáo (số ngày sau chuyến đi)",
        "Report deadline (days after the trip)",
    ),
    "policy.excellent_cap_percent": (
        "Tỷ lệ tối đa xếp loại xuất sắc (% số cán bộ hoàn thành tốt trở lên)",
        'Cap on "excellent" (% of those rated good or better)',
    ),
    "policy.exemption_kinds": ("Các loại miễn trừ (mỗi dòng một loại)", "Exemption kinds (one a line)"),
    "policy.label_vi": ("«{name}»: tên tiếng Việt", "«{name}»: Vietnamese name"),
    "policy.label_en": ("«{name}»: tên tiếng Anh", "«{name}»: English name"),
    "policy.labels": (
        "Tên hiển thị các loại nội dung (để trống: theo Hướng dẫn 03)",
        "Content types' labels (empty: Guideline 03's)",
    ),
    "policy.saved": ("Đã lưu quy định năm {year}.", "Policy of {year} saved."),
    "policy.stored": ("Năm {year} đang theo quy định đã lưu.", "{year} follows a stored policy."),
    "policy.default": (
        "Năm {year} chưa có quy định riêng: đang dùng mặc định.",
        "{year} has no stored policy: defaults apply.",
    ),
    "policy.error.range": (
        "{field}: phải từ {low} đến {high}.",
        "{field}: must be between {low} and {high}.",
    ),
    "policy.error.bad_rule": ("{field}: không hợp lệ.", "{field}: not valid."),
    "policy.error.window_year": ("{field}: phải bắt đầu trong năm {year}.", "{field}: must start in {year}."),
    "policy.error.bad_kind": (
        "{field}: không có trong quy định của năm.",
        "{field}: not one of the year's kinds.",
    ),
    "policy.exemptions": ("Miễn trừ đã ghi nhận", "Recorded exemptions"),
    "policy.exemption.add": ("Ghi nhận miễn trừ", "Record an exemption"),
    "policy.exemption.kind": ("Loại", "Kind"),
    "policy.exemption.start": ("Từ ngày", "From"),
    "policy.exemption.end": ("Đến ngày", "To"),
    "policy.exemption.note": ("Ghi chú", "Note"),
    "policy.exemption.saved": ("Đã ghi nhận miễn trừ.", "Exemption recorded."),
    # Backup
    "backup.intro": (
        "Tải toàn bộ cơ sở dữ liệu thành một tệp (bản sao nhất quán, kể cả phần đang ghi dở), "
        "hoặc mọi bảng thành một bảng tính Excel (không gồm mật khẩu).",
        "Download the whole database as one file (a consistent copy, pending writes included), "
        "or every table as an Excel workbook (passwords left out).",
    ),
    "backup.db": ("Tải bản sao lưu cơ sở dữ liệu (.db)", "Download the database backup (.db)"),
    "backup.xlsx": ("Tải mọi bảng (Excel)", "Download every table (Excel)"),
    "backup.check": ("Kiểm tra một tệp sao lưu", "Check a backup file"),
    "backup.check.ok": (
        "Tệp sao lưu dùng được: {tables} bảng, toàn vẹn; {rows} dòng ở các bảng chính.",
        "The backup restores: {tables} tables, intact; {rows} rows in the main tables.",
    ),
    "backup.check.not_sqlite": (
        "Tệp không phải cơ sở dữ liệu SQLite.",
        "The file is not an SQLite database.",
    ),
    "backup.check.integrity": (
        "Tệp hỏng hoặc bị cắt cụt (không qua kiểm tra toàn vẹn).",
        "The file is damaged or cut short (integrity check failed).",
    ),
    "backup.check.tables": ("Tệp thiếu bảng của ứng dụng.", "The file lacks tables of the app."),
    "backup.check.too_big": (
        "Tệp lớn hơn {limit} MB, mức tối đa kiểm tra được ở đây: kiểm tra trên máy chủ bằng "
        "sqlite3 (PRAGMA integrity_check).",
        "The file is larger than {limit} MB, the most checked here: check it on the server with "
        "sqlite3 (PRAGMA integrity_check).",
    ),
    "backup.error.not_sqlite": (
        "Cơ sở dữ liệu không phải SQLite: dùng công cụ sao lưu của máy chủ (pg_dump).",
        "The database is not SQLite: use the server's own backup (pg_dump).",
    ),
    # Audit log
    "audit.who": ("Người thực hiện", "Who"),
    "audit.table": ("Bảng", "Table"),
    "audit.all": ("(Tất cả)", "(All)"),
    "audit.at": ("Thời điểm", "When"),
    "audit.action": ("Thao tác", "Action"),
    "audit.row": ("Dòng", "Row"),
    "audit.change": ("Nội dung", "Change"),
    "audit.count": ("{total} mục; đang xem {first}–{last}.", "{total} entries; showing {first}–{last}."),
    "audit.page": ("Trang", "Page"),
}
