"""Texts of the cadre's /visits on a phone: typed dates, the trip cards, what waits whatever
year is shown."""

MESSAGES: dict[str, tuple[str, str]] = {
    "visits.date_placeholder": ("ngày/tháng/năm, vd. 05/03/2027", "day/month/year, e.g. 05/03/2027"),
    "visits.error.date_text": (
        "{field}: viết ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2027.",
        "{field}: write the day as day/month/year, for example 05/03/2027.",
    ),
    "day.error.range": (
        "{field}: chọn một ngày từ {first} đến {last}.",
        "{field}: choose a day from {first} to {last}.",
    ),
    "visits.future_is_planned": (
        "Ngày về sau hôm nay: chuyến đi sẽ được lưu là **chuyến đi dự kiến**. "
        "Khi đã đi, chọn «Đã đi» ở mục Tiến độ.",
        "The end date is after today: the trip will be saved as a **planned trip**. "
        "Once made, mark it «Done» under Progress.",
    ),
    "visits.waiting_all_years": ("Việc còn chờ (mọi năm)", "Still waiting (every year)"),
    "visits.card.days": ("{days} ngày", "{days} days"),
    "visits.card.planned_days": ("dự kiến, chưa tính ngày", "planned, no days counted yet"),
    "visits.card.report": ("Báo cáo: {state}", "Report: {state}"),
    "visits.card.due": ("hạn {due}", "due {due}"),
    "visits.report.sent_readonly": (
        "Báo cáo đã gửi, đang chờ lãnh đạo ban duyệt. Nội dung đã gửi:",
        "Report sent, waiting for the ban leader. What was sent:",
    ),
}
