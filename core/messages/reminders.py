"""Texts of the to-do list ("Việc cần làm"), the reminders by email, their settings and `make remind`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # The to-do list at the top of each user's first page (core.todo)
    "todo.title": ("Việc cần làm", "To do"),
    "todo.nothing": ("Không có việc nào đang chờ.", "Nothing is waiting."),
    "todo.more": ("… và {more} việc khác.", "… and {more} more."),
    "todo.report_due": (
        "Báo cáo chuyến đi {dates} tại {place} đến hạn ngày {due}",
        "Report of the trip {dates} to {place} due on {due}",
    ),
    "todo.report_overdue": (
        "Báo cáo chuyến đi {dates} tại {place} quá hạn từ ngày {due}",
        "Report of the trip {dates} to {place} overdue since {due}",
    ),
    "todo.report_returned": (
        "Báo cáo chuyến đi {dates} tại {place} bị trả lại (hạn {due}): {reason}",
        "Report of the trip {dates} to {place} returned (due {due}): {reason}",
    ),
    "todo.registration_missing": (
        "Chưa đăng ký đi cơ sở {quarter} (bắt đầu ngày {starts})",
        "{quarter} not registered yet (it starts on {starts})",
    ),
    "todo.trip_passed": (
        "Chuyến đi dự kiến {dates} tại {place} đã qua: đánh dấu đã đi hoặc huỷ",
        "The planned trip {dates} to {place} has passed: mark it made or cancel it",
    ),
    "todo.report_waiting": (
        "Báo cáo của {name} (chuyến đi {dates}) chờ duyệt {age} ngày",
        "{name}'s report (trip {dates}) waiting {age} days",
    ),
    "todo.registration_waiting": (
        "Đăng ký {quarter} của {name} chờ duyệt {age} ngày",
        "{name}'s registration for {quarter} waiting {age} days",
    ),
    "todo.cadre_behind": (
        "{name} chậm tiến độ: {days}/{target} ngày tính đến nay",
        "{name} is behind pace: {days}/{target} days so far",
    ),
    "todo.ban_waiting": (
        "{ban}: {reports} báo cáo, {registrations} đăng ký chờ duyệt (lâu nhất {age} ngày)",
        "{ban}: {reports} report(s) and {registrations} registration(s) waiting (the oldest {age} days)",
    ),
    "todo.ban_behind": (
        "{ban} chậm tiến độ: {days}/{target} ngày so với chỉ tiêu tính đến nay",
        "{ban} is behind pace: {days}/{target} days against the target so far",
    ),
    "todo.no_address": (
        "{count} tài khoản chưa có địa chỉ email: thư nhắc việc không đến được họ",
        "{count} accounts have no email address: no reminder reaches them",
    ),
    # The user's own choice of mails (the sidebar)
    "mail.prefs": ("Thư nhắc việc", "Email reminders"),
    "mail.address": ("Địa chỉ email", "Email address"),
    "mail.address_help": (
        "Để trống để dùng địa chỉ trong danh sách cán bộ.",
        "Leave it empty to use the address on the roster.",
    ),
    "mail.roster_address": ("Địa chỉ trong danh sách cán bộ: {email}", "Address on the roster: {email}"),
    "mail.no_address": (
        "Chưa có địa chỉ email: thư nhắc việc không gửi được.",
        "No email address: no reminder can reach you.",
    ),
    "mail.mode": ("Nhận thư", "Emails"),
    "mail.mode.all": ("Nhắc việc và bản tổng hợp tuần", "Reminders and the weekly digest"),
    "mail.mode.digest": ("Chỉ bản tổng hợp tuần", "The weekly digest only"),
    "mail.mode.none": ("Không nhận thư", "No emails"),
    "mail.save": ("Lưu", "Save"),
    "mail.saved": ("Đã lưu lựa chọn nhận thư.", "Your choice of emails is saved."),
    "mail.error.bad_address": ("Địa chỉ email không hợp lệ.", "Not a valid email address."),
    "mail.error.bad_mode": ("Lựa chọn nhận thư không hợp lệ.", "Not a valid choice of emails."),
    "mail.error.bad_day": ("Ngày trong tuần không hợp lệ.", "Not a day of the week."),
    # /admin: the reminders
    "admin.tab.mail": ("Thư nhắc việc", "Reminders"),
    "mail.admin.intro": (
        "Lệnh `make remind` (cho chạy định kỳ mỗi giờ bằng cron hoặc systemd, xem README) gửi cho mỗi người "
        "những việc mới đang chờ họ, và bản tổng hợp tuần cho lãnh đạo vào ngày chọn dưới đây.",
        "`make remind` (run hourly by cron or a systemd timer, see the README) mails each person what "
        "newly waits for them, and the leaders a weekly digest on the day chosen below.",
    ),
    "mail.admin.digest_day": ("Ngày gửi bản tổng hợp tuần", "Day of the weekly digest"),
    "mail.admin.day_saved": ("Đã lưu: bản tổng hợp gửi vào {day}.", "Saved: the digest goes out on {day}."),
    "mail.admin.status": ("Thư đã gửi, theo từng người", "Mails sent, person by person"),
    "mail.admin.no_status": ("Chưa gửi thư nào.", "No mail sent yet."),
    "mail.admin.no_address": (
        "Tài khoản chưa có địa chỉ email ({count})",
        "Accounts without an email address ({count})",
    ),
    "mail.admin.all_have_address": (
        "Mọi tài khoản đều có địa chỉ email.",
        "Every account has an email address.",
    ),
    "mail.admin.set_address": ("Đặt địa chỉ email cho một tài khoản", "Set an account's email address"),
    "mail.admin.address_saved": (
        "Đã lưu địa chỉ email của {username}.",
        "{username}'s email address is saved.",
    ),
    "mail.col.account": ("Tài khoản", "Account"),
    "mail.col.address": ("Địa chỉ", "Address"),
    "mail.col.mode": ("Nhận thư", "Emails"),
    "mail.col.last_sent": ("Gửi lần cuối", "Last emailed"),
    "mail.col.subject": ("Tiêu đề thư cuối", "Last subject"),
    "mail.col.last_error": ("Lỗi gửi gần nhất", "Last failure"),
    "mail.col.error_at": ("Lúc lỗi", "Failed at"),
    "mail.col.missed": ("Số việc bị lỡ", "Reminders missed"),
    "mail.weekday.mon": ("Thứ Hai", "Monday"),
    "mail.weekday.tue": ("Thứ Ba", "Tuesday"),
    "mail.weekday.wed": ("Thứ Tư", "Wednesday"),
    "mail.weekday.thu": ("Thứ Năm", "Thursday"),
    "mail.weekday.fri": ("Thứ Sáu", "Friday"),
    "mail.weekday.sat": ("Thứ Bảy", "Saturday"),
    "mail.weekday.sun": ("Chủ nhật", "Sunday"),
    # The mails (core.reminders)
    "remind.subject.items": ("[Đi cơ sở] {count} việc cần làm", "[Grassroots] {count} things to do"),
    "remind.subject.digest": (
        "[Đi cơ sở] Tổng hợp tuần {week}/{year}",
        "[Grassroots] Weekly digest, week {week}/{year}",
    ),
    "remind.greeting": ("Chào {name},", "Hello {name},"),
    "remind.items_heading": ("Việc cần làm mới:", "New things to do:"),
    "remind.more": (
        "… và {more} việc khác, xem trong ứng dụng: {link}",
        "… and {more} more, in the app: {link}",
    ),
    "remind.digest_heading": (
        "Tiến độ đi cơ sở từ {start} đến {end}",
        "Grassroots progress from {start} to {end}",
    ),
    "remind.digest_chart": (
        "Biểu đồ: số ngày đi cơ sở của mỗi ban so với chỉ tiêu tính đến nay (vạch đỏ).",
        "The chart: each ban's days against its target so far (the red mark).",
    ),
    "remind.digest.ban_line": (
        "{ban}: {days}/{target} ngày, {went}/{cadres} cán bộ đã đi{flag}",
        "{ban}: {days}/{target} days, {went}/{cadres} cadres went{flag}",
    ),
    "remind.digest.behind_flag": (" — chậm tiến độ", " — behind pace"),
    "remind.digest.all_on_pace": ("Tất cả các ban đạt tiến độ.", "Every ban is on pace."),
    "remind.digest.bans_behind": ("{count} ban chậm tiến độ.", "{count} bans behind pace."),
    "remind.digest.waiting": (
        "Chờ duyệt: {reports} báo cáo, {registrations} đăng ký.",
        "Waiting for a decision: {reports} reports, {registrations} registrations.",
    ),
    "remind.digest.own_ban": ("Ban của đồng chí:", "Your ban:"),
    "remind.digest.behind_count": (
        "{count} cán bộ của ban chậm tiến độ:",
        "{count} cadres of the ban behind pace:",
    ),
    "remind.digest.all_cadres_on_pace": (
        "Mọi cán bộ của ban đạt tiến độ.",
        "Every cadre of the ban is on pace.",
    ),
    "remind.digest.office": ("Toàn cơ quan, theo ban:", "The office, ban by ban:"),
    "remind.digest.open": ("Xem chi tiết: {link}", "The details: {link}"),
    "remind.chart_alt": ("Biểu đồ tiến độ các ban", "Progress of the bans"),
    "remind.footer": (
        "Thư tự động của ứng dụng Đi cơ sở. Đổi lựa chọn nhận thư: {link} (mục «Thư nhắc việc» ở thanh bên).",
        "An automatic mail of the Grassroots app. To change which mails you get: {link} (“Email reminders” "
        "in the sidebar).",
    ),
    # make remind (cli/remind.py)
    "remind.cli.missing": (
        "Thiếu cấu hình gửi thư: {missing}. Không gửi thư nào.",
        "Mail settings missing: {missing}. Nothing was sent.",
    ),
    "remind.cli.bad_setting": (
        "Cấu hình gửi thư không hợp lệ: {error}. Không gửi thư nào.",
        "Mail settings not valid: {error}. Nothing was sent.",
    ),
    "remind.cli.bad_today": (
        "--today phải có dạng dd/mm/yyyy, ví dụ 15/07/2018.",
        "--today must be dd/mm/yyyy, for example 15/07/2018.",
    ),
    "remind.cli.demo_defaults": (
        "Dữ liệu mẫu: thư gửi từ {sender}, đường dẫn bắt đầu bằng {base}.",
        "Demo data: mails from {sender}, links starting with {base}.",
    ),
    "remind.cli.busy": (
        "Một lượt gửi khác đang chạy (giữ quyền gửi đến {until}): lượt này không gửi gì.",
        "Another run is sending (it holds the lease until {until}): this one sends nothing.",
    ),
    "remind.cli.nothing": ("Ngày {today}: không có thư nào cần gửi.", "{today}: nothing to send."),
    "remind.cli.dry_run": (
        "Chạy thử ngày {today}: không gửi, không ghi lại. {count} thư sẽ được gửi:",
        "Dry run for {today}: nothing sent, nothing recorded. {count} mails would go out:",
    ),
    "remind.cli.would_send": (
        "→ {to} ({username}, {language}): {subject}",
        "→ {to} ({username}, {language}): {subject}",
    ),
    "remind.cli.chart": ("   (kèm biểu đồ tiến độ)", "   (with the progress chart)"),
    "remind.cli.no_address": (
        "{username}: chưa có địa chỉ email, lỡ {count} việc.",
        "{username}: no email address, {count} reminders missed.",
    ),
    "remind.cli.failed": ("Không gửi được cho {to}: {error}", "Could not send to {to}: {error}"),
    "remind.cli.connection_lost": (
        "Mất kết nối SMTP: {error}. {left} thư còn lại để lượt sau.",
        "The SMTP connection was lost: {error}. {left} mails are left for the next run.",
    ),
    "remind.cli.lease_lost": (
        "Quyền gửi đã hết hạn và bị lượt khác lấy: dừng lại.",
        "The lease expired and another run took it: stopping.",
    ),
    "remind.cli.summary": (
        "Ngày {today}: đã gửi {sent} thư, {failed} thư lỗi, {left} thư để lượt sau, "
        "{missed} người chưa có địa chỉ email.",
        "{today}: {sent} mails sent, {failed} failed, {left} left for the next run, "
        "{missed} people without an email address.",
    ),
}
