"""Default demo set: the central office of the Youth Union in 2018 (seed article 000).

Sơ kết quý II/2018, 09/08/2018: between 01/06/2018 and 31/07/2018, 97 of the office's 111
cadres went to the grassroots; 100% registered for quarters II, III and IV of 2018.
"""

from __future__ import annotations

import datetime as dt

from core.periods import Window
from db.vocabulary import CountingRule
from seed import vocab
from seed.loader import BanSpec, DemoSpec, ExemptionSpec

D = dt.date
HEAD, DEPUTY, SENIOR = "Trưởng ban", "Phó Trưởng ban", "Chuyên viên chính"

BANS = (
    BanSpec(
        "VP",
        "Văn phòng",
        12,
        (
            "Bí thư Trung ương Đoàn",
            "Bí thư Trung ương Đoàn",
            "Chánh Văn phòng",
            "Phó Chánh Văn phòng",
            "Phó Chánh Văn phòng",
            SENIOR,
        ),
    ),
    BanSpec("TC", "Ban Tổ chức", 13, (HEAD, DEPUTY, DEPUTY, SENIOR, SENIOR)),
    BanSpec("KT", "Ban Kiểm tra", 8, ("Chủ nhiệm Ủy ban Kiểm tra", "Phó Chủ nhiệm Ủy ban Kiểm tra", SENIOR)),
    BanSpec("TG", "Ban Tuyên giáo", 15, (HEAD, DEPUTY, DEPUTY, SENIOR, SENIOR, SENIOR)),
    BanSpec(
        "TNCN",
        "Ban Thanh niên Công nhân và Đô thị",
        11,
        (HEAD, DEPUTY, SENIOR),
        ("Khu công nghiệp", "Khu chế xuất", "Công ty"),
    ),
    BanSpec("TNNT", "Ban Thanh niên Nông thôn", 11, (HEAD, DEPUTY, DEPUTY, SENIOR), ("Hợp tác xã", "thôn")),
    BanSpec("TNTH", "Ban Thanh niên Trường học", 11, (HEAD, DEPUTY, SENIOR), ("Trường", "Đại học")),
    BanSpec("TNXP", "Ban Thanh niên Xung phong", 6, (HEAD, DEPUTY)),
    BanSpec("CTTN", "Ban Công tác Thiếu nhi", 11, (HEAD, DEPUTY, DEPUTY, SENIOR), ("Trường", "thôn")),
    BanSpec("QT", "Ban Quốc tế", 7, (HEAD, DEPUTY, SENIOR)),
    BanSpec("DKTH", "Ban Đoàn kết tập hợp thanh niên", 6, (HEAD, DEPUTY)),
)

