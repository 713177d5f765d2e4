"""Texts of the Word and Excel papers out of the app (core.exports): the administrative parts
(the paper's number, the recipients, the signature), totals, the annex and the workbook's
title."""

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.number": ("Số:       -{kind}/{symbol}", "No.       -{kind}/{symbol}"),
    "doc.recipients": ("Nơi nhận:", "To:"),
    "doc.total": ("Tổng cộng", "Total"),
    "doc.on_behalf": ("T/M BAN THƯỜNG VỤ", "ON BEHALF OF THE STANDING COMMITTEE"),
    "doc.signer_title": ("BÍ THƯ", "SECRETARY"),
    "doc.recipient.parent": ("- {parent} (để báo cáo);", "- {parent} (for information);"),
    "doc.recipient.leaders": (
        "- Thường trực, Ban Thường vụ (để chỉ đạo);",
        "- The standing committee (for direction);",
    ),
    "doc.recipient.bans": (
        "- Các ban, đơn vị trong cơ quan (để thực hiện);",
        "- The office's bans and units (to act on it);",
    ),
    "doc.recipient.archive": ("- Lưu: VP.", "- Archive: the office."),
    "doc.annex": ("PHỤ LỤC", "ANNEX"),
    "doc.annex.proposals": (
        "Danh sách kiến nghị, đề xuất trong kỳ và kết quả xử lý",
        "The period's proposals and their follow-up",
    ),
    "doc.annex.attached": ("(Kèm theo Báo cáo sơ kết {period})", "(Attached to the review of {period})"),
    "doc.proposals_summary": (
        "Trong kỳ có {total} kiến nghị, đề xuất (kể cả kiến nghị từ kỳ trước chưa xong), {open} kiến nghị chưa hoàn thành; tổng hợp theo ban như sau (danh sách đầy đủ tại Phụ lục kèm theo):",
        "{total} proposals in the period (unfinished ones carried over included), {open} not done yet; by ban below (the full list is annexed):",
    ),
    "doc.col.done": ("Đã xong", "Done"),
    "doc.col.state_follow_up": ("Trạng thái, kết quả xử lý", "State, what was done"),
    "doc.carried": ("từ kỳ trước", "carried over"),
    "doc.annex.ban": ("{number}. {ban} ({count} kiến nghị)", "{number}. {ban} ({count} proposals)"),
    "sheet.title": (
        "{office} — Sơ kết thực hiện chế độ đi công tác cơ sở {period}",
        "{office} — Review of grassroots work, {period}",
    ),
    "sheet.window": ("Số liệu {window}; lập ngày {date}", "Figures {window}; made on {date}"),
    "sheet.col.trips_ended": ("Chuyến đi đã kết thúc", "Trips ended"),
}
