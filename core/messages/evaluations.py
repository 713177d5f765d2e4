"""Texts of the /evaluations page (yearly evaluation notes)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "evaluations.title": ("Đánh giá, nhận xét việc đi cơ sở", "Yearly evaluation of grassroots work"),
    "evaluations.caption": (
        "Năm {year}: {count} cán bộ thuộc đối tượng 1+2; {evaluated} đã có đánh giá, {locked} đã chốt.",
        "{year}: {count} cadres subject to 1+2; {evaluated} evaluated, {locked} locked.",
    ),
    "evaluations.col.proposed": ("Đề xuất xếp loại", "Proposed rating"),
    "evaluations.col.final": ("Xếp loại", "Rating"),
    "evaluations.col.state": ("Trạng thái", "State"),
    "evaluations.col.target": ("Chỉ tiêu (ngày)", "Target (days)"),
    "evaluations.col.content_types": ("Loại nội dung đã làm (/4)", "Content types covered (/4)"),
    "evaluations.col.on_time": ("Báo cáo đúng hạn", "Reports on time"),
    "evaluations.col.late": ("Báo cáo muộn", "Reports late"),
    "evaluations.col.missing": ("Chưa báo cáo", "No report yet"),
    "evaluations.col.answered": ("Câu hỏi đã trả lời", "Questions answered"),
    "evaluations.col.proposals": ("Kiến nghị", "Proposals"),
    "evaluations.col.comment": ("Nhận xét", "Comment"),
    "evaluations.not_rated": ("Chưa đánh giá", "Not yet evaluated"),
    "evaluations.state.open": ("Chưa đánh giá", "Not evaluated"),
    "evaluations.state.proposed": ("Ban đã đề xuất", "Proposed by the ban"),
    "evaluations.state.confirmed": ("Đã chốt", "Confirmed and locked"),
    "evaluations.sheet": ("Đánh giá năm {year}", "Evaluations {year}"),
    # The office view
    "evaluations.office": ("Toàn cơ quan", "The whole office"),
    "evaluations.chart.count": ("Số cán bộ", "Cadres"),
    "evaluations.cap_rule": (
        'Quy định (Nghị định 335/2025, cơ quan đặt mức {cap}%): số cán bộ "Hoàn thành xuất sắc '
        'nhiệm vụ" không quá {cap}% số cán bộ được xếp loại "Hoàn thành tốt nhiệm vụ" trở lên.',
        'Rule (Decree 335/2025, set by the office at {cap}%): cadres rated "excellent" may be at '
        'most {cap}% of those rated "good" or better.',
    ),
    "evaluations.cap_ok": (
        "Xuất sắc: {excellent}/{good} cán bộ xếp loại tốt trở lên ({share}), trong mức cho phép ({limit}).",
        "Excellent: {excellent} of {good} rated good or better ({share}), within the cap ({limit}).",
    ),
    "evaluations.cap_exceeded": (
        "Vượt mức: {excellent}/{good} cán bộ xếp loại tốt trở lên được xếp loại xuất sắc ({share}); "
        "tối đa {limit} người.",
        "Over the cap: {excellent} of {good} rated good or better are rated excellent ({share}); "
        "at most {limit} may be.",
    ),
    "evaluations.not_evaluated": (
        "Cán bộ chưa được đánh giá ({count})",
        "Cadres not yet evaluated ({count})",
    ),
    "evaluations.all_evaluated": ("Mọi cán bộ đã được đánh giá.", "Every cadre has been evaluated."),
    # One cadre
    "evaluations.pick": ("Cán bộ cần đánh giá", "Cadre to evaluate"),
    "evaluations.facts": ("Kết quả đi cơ sở năm {year}", "Grassroots work in {year}"),
    "evaluations.fact.days": ("Số ngày / chỉ tiêu", "Days / target"),
    "evaluations.fact.trips": ("Số chuyến", "Trips"),
    "evaluations.fact.content": ("Loại nội dung", "Content types"),
    "evaluations.fact.reports": ("Báo cáo đúng hạn", "Reports on time"),
    "evaluations.fact.questions": ("Câu hỏi đã trả lời", "Questions answered"),
    "evaluations.fact.proposals": ("Kiến nghị", "Proposals"),
    "evaluations.field.rating": ("Xếp loại", "Rating"),
    "evaluations.field.comment": ("Nhận xét của lãnh đạo", "Leader's comment"),
    "evaluations.action.propose": ("Lưu đề xuất", "Save the proposal"),
    "evaluations.action.confirm": ("Xác nhận và chốt", "Confirm and lock"),
    "evaluations.action.reopen": ("Mở lại để sửa", "Reopen for changes"),
    "evaluations.done.propose": ("Đã lưu đề xuất.", "Proposal saved."),
    "evaluations.done.confirm": ("Đã xác nhận và chốt đánh giá.", "Evaluation confirmed and locked."),
    "evaluations.done.reopen": ("Đã mở lại đánh giá.", "Evaluation reopened."),
    "evaluations.locked_note": (
        "Đánh giá đã chốt; chỉ lãnh đạo cơ quan có thể mở lại.",
        "This evaluation is locked; only an office leader can reopen it.",
    ),
    "evaluations.no_ban": (
        "Tài khoản này không gắn với cán bộ của ban nào, nên không có ai để đánh giá. Liên hệ Văn phòng.",
        "This account is not linked to a cadre of any ban, so there is nobody to evaluate. Contact the office.",
    ),
    "evaluations.read_only": (
        "Bạn chỉ xem được đánh giá này.",
        "You can only read this evaluation.",
    ),
    "evaluations.history": ("Lịch sử thay đổi", "History of changes"),
    "evaluations.history.at": ("Thời điểm", "When"),
    "evaluations.history.who": ("Người thực hiện", "Who"),
    "evaluations.history.what": ("Thao tác", "What"),
    "evaluations.history.none": ("Chưa có thay đổi nào.", "No change yet."),
    "evaluations.error.bad_rating": ("{field}: mức xếp loại không hợp lệ.", "{field}: not a valid rating."),
    "evaluations.error.locked": (
        "Đánh giá đã chốt, không sửa được nữa. Lãnh đạo cơ quan cần mở lại trước.",
        "The evaluation is locked. An office leader must reopen it first.",
    ),
    "evaluations.error.not_locked": (
        "Đánh giá chưa chốt nên không cần mở lại.",
        "The evaluation is not locked, so there is nothing to reopen.",
    ),
    # Exports
    "evaluations.export": ("Xuất dữ liệu", "Export"),
    "evaluations.export.xlsx": ("Tải bảng đánh giá (Excel)", "Download the evaluations (Excel)"),
    "evaluations.export.docx": ("Tải bản nhận xét của ban (Word)", "Download the ban's paper (Word)"),
    "evaluations.export.pick_ban": (
        "Chọn một ban ở trên để tải bản nhận xét (Word) của ban đó.",
        "Choose a ban above to download its paper (Word).",
    ),
    "evaluations.doc.title": ("BẢN NHẬN XÉT, ĐÁNH GIÁ", "EVALUATION"),
    "evaluations.doc.subtitle": (
        "Việc thực hiện chế độ đi công tác cơ sở năm {year}",
        "Grassroots work in {year}",
    ),
    "evaluations.doc.ban": ("Đơn vị: {ban}", "Unit: {ban}"),
    "evaluations.doc.recipient_ban": (
        "- {ban} (để thông báo đến cán bộ);",
        "- {ban} (to tell its cadres);",
    ),
}