REVIEW = dict(
    held_on=D(2018, 8, 9),
    period_from=D(2018, 6, 1),
    period_to=D(2018, 7, 31),
    title="Sơ kết thực hiện chế độ đi công tác cơ sở quý II/2018",
    chair="Đồng chí Lê Quốc Phong – Bí thư thứ nhất Trung ương Đoàn",
    attendees=(
        "Đồng chí Nguyễn Anh Tuấn – Bí thư thường trực Trung ương Đoàn; "
        "đồng chí Bùi Quang Huy – Bí thư Trung ương Đoàn; "
        "lãnh đạo các Ban, đơn vị và cán bộ các ban phong trào, Văn phòng cơ quan Trung ương Đoàn."
    ),
    difficulties=(
        "Khối lượng công việc của một số ban thường phát sinh các nhiệm vụ đột xuất, nên ít nhiều "
        "ảnh hưởng đến thời gian và chất lượng đi cơ sở.\n"
        "Một số ban, đơn vị, cán bộ đi công tác cơ sở chủ yếu mới chỉ phối hợp tổ chức, triển khai "
        "hoạt động tại cơ sở, chưa tập trung xây dựng nội dung báo cáo chuyên đề khảo sát, dự sinh "
        "hoạt chi đoàn, do đó kết quả thu hoạch được sau khi đi cơ sở chưa cao."
    ),
    conclusions=(
        "Ngay từ đầu quý II, 100% lãnh đạo và cán bộ ban, đơn vị đã đăng ký việc đi cơ sở trong quý "
        "II, III, IV năm 2018. Từ 01/6/2018 đến 31/7/2018, toàn cơ quan có 97/111 cán bộ tham gia "
        "đi công tác cơ sở, theo 4 nội dung của Hướng dẫn số 03.\n"
        "Đi cơ sở là việc rất quan trọng: nếu không bám cơ sở thì mọi quyết sách sẽ sai với thực "
        "tiễn, không thuyết phục được cơ sở thực hiện các chỉ đạo từ Trung ương. Việc đi cơ sở không "
        "chỉ là trách nhiệm, nhiệm vụ mà phải trở thành nhu cầu bản thân của cán bộ Trung ương Đoàn.\n"
        "Nếu đi cơ sở về mà cán bộ vẫn không hiểu hết cơ sở hoặc không có lời giải cho các câu hỏi "
        "đặt ra trước khi đi, nắm bắt không sát với đối tượng thì đã uổng phí một lần đi cơ sở."
    ),
    directions=(
        "Các đồng chí cán bộ nhìn nhận lại kết quả đã thực hiện, rút ra bài học kinh nghiệm và những "
        "công việc cần tập trung thực hiện để giai đoạn tiếp theo thực hiện tốt hơn chủ trương đi cơ sở.\n"
        "Mỗi cán bộ xác định rõ mục tiêu, câu hỏi cần trả lời trước mỗi chuyến đi; tăng báo cáo "
        "chuyên đề khảo sát và dự sinh hoạt chi đoàn.\n"
        "Những vấn đề thu hoạch được từ cơ sở được các Ban phản ánh qua việc góp ý xây dựng chương "
        "trình công tác năm 2019."
    ),
)

SPEC = DemoSpec(
    name="central-2018",
    rng_seed=2018_0809,
    year=2018,
    code_prefix="TW",
    settings={
        "office_name": "CƠ QUAN TRUNG ƯƠNG ĐOÀN",
        "parent_name": "BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH",
        "office_place": "Hà Nội",
    },
    policies=(
        dict(year=2018, target_days=60, counting_rule=CountingRule.CALENDAR, report_deadline_days=10),
        dict(year=2019, target_days=60, counting_rule=CountingRule.CALENDAR, report_deadline_days=10),
    ),
    bans=BANS,
    staff=("Lái xe", "Lái xe", "Kế toán", "Thủ quỹ", "Nhân viên văn thư (hợp đồng)"),
    places=vocab.PROVINCES,
    provinces_per_cadre=(3, 5),
    province_level_share=0.2,
    today=D(2018, 12, 14),
    key_window=Window(D(2018, 6, 1), D(2018, 7, 31)),
    went_in_key_window=97,
    trips_per_cadre=(4, 10),
    trip_days=(2, 7),
    holidays=((D(2018, 2, 13), D(2018, 2, 21)),),  # Tết Mậu Tuất
    funding=(0.3, 800_000, 6_000_000),
    travel_order="{n}/GCT-TWĐTN",
    travel_order_share=0.45,
    registration_quarters=(2, 3, 4),
    extra_quarter=(1, 0.6),
    registered_on={1: D(2018, 1, 3), 2: D(2018, 4, 2), 3: D(2018, 4, 2), 4: D(2018, 4, 2)},
    planned_share=0.2,
    exemptions=(
        ExemptionSpec(
            "training",
            D(2018, 3, 5),
            D(2018, 9, 28),
            "Học lớp Cao cấp lý luận chính trị tập trung tại Học viện Chính trị quốc gia Hồ Chí Minh",
            went_in_window=False,
        ),
        ExemptionSpec(
            "maternity", D(2018, 5, 14), D(2018, 11, 13), "Nghỉ chế độ thai sản", went_in_window=False
        ),
    ),
    difficulties=vocab.DIFFICULTIES,
    topic_bans={
        "organisation": "TC",
        "propaganda": "TG",
        "rural": "TNNT",
        "children": "CTTN",
        "workers": "TNCN",
        "office": "VP",
        "inspection": "KT",
        "volunteer": "TNXP",
        "federation": "DKTH",
        "school": "TNTH",
    },
    review=REVIEW,
    leader_position="Bí thư Trung ương Đoàn",
    leader_ban="TC",
    budget_per_cadre=18_000_000,
    office_symbol="TWĐTN-VP",
)
