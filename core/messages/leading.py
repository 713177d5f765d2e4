"""Texts of a leader's everyday work: the review queue as it moves on, a window without
figures, and the reports returned to a cadre."""

MESSAGES = {
    "progress.empty_window": (
        "Chưa có chuyến đi cơ sở nào trong kỳ {window}, nên chưa có biểu đồ.",
        "No trip to the grassroots was made in the period {window} yet, so there is no chart.",
    ),
    "progress.show_latest": (
        "Xem {period} (kỳ gần nhất có số liệu)",
        "Show {period} (the latest period with figures)",
    ),
    "progress.no_data_yet": ("Chưa có chuyến đi nào được ghi nhận.", "No trip has been recorded yet."),
    "progress.queue.open_hint": (
        "Chọn một dòng của bảng để mở báo cáo, đọc và duyệt.",
        "Select a row of the table to open the report, read it and decide.",
    ),
    "progress.queue.no_reports": ("Không còn báo cáo nào chờ duyệt.", "No report left to review."),
    "progress.queue.next": ("Báo cáo tiếp theo trong hàng chờ:", "Next report in the queue:"),
    "visits.returned_count": (
        "{n} báo cáo bị trả lại, cần bổ sung và gửi lại:",
        "{n} reports were returned to you for changes; complete and send them again:",
    ),
    "visits.returned_fix": ("sửa và gửi lại", "complete and send again"),
}
