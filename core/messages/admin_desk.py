"""Texts of /admin's everyday tasks: correcting a trip, exemption kinds, a password reset's
confirmation, the roster's cadres not in the file, the roster template's guide."""

MESSAGES = {
    # Correcting or removing any cadre's trip (an admin, with a reason).
    "admin.tab.trip_fix": ("Sửa chuyến đi", "Correct trips"),
    "trip_fix.intro": (
        "Tìm cán bộ (gõ mã hoặc tên), xem các chuyến đi của họ, rồi sửa hoặc xoá chuyến đi ghi nhầm. "
        "Lý do là bắt buộc và được lưu trong nhật ký cùng nội dung trước và sau khi sửa.",
        "Find a cadre (type a code or a name), see their trips, then correct or remove a trip recorded by "
        "mistake. The reason is required and kept in the audit log with the values before and after.",
    ),
    "trip_fix.pick_cadre": ("Cán bộ", "Cadre"),
    "trip_fix.trips_of": ("Chuyến đi của {name}", "Trips of {name}"),
    "trip_fix.no_trips": ("Cán bộ này chưa có chuyến đi nào.", "This cadre has no trip yet."),
    # Exemption kinds: the stored codes of the default kinds, as people read them.
    "exemption.kind.training": ("Đi học, bồi dưỡng", "Training"),
    "exemption.kind.sick_leave": ("Nghỉ ốm", "Sick leave"),
    "exemption.kind.maternity": ("Nghỉ thai sản", "Maternity leave"),
    # A password reset, confirmed before it acts.
    "accounts.reset_confirm": (
        "Cấp lại mật khẩu cho {username}? Mật khẩu đang dùng sẽ hết hiệu lực ngay; một mật khẩu một "
        "lần mới hiện ra để bạn chuyển cho người dùng.",
        "Reset {username}'s password? The password in use stops working at once; a new one-time password "
        "is shown for you to pass on.",
    ),
    "accounts.reset_yes": ("Đồng ý cấp lại", "Yes, reset it"),
    "accounts.reset_cancel": ("Không cấp lại", "Keep the password"),
    # The cadres of the roster that are not in the file.
    "roster.missing_explained": (
        "Tệp không có {count} cán bộ đang hoạt động. Nếu không đánh dấu ô dưới đây, họ được giữ nguyên: "
        "vẫn hoạt động, vẫn đăng nhập được. Chỉ đánh dấu khi tệp là toàn bộ danh sách của cơ quan.",
        "The file leaves out {count} active cadres. Unless the box below is ticked they stay as they are: "
        "active and able to log in. Tick it only when the file is the office's whole roster.",
    ),
    # The roster template's guide sheet.
    "roster.guide.sheet": ("Hướng dẫn", "Guide"),
    "roster.guide.column": ("Cột", "Column"),
    "roster.guide.required": ("Bắt buộc", "Required"),
    "roster.guide.how": ("Cách ghi", "How to fill it in"),
    "roster.guide.example": ("Ví dụ", "Example"),
    "roster.guide.code": ("Mã riêng của mỗi cán bộ, không đổi.", "Each cadre's own code; never changes."),
    "roster.guide.full_name": ("Họ và tên đầy đủ, có dấu.", "The full name, with diacritics."),
    "roster.guide.ban_code": (
        'Mã ban ({codes}) hoặc đúng tên ban. Danh sách ban ở trang tính "Ban"; ban mới thì thêm vào đó.',
        'The ban\'s code ({codes}) or its exact name. The bans are listed on the sheet "Ban"; add a new '
        "ban there.",
    ),
    "roster.guide.position": ("Chức vụ.", "The position."),
    "roster.guide.subject": (
        "Có nếu cán bộ phải đi cơ sở theo quy định; Không nếu không.",
        "Có (yes) if the cadre must go to the grassroots by the rule; Không (no) if not.",
    ),
    "roster.guide.joined_on": ("Ngày vào cơ quan, dd/mm/yyyy.", "The day they joined, dd/mm/yyyy."),
    "roster.guide.left_on": ("Ngày nghỉ, nếu đã nghỉ, dd/mm/yyyy.", "The day they left, if so, dd/mm/yyyy."),
    "roster.guide.email": ("Để nhận thư nhắc việc.", "For the reminder emails."),
    "roster.guide.phone": ("Số điện thoại.", "A phone number."),
    "roster.guide.username": (
        "Tên đăng nhập của tài khoản mới; để trống thì dùng mã cán bộ.",
        "The new account's username; left empty, the cadre's code.",
    ),
    "roster.guide.role": (
        "Cán bộ, lãnh đạo ban, lãnh đạo cơ quan, quản trị (cách nhau bởi dấu phẩy); để trống là cán bộ.",
        "Cán bộ, lãnh đạo ban, lãnh đạo cơ quan, quản trị (comma-separated); empty means cán bộ.",
    ),
    "roster.guide.note": (
        "Trang tính này chỉ để đọc, không được nhập. Ghi danh sách vào trang tính đầu tiên, bắt đầu ở "
        "dòng 2.",
        "This sheet is only to read; it is not imported. Write the roster on the first sheet, from row 2.",
    ),
}
