"""Texts of correcting and removing a trip (core.trip_changes): on /visits for the cadre, on
/progress for the office leadership, on /admin for the admins."""

MESSAGES: dict[str, tuple[str, str]] = {
    "trip_state.removed": ("Đã xoá", "Removed"),
    "trip_change.heading": ("Sửa hoặc xoá chuyến đi", "Correct or remove a trip"),
    "trip_change.hint": (
        "Sửa một chuyến đi ghi nhầm ngày, địa điểm, nội dung…, hoặc xoá chuyến đi ghi nhầm. Chuyến đi có "
        "báo cáo đã duyệt chỉ lãnh đạo cơ quan sửa hoặc xoá được.",
        "Correct a trip saved with a wrong date, place, content…, or remove a trip recorded by mistake. A "
        "trip whose report has been accepted can only be corrected or removed by the office leadership.",
    ),
    "trip_change.office_hint": (
        "Lãnh đạo cơ quan sửa hoặc xoá chuyến đi của cán bộ khi cần, có ghi lý do (lưu trong nhật ký "
        "thay đổi).",
        "The office leadership corrects or removes a cadre's trip when needed, giving a reason (kept in the "
        "audit log).",
    ),
    "trip_change.pick": ("Chuyến đi cần sửa hoặc xoá", "Trip to correct or remove"),
    "trip_change.none": ("Không có chuyến đi nào sửa hoặc xoá được.", "No trip can be corrected or removed."),
    "trip_change.action": ("Thao tác", "Action"),
    "trip_change.edit": ("Sửa", "Edit"),
    "trip_change.remove": ("Xoá", "Remove"),
    "trip_change.field.reason": ("Lý do", "Reason"),
    "trip_change.reason_required": (
        "Bắt buộc ghi lý do: lý do được lưu trong nhật ký thay đổi.",
        "A reason is required: it is kept in the audit log.",
    ),
    "trip_change.reason_optional": (
        "Không bắt buộc: được lưu trong nhật ký thay đổi.",
        "Optional: kept in the audit log.",
    ),
    "trip_change.remove_reason_help": (
        "Bắt buộc: lý do hiện trong lịch sử chuyến đi của cán bộ.",
        "Required: the reason shows in the cadre's history of trips.",
    ),
    "trip_change.keeps_state": (
        "Chuyến đi giữ nguyên trạng thái ({state}); số ngày và các số liệu được tính lại ngay khi lưu.",
        "The trip keeps its state ({state}); its days and every figure are counted again as soon as it is saved.",
    ),
    "trip_change.save": ("Lưu thay đổi", "Save changes"),
    "trip_change.confirm": (
        "Tôi xác nhận xoá chuyến đi này: chuyến đi được giữ lại trong lịch sử, đánh dấu đã xoá và không "
        "còn được tính vào số liệu nào.",
        "I confirm removing this trip: it stays in the history, marked removed, and no longer counts in any "
        "figure.",
    ),
    "trip_change.remove_button": ("Xoá chuyến đi", "Remove the trip"),
    "trip_change.saved": ("Đã lưu thay đổi của chuyến đi {trip}.", "Changes to the trip {trip} saved."),
    "trip_change.removed": ("Đã xoá chuyến đi {trip}.", "Trip {trip} removed."),
    "trip_change.col.note": ("Ghi chú", "Note"),
    "trip_change.removed_note": (
        "Đã xoá ngày {date} ({who}): {reason}",
        "Removed on {date} ({who}): {reason}",
    ),
    "trip_change.of_cadre": ("Chuyến đi của {name}", "Trip of {name}"),
    "trip_change.admin_cadre": ("Cán bộ", "Cadre"),
    "trip_change.admin_hint": (
        "Chọn cán bộ để xem các chuyến đi của họ; sửa hoặc xoá một chuyến đi cần ghi lý do.",
        "Choose a cadre to see their trips; correcting or removing a trip needs a reason.",
    ),
    "trip_change.error.state": (
        "{field}: chuyến đi đã huỷ hoặc đã xoá không sửa được, chuyến đi đã xoá không xoá lại được.",
        "{field}: a cancelled or removed trip cannot be corrected, and a removed trip cannot be removed again.",
    ),
    "trip_change.error.accepted": (
        "{field}: báo cáo của chuyến đi đã được duyệt; chỉ lãnh đạo cơ quan sửa hoặc xoá được chuyến đi này.",
        "{field}: the trip's report has been accepted; only the office leadership can correct or remove this "
        "trip.",
    ),
    "trip_change.error.removed": (
        "{field}: chuyến đi này đã bị xoá.",
        "{field}: this trip has been removed.",
    ),
}
