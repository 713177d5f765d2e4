"""Texts of the /evaluations page (yearly evaluation notes)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "evaluations.title": ("Đánh giá, nhận xét việc đi cơ sở", "Yearly evaluation of grassroots work"),
    "evaluations.caption": (
        "Năm {year}: {count} cán bộ thuộc đối tượng 1+2; {evaluated} đã có đánh giá.",
        "{year}: {count} cadres subject to 1+2; {evaluated} evaluated.",
    ),
    "evaluations.col.proposed": ("Đề xuất xếp loại", "Proposed rating"),
    "evaluations.col.final": ("Xếp loại", "Rating"),
    "evaluations.col.locked": ("Đã chốt", "Locked"),
    "evaluations.not_rated": ("Chưa đánh giá", "Not yet evaluated"),
}
