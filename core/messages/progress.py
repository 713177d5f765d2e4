"""Texts of the /progress page (per-ban progress)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "progress.title": ("Tiến độ đi cơ sở theo ban", "Grassroots progress by ban"),
    "progress.subject": ("Cán bộ thuộc đối tượng 1+2", "Cadres subject to 1+2"),
    "progress.went": ("Đã đi cơ sở", "Went to the grassroots"),
    "progress.registered": ("Đã đăng ký", "Registered"),
    "progress.total_days": ("Tổng số ngày", "Total days"),
    "progress.avg_days": ("Bình quân ngày/người", "Average days per cadre"),
    "progress.rate": ("Tỉ lệ đã đi", "Share who went"),
    "progress.by_ban": ("Theo ban", "By ban"),
    "progress.by_cadre": ("Cán bộ của ban", "Cadres of the ban"),
    "progress.chart_title": ("Tỉ lệ cán bộ đã đi cơ sở theo ban", "Share of cadres who went, by ban"),
}
