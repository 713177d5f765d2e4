"""Texts shared by every page: the app, login, navigation, vocabularies, errors."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The app and navigation
    "app.title": ("Đi cơ sở", "Grassroots work"),
    "app.tagline": (
        "Theo dõi chế độ đi công tác cơ sở của cán bộ Đoàn (chủ trương 1+2)",
        "Tracking the Youth Union cadres' grassroots work (the 1+2 rule)",
    ),
    "nav.visits": ("Chuyến đi của tôi", "My trips"),
    "nav.progress": ("Tiến độ các ban", "Progress by ban"),
    "nav.review": ("Sơ kết", "Review"),
    "nav.evaluations": ("Đánh giá, nhận xét", "Evaluations"),
    "nav.admin": ("Quản trị", "Administration"),
    "nav.language": ("Ngôn ngữ", "Language"),
    "nav.signed_in_as": ("Đăng nhập: **{name}**", "Signed in as **{name}**"),
    "nav.roles": ("Vai trò: {roles}", "Roles: {roles}"),
    "language.vi": ("Tiếng Việt", "Tiếng Việt"),
    "language.en": ("English", "English"),
    # Login
    "login.form": ("Đăng nhập", "Log in"),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.logout": ("Đăng xuất", "Log out"),
    "login.wrong": (
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "Wrong username or password.",
    ),
    "login.locked": (
        "Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Thử lại sau {minutes} phút.",
        "Too many failed attempts: the account is locked. Try again in {minutes} minutes.",
    ),
    "login.inactive": (
        "Tài khoản đã ngừng hoạt động. Liên hệ Văn phòng.",
        "This account is no longer active. Contact the office.",
    ),
    "login.session_ended": (
        "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.",
        "Your session has ended. Please log in again.",
    ),
    "login.prompt": (
        "Đăng nhập bằng tài khoản do Văn phòng cấp.",
        "Log in with the account the office gave you.",
    ),
    "login.opening": ("Đang mở trang…", "Opening your page…"),
    "login.demo_hint": (
        "Dữ liệu mẫu: quantri, lanhdao, truongban, canbo — mật khẩu cosodemo.",
        "Demo data: quantri, lanhdao, truongban, canbo — password cosodemo.",
    ),
    "login.no_pages": (
        "Tài khoản chưa được giao vai trò nào. Liên hệ Văn phòng.",
        "This account has no role yet. Contact the office.",
    ),
    # Roles
    "role.cadre": ("Cán bộ", "Cadre"),
    "role.ban_leader": ("Lãnh đạo ban", "Ban leader"),
    "role.office_leader": ("Lãnh đạo cơ quan", "Office leader"),
    "role.admin": ("Quản trị", "Admin"),
    # Guideline 03's four content types
    "content.thematic": ("Theo chuyên đề", "Thematic survey"),
    "content.coorganise": (
        "Phối hợp tổ chức, triển khai hoạt động tại cơ sở",
        "Co-organising activities at the base",
    ),
    "content.inspection": ("Kiểm tra, giám sát", "Inspection and supervision"),
    "content.branch_meeting": (
        "Dự sinh hoạt chuyên đề và sinh hoạt chi đoàn",
        "Attending thematic and youth-branch meetings",
    ),
    # States
    "trip_state.planned": ("Dự kiến", "Planned"),
    "trip_state.done": ("Đã đi", "Done"),
    "trip_state.cancelled": ("Đã huỷ", "Cancelled"),
    "report_state.none": ("Chưa có báo cáo", "No report"),
    "report_state.draft": ("Bản nháp", "Draft"),
    "report_state.submitted": ("Đã gửi", "Submitted"),
    "report_state.returned": ("Trả lại", "Returned"),
    "report_state.accepted": ("Đã duyệt", "Accepted"),
    "registration_state.draft": ("Bản nháp", "Draft"),
    "registration_state.submitted": ("Đã đăng ký, chờ duyệt", "Registered, awaiting acceptance"),
    "registration_state.accepted": ("Đã duyệt", "Accepted"),
    "rating.excellent": ("Hoàn thành xuất sắc nhiệm vụ", "Excellent"),
    "rating.good": ("Hoàn thành tốt nhiệm vụ", "Good"),
    "rating.completed": ("Hoàn thành nhiệm vụ", "Completed"),
    "rating.not_completed": ("Không hoàn thành nhiệm vụ", "Not completed"),
    # Periods
    "period.quarter": ("quý {roman}/{year}", "Q{number}/{year}"),
    "period.window": ("từ {start} đến {end}", "from {start} to {end}"),
    "period.from": ("Từ ngày", "From"),
    "period.to": ("Đến ngày", "To"),
    "period.bad_window": (
        "Ngày kết thúc phải sau ngày bắt đầu.",
        "The end date must come after the start date.",
    ),
    # A value of the page's address (query string) that cannot be shown: ui/address.py.
    "address.bad_value": (
        "Địa chỉ trang có giá trị “{name}” không dùng được ({rule}): trang hiển thị mặc định.",
        "The page address has a “{name}” value that cannot be used ({rule}): the default view is shown.",
    ),
    "address.rule.date": (
        "cần một ngày dạng năm-tháng-ngày, ví dụ 2018-06-01, từ {first} đến {last}",
        "a date as year-month-day is expected, e.g. 2018-06-01, from {first} to {last}",
    ),
    "address.rule.year": (
        "cần một năm từ {first} đến {last}",
        "a year from {first} to {last} is expected",
    ),
    "address.rule.choice": (
        "cần một trong các giá trị: {options}",
        "one of these values is expected: {options}",
    ),
    # Common words
    "common.ban": ("Ban", "Ban"),
    "common.all_bans": ("Tất cả các ban", "All bans"),
    "common.section": ("Phần cần xem", "Section shown"),
    "common.choose": ("Chọn…", "Choose…"),
    "common.cadre": ("Cán bộ", "Cadre"),
    "common.code": ("Mã", "Code"),
    "common.name": ("Họ và tên", "Full name"),
    "common.position": ("Chức vụ", "Position"),
    "common.year": ("Năm", "Year"),
    "common.days": ("Số ngày", "Days"),
    "common.trips": ("Số chuyến", "Trips"),
    "common.save": ("Lưu", "Save"),
    "common.saved": ("Đã lưu.", "Saved."),
    "common.none": ("Chưa có dữ liệu.", "No data yet."),
    "common.yes": ("Có", "Yes"),
    "common.no": ("Không", "No"),
    "common.subject_to_rule": ("Thuộc đối tượng 1+2", "Subject to 1+2"),
    "common.active": ("Đang công tác", "Active"),
    # Errors
    "error.permission": (
        "Bạn không có quyền thực hiện thao tác này.",
        "You are not allowed to do this.",
    ),
    "error.conflict": (
        "Nội dung này vừa được người khác sửa. Tải lại trang để xem bản mới nhất rồi sửa lại.",
        "Someone else changed this in the meantime. Reload to see the latest version, then edit again.",
    ),
    "error.duplicate_submission": (
        "Biểu mẫu này đã được gửi với nội dung khác. Tải lại trang để nhập mới.",
        "This form was already sent with other content. Reload the page to start again.",
    ),
    "error.not_found": ("Không tìm thấy dữ liệu.", "Not found."),
    "error.required": ("{field}: bắt buộc nhập.", "{field}: required."),
    "error.bad_date": ("{field}: ngày không hợp lệ.", "{field}: not a valid date."),
    "error.too_long": (
        "{field}: dài quá {limit} ký tự.",
        "{field}: longer than {limit} characters.",
    ),
    # Uploads (ui/uploads.py)
    "upload.label": ("{label} (tối đa {limit} MB)", "{label} (at most {limit} MB)"),
    "upload.too_big": (
        'Tệp "{name}" lớn hơn {limit} MB, mức tối đa cho loại tệp này: không đọc.',
        'The file "{name}" is larger than {limit} MB, the most for this kind of file: not read.',
    ),
    "error.too_many": (
        "{field}: nhiều quá {limit} mục.",
        "{field}: more than {limit} items.",
    ),
}
