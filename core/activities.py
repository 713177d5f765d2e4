"""The finer activities a trip can be tagged with, by the content type of Guideline 03 they
belong to."""

from __future__ import annotations

from db.vocabulary import ContentType

# The finer activities named in seed 001, offered as optional tags, by the content type of
# Guideline 03 they belong to.
ACTIVITIES: dict[str, tuple[str, ...]] = {
    ContentType.THEMATIC: (
        "Điều tra, khảo sát",
        "Nắm tình hình đoàn viên, thanh thiếu nhi",
        "Nghiên cứu chuyên đề",
    ),
    ContentType.COORGANISE: (
        "Phối hợp tổ chức hoạt động",
        "Chỉ đạo đại hội Hội LHTN cấp cơ sở, cấp huyện",
        "Chiến dịch Thanh niên tình nguyện hè",
        "Tháng Thanh niên",
        "Tết Trung thu cho thiếu nhi",
    ),
    ContentType.INSPECTION: (
        "Kiểm tra chuyên đề",
        "Kiểm tra công tác Đoàn 6 tháng đầu năm",
        "Giám sát hoạt động nhận ủy thác cho vay",
    ),
    ContentType.BRANCH_MEETING: ("Dự sinh hoạt chi đoàn", "Dự sinh hoạt chuyên đề"),
}


def all_activities() -> list[str]:
    return [a for names in ACTIVITIES.values() for a in names]
