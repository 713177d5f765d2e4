"""Texts of the official places: the picker of the trip form, the map, the admin's list of
names no register knows."""

MESSAGES: dict[str, tuple[str, str]] = {
    "places.search": ("Gõ để tìm…", "Type to search…"),
    "places.register_hint": (
        "Theo danh mục đơn vị hành chính từ 01/07/2025: 34 tỉnh, thành phố và các xã, phường, đặc khu.",
        "From the official register since 01/07/2025: 34 provinces and their communes, wards and special zones.",
    ),
    "places.old_register_hint": (
        "Chuyến đi trước 01/07/2025: chọn tỉnh theo tên khi đó (63 tỉnh, thành phố); ghi huyện, xã như khi đó.",
        "A trip before 01/07/2025: pick the province by its name then (63 provinces); write the district "
        "and commune as they were.",
    ),
    "places.province_first": ("Chọn tỉnh/thành phố trước", "Pick the province first"),
    "places.as_typed": ("{name} (như đã ghi, ngoài danh mục)", "{name} (as typed, not in the register)"),
    "places.district_kept": (
        "Huyện như đã ghi: {district} (giữ nguyên khi không đổi địa điểm)",
        "District as written: {district} (kept while the place is unchanged)",
    ),
    "places.unmapped": ("(tỉnh chưa xác định)", "(province not identified)"),
    "places.map.title": ("Cán bộ đã đến từng tỉnh, thành phố", "Cadres who went to each province"),
    "places.map.cadres": ("Số cán bộ đã đến", "Cadres who went"),
    "places.map.trips": ("Số chuyến đi", "Trips"),
    "places.map.province": ("Tỉnh/thành phố", "Province"),
    "places.map.nobody": ("Chưa ai đến", "Nobody went"),
    "places.map.caption": (
        "Mỗi ô là một tỉnh, thành phố (34 đơn vị từ 01/07/2025), đặt gần vị trí trên bản đồ; chuyến đi "
        "trước đó được tính vào tỉnh hiện nay. Ô trắng viền đỏ: chưa cán bộ nào đến ({n} tỉnh, thành phố).",
        "Each tile is one of the 34 provinces (since 01/07/2025), placed near where it lies; earlier trips "
        "count under today's province. White tiles outlined in red: nobody went ({n} provinces).",
    ),
    "admin.tab.places": ("Địa danh", "Place names"),
    "places.admin.heading": ("Địa danh chưa khớp danh mục", "Place names not in the register"),
    "places.admin.intro": (
        "Những tỉnh dưới đây được gõ tay và không khớp tên nào của danh mục (kể cả 63 tỉnh trước "
        "01/07/2025). Chuyến đi vẫn được giữ nguyên; chọn tỉnh hiện nay để tính vào số liệu theo tỉnh.",
        "These provinces were typed and match no name of the register (the 63 provinces before "
        "01/07/2025 included). Their trips are kept as typed; pick today's province to count them by province.",
    ),
    "places.admin.none": ("Mọi địa danh đã khớp danh mục.", "Every place name matches the register."),
    "places.admin.col.typed": ("Tỉnh như đã gõ", "Province as typed"),
    "places.admin.col.places": ("Số địa điểm", "Places"),
    "places.admin.col.trips": ("Số chuyến đi", "Trips"),
    "places.admin.pick_name": ("Tên đã gõ", "Name as typed"),
    "places.admin.pick_province": ("Thuộc tỉnh, thành phố hiện nay", "Belongs to today's province"),
    "places.admin.save": ("Ghép vào tỉnh này", "Map to this province"),
    "places.admin.saved": (
        "Đã ghép “{typed}” vào {province} ({places} địa điểm).",
        "Mapped “{typed}” to {province} ({places} places).",
    ),
    "places.admin.unknown": ("{field}: không có trong danh mục.", "{field}: not in the register."),
    "places.admin.gone": ("{field}: đã được ghép, hoặc không còn.", "{field}: mapped already, or gone."),
}
