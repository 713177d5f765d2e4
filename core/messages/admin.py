"""Texts of the /admin page (roster, accounts, settings)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "admin.title": ("Quản trị", "Administration"),
    "admin.bans": ("Các ban", "Bans"),
    "admin.cadres": ("Cán bộ", "Cadres"),
    "admin.cadres_count": ("Số cán bộ", "Cadres"),
    "admin.joined": ("Ngày vào", "Joined"),
    "admin.left": ("Ngày nghỉ", "Left"),
    "admin.summary": (
        "{bans} ban, {cadres} cán bộ, trong đó {subject} thuộc đối tượng 1+2.",
        "{bans} bans, {cadres} cadres, {subject} of them subject to 1+2.",
    ),
}
