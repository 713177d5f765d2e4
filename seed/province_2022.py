"""Second demo set: a provincial office in 2022 (seed article 001).

Quảng Ngãi Provincial Youth Union: 26/26 provincial cadres subject to 1+2 went to the
grassroots in 2022; difficulties were training courses, desk workload and too little funding.
"""

from __future__ import annotations

import datetime as dt

from core.periods import Window
from db.vocabulary import ContentType, CountingRule
from seed import vocab
from seed.loader import BanSpec, DemoSpec, ExemptionSpec

D = dt.date
HEAD, DEPUTY = "Trưởng ban", "Phó Trưởng ban"

BANS = (
    BanSpec(
        "VP",
        "Văn phòng",
        6,
        (
            "Bí thư Tỉnh Đoàn",
            "Phó Bí thư Tỉnh Đoàn",
            "Phó Bí thư Tỉnh Đoàn",
            "Chánh Văn phòng",
            "Phó Chánh Văn phòng",
        ),
    ),
    BanSpec("XDD", "Ban Xây dựng Đoàn", 5, (HEAD, DEPUTY)),
    BanSpec("TG", "Ban Tuyên giáo", 4, (HEAD, DEPUTY)),
    BanSpec("PT", "Ban Phong trào", 4, (HEAD, DEPUTY), ("Khu kinh tế", "Nghiệp đoàn")),
    BanSpec("DKTH", "Ban Đoàn kết tập hợp thanh niên", 3, (HEAD,)),
    BanSpec("CTTN", "Ban Công tác Thiếu nhi", 4, (HEAD, DEPUTY), ("Trường",)),
)

REVIEW = dict(
    held_on=D(2022, 12, 27),
    period_from=D(2022, 1, 1),
    period_to=D(2022, 12, 31),
    title="Tổng kết thực hiện chủ trương đi công tác cơ sở 1+2 năm 2022",
    chair="Đồng chí Bí thư Tỉnh Đoàn",
    attendees="Ban Thường vụ Tỉnh Đoàn; lãnh đạo các Ban, Văn phòng; cán bộ chuyên trách cơ quan Tỉnh Đoàn.",
    difficulties=(
        "Một số đồng chí cán bộ Đoàn cấp tỉnh tham gia các lớp đào tạo, bồi dưỡng tập trung về chuyên "
        "môn, lý luận chính trị, trong khi khối lượng công việc chuyên môn tại cơ quan nhiều nên việc "
        "đảm bảo thời gian đi công tác theo yêu cầu còn gặp nhiều khó khăn.\n"
        "Nguồn kinh phí cho cán bộ đi cơ sở chưa đảm bảo nên ảnh hưởng đến chất lượng, số lượng cán bộ "
        "đi cơ sở."
    ),
    conclusions=(
        "100% cán bộ Đoàn chuyên trách cấp tỉnh đã đăng ký và thực hiện đi công tác cơ sở theo chủ "
        "trương 1+2: 26/26 cán bộ tham gia đi công tác tại cơ sở trong năm 2022, với các nội dung điều "
        "tra, khảo sát; nghiên cứu tình hình đoàn viên, thanh thiếu nhi; phối hợp tổ chức hoạt động; "
        "kiểm tra, giám sát; chỉ đạo đại hội Hội LHTN cấp cơ sở, cấp huyện; dự sinh hoạt chi đoàn; "
        "giám sát hoạt động nhận ủy thác cho vay do Đoàn thanh niên quản lý.\n"
        "Ban Thường vụ Tỉnh Đoàn nắm rõ hơn khó khăn của cơ sở, kịp thời đề ra giải pháp phù hợp, nhất "
        "là nâng cao chất lượng sinh hoạt chi đoàn, tổ chức Đoàn và quản lý đoàn viên."
    ),
    directions=(
        "Tiếp tục ban hành công văn triển khai chủ trương 1+2 năm 2023 tới cán bộ chuyên trách, các "
        "huyện, thị, thành Đoàn và Đoàn trực thuộc.\n"
        "Bố trí lịch đi cơ sở phù hợp với cán bộ đi học tập trung; đề xuất bổ sung kinh phí cho cán bộ "
        "đi cơ sở.\n"
        "Lấy kết quả đi cơ sở làm một trong những tiêu chí đánh giá mức độ hoàn thành nhiệm vụ của cán bộ."
    ),
)

SPEC = DemoSpec(
    name="province-2022",
    rng_seed=2022_1103,
    year=2022,
    code_prefix="QN",
    settings={
        "office_name": "TỈNH ĐOÀN QUẢNG NGÃI",
        "parent_name": "BAN CHẤP HÀNH ĐOÀN TNCS HỒ CHÍ MINH TỈNH QUẢNG NGÃI",
        "office_place": "Quảng Ngãi",
    },
    policies=(dict(year=2022, target_days=60, counting_rule=CountingRule.CALENDAR, report_deadline_days=10),),
    bans=BANS,
    staff=("Lái xe", "Kế toán"),
    places=vocab.QUANG_NGAI_2022,
    provinces_per_cadre=(1, 1),
    province_level_share=0.0,
    today=D(2022, 12, 28),
    key_window=Window(D(2022, 1, 1), D(2022, 12, 31)),
    went_in_key_window=26,
    trips_per_cadre=(5, 10),
    trip_days=(2, 6),
    holidays=((D(2022, 1, 29), D(2022, 2, 6)),),  # Tết Nhâm Dần
    funding=(0.45, 200_000, 1_500_000),
    travel_order="{n}/GĐĐ-TĐTN",
    travel_order_share=0.35,
    registration_quarters=(1, 2, 3, 4),
    extra_quarter=None,
    registered_on={1: D(2022, 1, 4), 2: D(2022, 4, 1), 3: D(2022, 7, 1), 4: D(2022, 10, 3)},
    planned_share=0.0,
    exemptions=(
        ExemptionSpec(
            "training",
            D(2022, 3, 7),
            D(2022, 6, 24),
            "Học lớp Trung cấp lý luận chính trị tập trung",
            went_in_window=True,
        ),
    ),
    difficulties=vocab.DIFFICULTIES_PROVINCE,
    topic_bans={
        "organisation": "XDD",
        "propaganda": "TG",
        "rural": "PT",
        "children": "CTTN",
        "workers": "PT",
        "office": "VP",
        "inspection": "XDD",
        "volunteer": "PT",
        "federation": "DKTH",
        "school": "CTTN",
    },
    review=REVIEW,
    leader_position="Bí thư Tỉnh Đoàn",
    leader_ban="XDD",
    budget_per_cadre=3_000_000,
    office_symbol="TĐTN-VP",
    content_weights={
        ContentType.COORGANISE: 30,
        ContentType.THEMATIC: 26,
        ContentType.INSPECTION: 24,
        ContentType.BRANCH_MEETING: 20,
    },
)
