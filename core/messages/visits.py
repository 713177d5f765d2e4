"""Texts of the /visits page (the cadre's own trips)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "visits.title": ("Chuyến đi cơ sở của tôi", "My grassroots trips"),
    "visits.no_cadre": (
        "Tài khoản này không gắn với cán bộ nào trong danh sách, nên không có chuyến đi.",
        "This account is not linked to a cadre on the roster, so it has no trips.",
    ),
    "visits.my_days": ("Số ngày đi cơ sở năm {year}", "Grassroots days in {year}"),
    "visits.target": ("Chỉ tiêu: {target} ngày", "Target: {target} days"),
    "visits.trips_heading": ("Các chuyến đi", "Trips"),
    "visits.no_trips": ("Chưa có chuyến đi nào trong năm.", "No trips this year."),
    "visits.col.dates": ("Thời gian", "Dates"),
    "visits.col.place": ("Địa điểm", "Place"),
    "visits.col.content": ("Nội dung", "Content"),
    "visits.col.state": ("Trạng thái", "State"),
    "visits.col.report": ("Báo cáo", "Report"),
    # Fields of the trip form (labels also name the field in error messages)
    "visits.field.start": ("Ngày đi", "Start date"),
    "visits.field.end": ("Ngày về", "End date"),
    "visits.field.province": ("Tỉnh/thành phố", "Province"),
    "visits.field.district": ("Quận/huyện", "District"),
    "visits.field.commune": ("Xã/phường", "Commune"),
    "visits.field.host_unit": ("Đơn vị cơ sở", "Host unit"),
    "visits.field.content_types": ("Nội dung đi cơ sở", "Content types"),
    "visits.field.funding": ("Kinh phí (đồng)", "Funding (VND)"),
    "visits.field.travel_order_no": ("Số giấy công tác", "Travel order no."),
    "visits.field.co_travellers": ("Cùng đi", "Co-travellers"),
    "visits.field.purpose": ("Mục đích", "Purpose"),
    "visits.field.questions": ("Câu hỏi đặt ra trước khi đi", "Questions set before leaving"),
    "visits.error.end_before_start": (
        "{field}: phải cùng ngày hoặc sau ngày đi.",
        "{field}: must be on or after the start date.",
    ),
    "visits.error.too_long_trip": (
        "{field}: một chuyến đi không quá một năm.",
        "{field}: a trip cannot last more than a year.",
    ),
    "visits.error.future_not_planned": (
        "{field}: ngày trong tương lai chỉ dùng cho chuyến đi dự kiến.",
        "{field}: dates in the future are only for planned trips.",
    ),
    "visits.error.no_content_type": (
        "{field}: chọn ít nhất một nội dung.",
        "{field}: choose at least one.",
    ),
    "visits.error.unknown_content_type": (
        "{field}: nội dung không hợp lệ.",
        "{field}: unknown content type.",
    ),
    "visits.error.bad_funding": (
        "{field}: phải là số không âm.",
        "{field}: must be a number, zero or more.",
    ),
    "visits.error.overlap": (
        "{field}: trùng thời gian với chuyến đi {start}–{end} tại {place}.",
        "{field}: overlaps your trip of {start}–{end} at {place}.",
    ),
}
