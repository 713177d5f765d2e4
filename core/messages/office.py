"""Texts of an office's own database: starting one (`--new-office`), keeping the demo apart,
emptying a database (`--reset`), what `make run` prints, and the import of past trips."""

MESSAGES: dict[str, tuple[str, str]] = {
    "office.field.name": ("Tên cơ quan", "Office name"),
    "office.field.parent_name": ("Cơ quan cấp trên", "Upper body"),
    "office.field.place": ("Địa danh", "Place"),
    "office.field.symbol": ("Ký hiệu văn bản", "Papers' symbol"),
    "office.field.signer": ("Người ký báo cáo", "Who signs the reports"),
    "office.field.admin": ("Tên đăng nhập của quản trị", "Admin's username"),
    "office.field.admin_name": ("Tên hiển thị của quản trị", "Admin's display name"),
    "office.admin_name": ("Quản trị hệ thống", "System administrator"),
    "office.error.not_empty": (
        "Cơ sở dữ liệu này đã có dữ liệu ({found}); cơ quan mới chỉ được tạo trên cơ sở dữ liệu trống. "
        "Chọn DATABASE_URL khác, hoặc xoá hết bằng `python -m seed --reset` nếu chắc chắn.",
        "This database already holds data ({found}); a new office starts only on an empty database. "
        "Choose another DATABASE_URL, or empty it with `python -m seed --reset` if you are sure.",
    ),
    "office.error.demo": (
        "Cơ sở dữ liệu này đang chứa dữ liệu mẫu (demo); dữ liệu thật của cơ quan không nhập chung với "
        "dữ liệu mẫu. Xoá dữ liệu mẫu bằng `python -m seed --reset`, tạo cơ quan bằng "
        '`python -m seed --new-office "Tên cơ quan" --admin TÊN_ĐĂNG_NHẬP`, rồi nhập lại.',
        "This database holds the demo data; an office's own data is never mixed with the demo. "
        "Empty it with `python -m seed --reset`, start the office with "
        '`python -m seed --new-office "Office name" --admin USERNAME`, then import again.',
    ),
    # What a database holds (the refusals and --reset say it)
    "office.table.bans": ("ban", "bans"),
    "office.table.cadres": ("cán bộ", "cadres"),
    "office.table.accounts": ("tài khoản", "accounts"),
    "office.table.trips": ("chuyến đi", "trips"),
    "office.table.account_roles": ("vai trò tài khoản", "account roles"),
    "office.table.trip_days": ("ngày đi", "trip days"),
    "office.table.places": ("địa điểm", "places"),
    "office.table.trip_reports": ("báo cáo", "reports"),
    "office.table.proposals": ("kiến nghị", "proposals"),
    "office.table.exemptions": ("miễn giảm", "exemptions"),
    "office.table.registrations": ("đăng ký", "registrations"),
    "office.table.evaluations": ("đánh giá", "evaluations"),
    "office.table.review_meetings": ("cuộc họp sơ kết", "review meetings"),
    "office.table.policies": ("quy định năm", "yearly policies"),
    "office.table.settings": ("thiết lập", "settings"),
    "office.table.audit_log": ("dòng nhật ký", "audit entries"),
    # The shell commands
    "office.cli.admin_required": (
        "--new-office cần --admin TÊN_ĐĂNG_NHẬP (tài khoản quản trị đầu tiên).",
        "--new-office needs --admin USERNAME (the first admin account).",
    ),
    "office.cli.created": (
        'Đã tạo cơ quan "{name}" với tài khoản quản trị {username}.',
        'Started the office "{name}" with the admin account {username}.',
    ),
    "office.cli.password": (
        "Mật khẩu dùng một lần của {username} (chỉ hiện lần này; phải đổi khi đăng nhập lần đầu): {password}",
        "One-time password of {username} (shown only now; it must be changed at first login): {password}",
    ),
    "office.cli.password_written": (
        "Mật khẩu dùng một lần đã ghi vào {path} (chỉ chủ tệp đọc được).",
        "The one-time password was written to {path} (readable by its owner only).",
    ),
    "office.cli.next": (
        "Tiếp theo: nhập danh sách (python -m seed --roster TỆP), lịch sử chuyến đi (python -m seed --trips TỆP).",
        "Next: the roster (python -m seed --roster FILE), past trips (python -m seed --trips FILE).",
    ),
    "office.cli.reset_nothing": (
        "Cơ sở dữ liệu đã trống; không xoá gì.",
        "The database is empty already; nothing deleted.",
    ),
    "office.cli.reset_prompt": (
        'Sẽ xoá toàn bộ dữ liệu ({contents}). Gõ tên cơ quan "{name}" để xác nhận:',
        'This deletes every row ({contents}). Type the office\'s name "{name}" to confirm:',
    ),
    "office.cli.reset_needs_yes": (
        "Cơ sở dữ liệu chưa có tên cơ quan để gõ xác nhận ({contents}); thêm --yes nếu chắc chắn muốn xoá hết.",
        "The database has no office name to type as confirmation ({contents}); add --yes if you are sure.",
    ),
    "office.cli.reset_refused": (
        "Tên gõ vào không khớp; không xoá gì.",
        "What was typed does not match; nothing deleted.",
    ),
    "office.cli.reset_done": ("Đã xoá: {contents}.", "Deleted: {contents}."),
    # make run
    "office.describe.demo": (
        "Tài khoản dữ liệu mẫu (mật khẩu: {password})",
        "Demo accounts (password: {password})",
    ),
    "office.describe.ban_leader": ("lãnh đạo một ban", "leader of one ban"),
    "office.describe.cadre": ("cán bộ của ban đó", "a cadre of that ban"),
    "office.describe.office": ("{name}: {contents}", "{name}: {contents}"),
    "office.describe.no_demo": (
        "Đăng nhập bằng tài khoản cơ quan cấp; tài khoản mẫu không dùng được ở đây.",
        "Log in with the accounts the office gave out; no demo account works here.",
    ),
    # Past trips from a spreadsheet (core.trips_import): the columns keep the office's headers
    "trips_import.col.cadre_code": ("Mã cán bộ", "Cadre code"),
    "trips_import.col.start": ("Từ ngày", "From"),
    "trips_import.col.end": ("Đến ngày", "To"),
    "trips_import.col.province": ("Tỉnh/Thành phố", "Province"),
    "trips_import.col.district": ("Quận/Huyện", "District"),
    "trips_import.col.commune": ("Xã/Phường", "Commune"),
    "trips_import.col.host_unit": ("Đơn vị đến", "Host unit"),
    "trips_import.col.content": ("Nội dung", "Content types"),
    "trips_import.col.funding": ("Kinh phí (VND)", "Funding (VND)"),
    "trips_import.col.order_no": ("Số quyết định cử đi", "Travel order no."),
    "trips_import.col.report_state": ("Tình trạng báo cáo", "Report state"),
    "trips_import.col.report_date": ("Ngày nộp báo cáo", "Report sent on"),
    "trips_import.col.findings": ("Kết quả", "Findings"),
    "trips_import.col.proposals": ("Kiến nghị", "Proposals"),
    "trips_import.error.at_row": ("Dòng {row} — ", "Row {row} — "),
    "trips_import.error.empty": ("Tệp rỗng.", "The file is empty."),
    "trips_import.error.no_rows": (
        "Tệp chỉ có dòng tiêu đề, không có chuyến đi nào.",
        "The file has a header and no trip.",
    ),
    "trips_import.error.too_big": ("Tệp lớn hơn {limit} MB.", "The file is larger than {limit} MB."),
    "trips_import.error.too_big_unzipped": (
        "Tệp .xlsx giải nén ra hơn {limit} MB; không đọc.",
        "The .xlsx file inflates to more than {limit} MB; not read.",
    ),
    "trips_import.error.too_many_rows": ("Tệp có quá {limit} dòng.", "The file has more than {limit} rows."),
    "trips_import.error.not_spreadsheet": (
        "Tệp không phải bảng tính .xlsx hay .csv đọc được.",
        "The file is not a readable .xlsx or .csv spreadsheet.",
    ),
    "trips_import.error.encoding": (
        'Tệp CSV không ở mã UTF-8. Trong Excel, chọn Lưu thành "CSV UTF-8", hoặc dùng tệp .xlsx.',
        'The CSV file is not UTF-8. In Excel, save as "CSV UTF-8", or use the .xlsx file.',
    ),
    "trips_import.error.missing_column": (
        'Thiếu cột "{field}" ở dòng tiêu đề (xem tệp mẫu).',
        'The header row lacks the column "{field}" (see the template).',
    ),
    "trips_import.error.duplicate_column": (
        'Cột "{field}" có hai lần ở dòng tiêu đề.',
        'The column "{field}" appears twice in the header row.',
    ),
    "trips_import.error.formula": (
        '{field}: chứa công thức (hoặc bắt đầu bằng "="); tệp chỉ nhận giá trị. Dán giá trị (Paste Values) rồi nhập lại.',
        '{field}: holds a formula (or starts with "="); the file takes values only. Paste as values and import again.',
    ),
    "trips_import.error.bad_date": (
        '{field}: "{value}" không phải ngày dd/mm/yyyy (từ năm 2000).',
        '{field}: "{value}" is not a dd/mm/yyyy date (from 2000 on).',
    ),
    "trips_import.error.bad_number": (
        '{field}: "{value}" không phải số tiền (đồng, số nguyên không âm).',
        '{field}: "{value}" is not an amount (VND, a whole number, zero or more).',
    ),
    "trips_import.error.unknown_cadre": (
        '{field}: không có cán bộ mã "{value}" trong danh sách (nhập danh sách cán bộ trước).',
        '{field}: no cadre on the roster has the code "{value}" (import the roster first).',
    ),
    "trips_import.error.unknown_content": (
        '{field}: "{value}" không phải nội dung đi cơ sở của năm {year} ({allowed}); nhiều nội dung cách nhau bằng ";".',
        '{field}: "{value}" is not a content type of {year} ({allowed}); separate several with ";".',
    ),
    "trips_import.error.bad_report_state": (
        '{field}: "{value}" phải là chưa nộp, đã nộp hoặc đã duyệt.',
        '{field}: "{value}" must be chưa nộp (not sent), đã nộp (sent) or đã duyệt (accepted).',
    ),
    "trips_import.error.report_needs_date": (
        '{field}: báo cáo "{state}" cần ngày nộp.',
        '{field}: a report "{state}" needs the day it was sent.',
    ),
    "trips_import.error.date_without_report": (
        "{field}: có ngày nộp nhưng tình trạng báo cáo là chưa nộp.",
        "{field}: a day is given but the report state says it was not sent.",
    ),
    "trips_import.error.report_before_end": (
        "{field}: trước ngày kết thúc chuyến đi ({end}).",
        "{field}: before the trip ended ({end}).",
    ),
    "trips_import.error.in_future": ("{field}: ngày trong tương lai.", "{field}: a day in the future."),
    "trips_import.error.repeated_in_file": (
        "{field}: chuyến đi này đã có ở dòng {other} (cùng cán bộ, cùng từ ngày, đến ngày).",
        "{field}: this trip is already on row {other} (same cadre, same dates).",
    ),
    "trips_import.error.overlap_in_file": (
        "{field}: trùng thời gian với chuyến đi {start}–{end} của cùng cán bộ ở dòng {other}.",
        "{field}: overlaps the same cadre's trip of {start}–{end} on row {other}.",
    ),
    "trips_import.error.overlap_in_database": (
        "{field}: trùng thời gian với chuyến đi {start}–{end} tại {place} đã có của cán bộ này.",
        "{field}: overlaps this cadre's trip of {start}–{end} at {place}, already recorded.",
    ),
    "trips_import.error.more": ("… và {count} lỗi nữa.", "… and {count} more problems."),
    "trips_import.errors": (
        "Tệp có {count} lỗi; chưa có gì được ghi. Sửa các lỗi sau rồi nhập lại:",
        "The file has {count} problems; nothing was written. Fix these and import again:",
    ),
    "trips_import.preview": (
        "{rows} chuyến đi trong tệp: {new} chuyến mới, {existing} đã có (cùng cán bộ, từ ngày, đến ngày; "
        "không nhập lại); {reports} báo cáo, {proposals} kiến nghị.",
        "{rows} trips in the file: {new} new, {existing} already there (same cadre, start and end; not "
        "added again); {reports} reports, {proposals} proposals.",
    ),
    "trips_import.preview.year": ("Năm", "Year"),
    "trips_import.preview.ban": ("Ban", "Ban"),
    "trips_import.preview.new": ("Mới", "New"),
    "trips_import.preview.existing": ("Đã có", "Already there"),
    "trips_import.ignored": (
        "Các cột không dùng (bỏ qua): {columns}",
        "Columns left aside: {columns}",
    ),
    "trips_import.dry_run": (
        "Chỉ kiểm tra (--dry-run): chưa ghi gì.",
        "Checked only (--dry-run): nothing written.",
    ),
    "trips_import.done": (
        "Đã nhập {added} chuyến đi ({existing} đã có từ trước), {reports} báo cáo, {proposals} kiến nghị.",
        "Imported {added} trips ({existing} were there already), {reports} reports, {proposals} proposals.",
    ),
    "trips_import.repeated": (
        "Tệp này đã được nhập rồi (bấm hai lần); không ghi thêm gì.",
        "This file was already imported (a double click); nothing more was written.",
    ),
    # The template's guide sheet
    "trips_import.guide.sheet": ("Hướng dẫn", "Guide"),
    "trips_import.guide.column": ("Cột", "Column"),
    "trips_import.guide.required": ("Bắt buộc", "Required"),
    "trips_import.guide.how": ("Cách ghi", "How to fill it in"),
    "trips_import.guide.cadre_code": (
        "Mã cán bộ như trong danh sách cán bộ (nhập danh sách trước).",
        "The cadre's code as on the roster (import the roster first).",
    ),
    "trips_import.guide.start": (
        "Ngày đi, dd/mm/yyyy (hoặc ô ngày của Excel).",
        "The first day, dd/mm/yyyy (or an Excel date cell).",
    ),
    "trips_import.guide.end": (
        "Ngày về, dd/mm/yyyy; không trước ngày đi, không quá hôm nay.",
        "The last day, dd/mm/yyyy; not before the first, not after today.",
    ),
    "trips_import.guide.province": ("Tỉnh/thành phố nơi đến.", "The province visited."),
    "trips_import.guide.district": (
        "Quận/huyện (bỏ trống với chuyến đi từ 01/07/2025: không còn cấp huyện).",
        "The district (empty for trips from 01/07/2025 on: the level no longer exists).",
    ),
    "trips_import.guide.commune": ("Xã/phường.", "The commune."),
    "trips_import.guide.host_unit": ("Đơn vị cơ sở đến làm việc.", "The host unit."),
    "trips_import.guide.content": (
        'Một hay nhiều nội dung của năm, cách nhau bằng ";". Năm {year}: {labels}.',
        'One or more of the year\'s content types, separated by ";". In {year}: {labels}.',
    ),
    "trips_import.guide.funding": (
        "Kinh phí, đồng (1500000 hoặc 1.500.000); bỏ trống là 0.",
        "Funding in VND (1500000 or 1.500.000); empty is 0.",
    ),
    "trips_import.guide.order_no": ("Số quyết định (giấy) cử đi công tác.", "The travel order's number."),
    "trips_import.guide.report_state": (
        "chưa nộp, đã nộp hoặc đã duyệt (bỏ trống là chưa nộp).",
        "chưa nộp (not sent), đã nộp (sent) or đã duyệt (accepted); empty is not sent.",
    ),
    "trips_import.guide.report_date": (
        "Ngày nộp báo cáo, dd/mm/yyyy: bắt buộc khi đã nộp hoặc đã duyệt.",
        "The day the report was sent, dd/mm/yyyy: required when sent or accepted.",
    ),
    "trips_import.guide.findings": ("Kết quả, thu hoạch của chuyến đi.", "What the trip found."),
    "trips_import.guide.proposals": ("Kiến nghị, mỗi kiến nghị một dòng.", "Proposals, one per line."),
}
