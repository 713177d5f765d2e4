"""Texts of the /review page (period summary and meeting records)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "review.title": ("Sơ kết thực hiện chế độ đi công tác cơ sở", "Review of grassroots work"),
    "review.went_sentence": (
        "{went}/{cadres} cán bộ đã tham gia đi công tác cơ sở",
        "{went}/{cadres} cadres went to the grassroots",
    ),
    "review.registered_sentence": (
        "{registered}/{cadres} cán bộ ({rate}) đã đăng ký đi cơ sở cho các quý của kỳ.",
        "{registered}/{cadres} cadres ({rate}) registered for the quarters of the period.",
    ),
    "review.days_sentence": (
        "Tổng cộng {days} ngày đi cơ sở, bình quân {avg} ngày mỗi cán bộ đã đi.",
        "{days} grassroots days in all, {avg} days on average per cadre who went.",
    ),
    "review.by_ban": ("Kết quả theo ban", "Results by ban"),
    "review.meetings": ("Hội nghị sơ kết trong kỳ", "Review meetings of the period"),
    "review.no_meetings": ("Chưa có biên bản hội nghị cho kỳ này.", "No meeting record for this period yet."),
    "review.meeting_held": ("Ngày họp {date} — chủ trì: {chair}", "Held on {date} — chair: {chair}"),
    "review.conclusions": ("Kết luận", "Conclusions"),
    "review.difficulties": ("Khó khăn, vướng mắc", "Difficulties raised"),
}
