"""Texts of the money: funding spent against the bans' budgets (core.funding), on /progress,
/review, in the Word report and the workbook, and the budgets' editor."""

MESSAGES: dict[str, tuple[str, str]] = {
    "funding.title": ("Kinh phí đi cơ sở", "Funding of the trips"),
    "funding.caption": (
        "Kinh phí các chuyến đi kết thúc trong kỳ, so với dự toán năm của ban tính theo tỉ lệ số ngày của kỳ ({days}/{year_days} ngày).",
        "Funding of the trips that ended in the period, against each ban's yearly budget pro-rated to the period's days ({days}/{year_days} days).",
    ),
    "funding.caption_years": (
        "Kinh phí các chuyến đi kết thúc trong kỳ, so với dự toán của ban: mỗi năm tính theo tỉ lệ số ngày của năm đó nằm trong kỳ.",
        "Funding of the trips that ended in the period, against each ban's budget: each year's by the share of its days in the period.",
    ),
    "funding.no_budget": (
        "Chưa đặt dự toán kinh phí cho năm này: chỉ hiển thị số đã chi.",
        "No budget is set for this year: only the spending is shown.",
    ),
    "funding.spent": ("Đã chi", "Spent"),
    "funding.budget": ("Dự toán (theo kỳ)", "Budget (for the period)"),
    "funding.share": ("Tỉ lệ sử dụng", "Share used"),
    "funding.left": ("Còn lại", "Left"),
    "funding.left_note": ("Còn lại {amount} so với dự toán của kỳ", "{amount} left of the period's budget"),
    "funding.over_note": ("Vượt {amount} so với dự toán của kỳ", "{amount} over the period's budget"),
    "funding.total": ("Tổng cộng", "Total"),
    "funding.headline": ("Kinh phí đã chi", "Funding spent"),
    "funding.of_budget": ("{share} dự toán của kỳ", "{share} of the period's budget"),
    "funding.sheet": ("Kinh phí", "Funding"),
    "funding.doc.heading": ("6. Kinh phí đi cơ sở", "6. Funding"),
    "funding.doc.sentence": (
        "Kinh phí các chuyến đi kết thúc trong kỳ: {spent} đồng, bằng {share} dự toán của kỳ ({budget} đồng, tính theo tỉ lệ thời gian từ dự toán năm của các ban).",
        "Funding of the trips that ended in the period: {spent} VND, {share} of the period's budget ({budget} VND, pro-rated from the bans' yearly budgets).",
    ),
    "funding.doc.sentence_no_budget": (
        "Kinh phí các chuyến đi kết thúc trong kỳ: {spent} đồng (chưa đặt dự toán).",
        "Funding of the trips that ended in the period: {spent} VND (no budget set).",
    ),
    # The budgets' editor (with the year's policy on /admin, and for the office leadership on /review)
    "policy.budgets": (
        "Dự toán kinh phí đi cơ sở năm {year} theo ban (đồng)",
        "Funding budget per ban for {year} (VND)",
    ),
    "policy.budgets_hint": (
        "Để trống nếu ban không có dự toán riêng. Kinh phí trên các trang Tiến độ và Sơ kết được so với dự toán này, tính theo tỉ lệ số ngày của kỳ.",
        "Leave empty for a ban without a budget. The Progress and Review pages compare the funding with it, pro-rated to the period's days.",
    ),
    "policy.budget": ("Dự toán kinh phí", "Funding budget"),
    "policy.budgets_saved": ("Đã lưu dự toán kinh phí năm {year}.", "Budgets of {year} saved."),
    "policy.error.unknown_ban": ("{field}: ban không tồn tại.", "{field}: no such ban."),
    "policy.error.budget_range": (
        "{field} ({ban}): phải là số tiền từ 0 đến 1.000 tỷ đồng, ví dụ 270.000.000.",
        "{field} ({ban}): must be an amount between 0 and 1,000 billion VND, e.g. 270,000,000.",
    ),
}
