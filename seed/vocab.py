"""Words the demo data is made of: names, places, and the sentences cadres write.

Plain data, no logic. Everything is Vietnamese with full diacritics, as a cadre would type it.
Place names are real (administrative units as they stood in 2018–2022); the people are made up.
"""

from __future__ import annotations

from core.activities import ACTIVITIES
from db.vocabulary import ContentType, ProposalState, Rating

# --- People -------------------------------------------------------------------------------

# Family names with rough weights (Nguyễn is about a third of the country).
FAMILY_NAMES = (
    ("Nguyễn", 30),
    ("Trần", 10),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 3),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Đào", 1),
    ("Trịnh", 1),
    ("Mai", 1),
    ("Lương", 1),
    ("Tạ", 1),
    ("Hà", 1),
    ("Cao", 1),
    ("Lò", 1),
    ("Triệu", 1),
    ("Nông", 1),
    ("Chu", 1),
    ("Kiều", 1),
    ("Quách", 1),
)

MIDDLE_NAMES_MALE = (
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Anh",
    "Thanh",
    "Xuân",
    "Tuấn",
    "Mạnh",
    "Công",
    "Ngọc",
    "Trung",
    "Việt",
    "Hoàng",
    "Duy",
    "Quốc",
    "Đình",
)
MIDDLE_NAMES_FEMALE = (
    "Thị",
    "Thu",
    "Thanh",
    "Ngọc",
    "Thùy",
    "Minh",
    "Phương",
    "Hồng",
    "Kim",
    "Mai",
    "Thị",
    "Thị",
    "Bích",
    "Diệu",
    "Hải",
    "Khánh",
)

GIVEN_NAMES_MALE = (
    "Hùng",
    "Dũng",
    "Tuấn",
    "Nam",
    "Long",
    "Hải",
    "Thắng",
    "Quân",
    "Phong",
    "Sơn",
    "Tùng",
    "Hiếu",
    "Trung",
    "Đạt",
    "Cường",
    "Khánh",
    "Vinh",
    "Hưng",
    "Huy",
    "Kiên",
    "Bình",
    "Thành",
    "Tâm",
    "Lâm",
    "Toàn",
    "Duy",
    "Hoàng",
    "Việt",
    "Hòa",
    "Thịnh",
    "Quyết",
    "Tú",
    "Đông",
    "Chiến",
    "Lực",
    "Nghĩa",
    "Phúc",
    "Thái",
    "Trí",
    "Vũ",
)
GIVEN_NAMES_FEMALE = (
    "Hương",
    "Lan",
    "Hà",
    "Linh",
    "Trang",
    "Huyền",
    "Ngọc",
    "Thảo",
    "Mai",
    "Hạnh",
    "Nhung",
    "Yến",
    "Phương",
    "Hằng",
    "Dung",
    "Giang",
    "Vân",
    "Oanh",
    "Thủy",
    "Nga",
    "Loan",
    "Chi",
    "Anh",
    "Quỳnh",
    "Trâm",
    "Hiền",
    "Nhàn",
    "Thư",
    "Liên",
    "Hoa",
    "Duyên",
    "Lý",
)

# --- Places -------------------------------------------------------------------------------
# province -> ((district, (communes …), (special host units …)), …)
# A trip goes to the province's Youth Union, a district's, a commune's, or one special unit.

PROVINCES: dict[str, tuple] = {
    "Hà Giang": (
        ("Huyện Mèo Vạc", ("Xã Pải Lủng", "Xã Lũng Pù"), ("Chi đoàn thôn Pải Lủng",)),
        ("Huyện Đồng Văn", ("Xã Lũng Cú",), ("Trường THPT Đồng Văn",)),
    ),
    "Cao Bằng": (
        ("Huyện Hà Quảng", ("Xã Trường Hà",), ("Chi đoàn Khu di tích Pác Bó",)),
        ("Huyện Trùng Khánh", ("Xã Đàm Thủy",), ()),
    ),
    "Lào Cai": (
        ("Huyện Sa Pa", ("Xã Tả Van",), ("Chi đoàn thôn Lao Chải",)),
        ("Huyện Bát Xát", ("Xã Y Tý",), ()),
    ),
    "Lai Châu": (
        ("Huyện Tam Đường", ("Xã Bản Giang",), ()),
        ("Huyện Sìn Hồ", (), ("Trường Phổ thông Dân tộc nội trú huyện Sìn Hồ",)),
    ),
    "Điện Biên": (
        ("Huyện Mường Nhé", ("Xã Sín Thầu",), ("Đồn Biên phòng A Pa Chải",)),
        ("Huyện Điện Biên Đông", (), ()),
    ),
    "Sơn La": (
        ("Huyện Mộc Châu", ("Xã Tân Lập",), ("Chi đoàn Công ty Cổ phần Giống bò sữa Mộc Châu",)),
        ("Huyện Sốp Cộp", (), ()),
    ),
    "Yên Bái": (
        ("Huyện Mù Cang Chải", ("Xã La Pán Tẩn",), ()),
        ("Huyện Văn Chấn", (), ("Hợp tác xã thanh niên chè Suối Giàng",)),
    ),
    "Tuyên Quang": (
        ("Huyện Sơn Dương", ("Xã Tân Trào",), ()),
        ("Huyện Lâm Bình", ("Xã Thượng Lâm",), ()),
    ),
    "Thái Nguyên": (
        ("Huyện Định Hóa", ("Xã Phú Đình",), ()),
        ("Thành phố Thái Nguyên", (), ("Đoàn Thanh niên Đại học Thái Nguyên",)),
    ),
    "Bắc Giang": (
        ("Huyện Lục Ngạn", ("Xã Phượng Sơn",), ("Câu lạc bộ thanh niên trồng vải thiều Lục Ngạn",)),
        ("Huyện Việt Yên", (), ("Đoàn Thanh niên Khu công nghiệp Quang Châu",)),
    ),
    "Quảng Ninh": (
        ("Huyện Cô Tô", ("Xã Thanh Lân",), ()),
        ("Huyện Bình Liêu", ("Xã Hoành Mô",), ()),
    ),
    "Hải Phòng": (
        ("Huyện Bạch Long Vĩ", (), ("Đoàn Thanh niên huyện đảo Bạch Long Vĩ",)),
        ("Quận Hải An", (), ("Đoàn Thanh niên Khu công nghiệp Đình Vũ",)),
    ),
    "Thái Bình": (("Huyện Tiền Hải", ("Xã Nam Thịnh",), ()),),
    "Nam Định": (("Huyện Giao Thủy", ("Xã Giao Xuân",), ()),),
    "Ninh Bình": (("Huyện Nho Quan", ("Xã Cúc Phương",), ()),),
    "Thanh Hóa": (
        ("Huyện Mường Lát", ("Xã Pù Nhi",), ()),
        ("Huyện Quan Sơn", (), ("Trường THPT Quan Sơn",)),
    ),
    "Nghệ An": (
        ("Huyện Kỳ Sơn", ("Xã Mường Lống",), ("Trường Phổ thông Dân tộc nội trú huyện Kỳ Sơn",)),
        ("Huyện Nam Đàn", ("Xã Kim Liên",), ()),
    ),
    "Hà Tĩnh": (
        ("Huyện Vũ Quang", (), ()),
        ("Huyện Hương Khê", ("Xã Phúc Trạch",), ()),
    ),
    "Quảng Bình": (
        ("Huyện Bố Trạch", ("Xã Sơn Trạch",), ()),
        ("Huyện Minh Hóa", (), ()),
    ),
    "Quảng Trị": (
        ("Huyện Hướng Hóa", ("Xã Hướng Phùng",), ()),
        ("Huyện Đakrông", (), ()),
    ),
    "Thừa Thiên Huế": (
        ("Huyện A Lưới", ("Xã Hồng Thượng",), ()),
        ("Thành phố Huế", (), ("Đoàn Thanh niên Đại học Huế",)),
    ),
    "Đà Nẵng": (
        ("Huyện Hòa Vang", ("Xã Hòa Bắc",), ()),
        ("Quận Liên Chiểu", (), ("Đoàn Thanh niên Khu công nghiệp Hòa Khánh",)),
    ),
    "Quảng Nam": (
        ("Huyện Nam Trà My", ("Xã Trà Cang",), ()),
        ("Huyện Tây Giang", (), ()),
    ),
    "Quảng Ngãi": (
        ("Huyện Lý Sơn", ("Xã An Hải",), ()),
        ("Huyện Sơn Hà", (), ()),
    ),
    "Bình Định": (
        ("Huyện An Lão", ("Xã An Toàn",), ()),
        ("Huyện Phù Cát", (), ()),
    ),
    "Phú Yên": (("Huyện Đồng Xuân", ("Xã Phú Mỡ",), ()),),
    "Khánh Hòa": (
        ("Huyện Khánh Vĩnh", (), ()),
        ("Thành phố Cam Ranh", (), ("Chi đoàn Hải đội dân quân thường trực",)),
    ),
    "Kon Tum": (
        ("Huyện Kon Plông", ("Xã Măng Cành",), ()),
        ("Huyện Đắk Glei", (), ()),
    ),
    "Gia Lai": (
        ("Huyện Kbang", ("Xã Đăk Rong",), ()),
        ("Huyện Chư Prông", (), ()),
    ),
    "Đắk Lắk": (
        ("Huyện Lắk", ("Xã Đắk Liêng",), ()),
        ("Huyện Buôn Đôn", ("Xã Krông Na",), ()),
    ),
    "Đắk Nông": (("Huyện Tuy Đức", ("Xã Quảng Tân",), ()),),
    "Lâm Đồng": (("Huyện Lạc Dương", ("Xã Đạ Sar",), ("Hợp tác xã thanh niên rau hoa Lạc Dương",)),),
    "Bình Phước": (("Huyện Bù Gia Mập", ("Xã Đak Ơ",), ()),),
    "Tây Ninh": (("Huyện Tân Biên", ("Xã Tân Lập",), ()),),
    "Bình Dương": (
        ("Thị xã Thuận An", (), ("Đoàn Thanh niên Khu công nghiệp VSIP",)),
        ("Thị xã Dĩ An", (), ("Đoàn Thanh niên Khu công nghiệp Sóng Thần",)),
    ),
    "Đồng Nai": (
        ("Huyện Nhơn Trạch", (), ("Đoàn Thanh niên Khu công nghiệp Nhơn Trạch",)),
        ("Thành phố Biên Hòa", (), ("Đoàn Thanh niên Khu công nghiệp Amata",)),
    ),
    "Đồng Tháp": (("Huyện Tháp Mười", ("Xã Mỹ Hòa",), ()),),
    "An Giang": (("Huyện Tri Tôn", ("Xã Ô Lâm",), ()),),
    "Kiên Giang": (
        ("Huyện Phú Quốc", ("Xã Thổ Châu",), ()),
        ("Huyện Kiên Hải", ("Xã Lại Sơn",), ()),
    ),
    "Cần Thơ": (("Huyện Phong Điền", ("Xã Mỹ Khánh",), ()),),
    "Sóc Trăng": (("Huyện Mỹ Xuyên", (), ()),),
    "Cà Mau": (("Huyện Ngọc Hiển", ("Xã Đất Mũi",), ()),),
    "Bến Tre": (("Huyện Ba Tri", (), ()),),
    "Thành phố Hồ Chí Minh": (
        ("Huyện Cần Giờ", ("Xã Thạnh An",), ()),
        ("Quận 7", (), ("Đoàn Thanh niên Khu chế xuất Tân Thuận",)),
    ),
    "Hà Nội": (
        ("Huyện Ba Vì", ("Xã Ba Vì",), ()),
        ("Huyện Mỹ Đức", (), ()),
    ),
}

# The five centrally governed cities have a Thành Đoàn, the other provinces a Tỉnh Đoàn.
CITIES = {"Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}

# Quảng Ngãi as it stood in 2022, for the provincial set.
QUANG_NGAI_2022: dict[str, tuple] = {
    "Quảng Ngãi": (
        ("Huyện Bình Sơn", ("Xã Bình Châu", "Xã Bình Thạnh"), ("Đoàn Thanh niên Khu kinh tế Dung Quất",)),
        ("Huyện Sơn Tịnh", ("Xã Tịnh Hiệp",), ()),
        ("Huyện Tư Nghĩa", ("Xã Nghĩa Hà",), ()),
        ("Huyện Nghĩa Hành", ("Xã Hành Tín Đông",), ()),
        ("Huyện Mộ Đức", ("Xã Đức Lợi",), ("Trường THPT Trần Quang Diệu",)),
        ("Thị xã Đức Phổ", ("Xã Phổ Châu",), ()),
        ("Huyện Ba Tơ", ("Xã Ba Điền",), ("Trường Phổ thông Dân tộc nội trú huyện Ba Tơ",)),
        ("Huyện Minh Long", ("Xã Long Mai",), ()),
        ("Huyện Sơn Hà", ("Xã Sơn Thủy",), ()),
        ("Huyện Sơn Tây", ("Xã Sơn Dung",), ()),
        ("Huyện Trà Bồng", ("Xã Trà Sơn",), ()),
        ("Huyện Lý Sơn", (), ("Chi đoàn Nghiệp đoàn nghề cá Lý Sơn",)),
        ("Thành phố Quảng Ngãi", (), ("Đoàn Thanh niên Trường Đại học Phạm Văn Đồng",)),
    ),
}


def youth_union_of(unit: str) -> str:
    """The Youth Union body of an administrative unit: "Huyện Mèo Vạc" → "Huyện Đoàn Mèo Vạc"."""
    for prefix, body in (
        ("Huyện ", "Huyện Đoàn "),
        ("Quận ", "Quận Đoàn "),
        ("Thị xã ", "Thị Đoàn "),
        ("Thành phố ", "Thành Đoàn "),
        ("Xã ", "Đoàn xã "),
    ):
        if unit.startswith(prefix):
            return body + unit[len(prefix) :]
    return unit


def in_text(unit: str) -> str:
    """An administrative unit inside a sentence: "Huyện Mèo Vạc" → "huyện Mèo Vạc"."""
    for prefix in ("Huyện ", "Quận ", "Thị xã ", "Thành phố ", "Xã "):
        if unit.startswith(prefix):
            return prefix.lower() + unit[len(prefix) :]
    return unit


def province_union(province: str) -> str:
    if province == "Thành phố Hồ Chí Minh":
        return "Thành Đoàn Thành phố Hồ Chí Minh"
    return ("Thành Đoàn " if province in CITIES else "Tỉnh Đoàn ") + province


# --- Activities (seed 001) ----------------------------------------------------------------
# Finer activities as tags, by the content type of Guideline 03 they belong to (the same
# list the trip form offers).

TAGS = ACTIVITIES

PURPOSES = {
    ContentType.THEMATIC: (
        "Khảo sát tình hình thanh niên và tổ chức cơ sở Đoàn tại {unit}.",
        "Nghiên cứu, nắm bắt tình hình đoàn viên đi làm ăn xa tại {where}.",
        "Khảo sát nhu cầu học nghề, việc làm của thanh niên {where}.",
    ),
    ContentType.COORGANISE: (
        "Phối hợp {unit} tổ chức các hoạt động tình nguyện tại địa phương.",
        "Phối hợp tổ chức chương trình tại {where}, hỗ trợ cơ sở triển khai hoạt động.",
        "Tham gia chỉ đạo, hướng dẫn tổ chức đại hội Hội LHTN tại {where}.",
    ),
    ContentType.INSPECTION: (
        "Kiểm tra công tác Đoàn và phong trào thanh thiếu nhi tại {unit}.",
        "Giám sát hoạt động nhận ủy thác cho vay vốn do Đoàn thanh niên quản lý tại {where}.",
        "Kiểm tra chuyên đề việc thực hiện nghị quyết đại hội Đoàn tại {unit}.",
    ),
    ContentType.BRANCH_MEETING: (
        "Dự sinh hoạt chi đoàn và sinh hoạt chuyên đề tại {unit}.",
        "Dự sinh hoạt chi đoàn định kỳ, trao đổi với đoàn viên tại {where}.",
    ),
}

# Questions set before leaving, each with answers a cadre found.
QUESTIONS = {
    ContentType.THEMATIC: (
        (
            "Đoàn viên, thanh niên ở địa bàn đang quan tâm nhất đến vấn đề gì?",
            (
                "Chủ yếu là việc làm tại chỗ và vốn vay để phát triển kinh tế; nhiều bạn muốn học nghề ngắn hạn rồi ở lại quê làm ăn.",
                "Thanh niên quan tâm đến học nghề, việc làm và cơ hội đi xuất khẩu lao động; ít quan tâm đến sinh hoạt chi đoàn nếu nội dung không thiết thực.",
            ),
        ),
        (
            "Việc quản lý đoàn viên đi làm ăn xa được thực hiện thế nào?",
            (
                "Chi đoàn lập nhóm Zalo để giữ liên lạc, nhưng chưa có sổ theo dõi; khoảng một phần ba đoàn viên không còn liên lạc thường xuyên.",
                "Hầu hết chi đoàn chỉ nắm được danh sách, chưa giới thiệu sinh hoạt tạm thời nơi đoàn viên đến làm việc.",
            ),
        ),
        (
            "Thanh niên địa phương tiếp cận vốn vay ưu đãi, học nghề như thế nào?",
            (
                "Qua Tổ tiết kiệm và vay vốn do Đoàn quản lý; nguồn vốn còn ít so với nhu cầu, mỗi năm chỉ giải quyết được vài hộ thanh niên.",
                "Chủ yếu qua kênh Hội Nông dân và Hội Phụ nữ; Đoàn xã chưa chủ động giới thiệu thanh niên tiếp cận các chương trình học nghề.",
            ),
        ),
        (
            "Cơ sở Đoàn sử dụng mạng xã hội để tuyên truyền ra sao?",
            (
                "Đã có trang Facebook của Huyện Đoàn, cập nhật khá đều; cấp xã còn lúng túng, thiếu người biết làm nội dung.",
                "Các chi đoàn dùng Zalo là chính; thông tin chủ yếu là thông báo, chưa có nội dung định hướng dư luận.",
            ),
        ),
        (
            "Vì sao một số chi đoàn không duy trì được sinh hoạt định kỳ?",
            (
                "Đoàn viên đi làm ăn xa, Bí thư chi đoàn thay đổi liên tục và nội dung sinh hoạt lặp lại, ít hấp dẫn.",
                "Thiếu kinh phí hoạt động, chưa có địa điểm sinh hoạt riêng, sinh hoạt thường ghép với họp thôn.",
            ),
        ),
    ),
    ContentType.COORGANISE: (
        (
            "Hoạt động có thu hút được thanh niên tại chỗ tham gia không, vì sao?",
            (
                "Có, vì hoạt động gắn với nhu cầu thực tế của thôn (làm đường, sửa nhà văn hóa); thanh niên tham gia đông hơn dự kiến.",
                "Chưa nhiều, đa số là học sinh và đoàn viên trường học; thanh niên nông thôn đi làm ban ngày nên khó tham gia.",
            ),
        ),
        (
            "Cơ sở cần hỗ trợ gì để duy trì hoạt động sau khi đoàn công tác về?",
            (
                "Cần tài liệu hướng dẫn và một khoản kinh phí nhỏ ban đầu; cơ sở đề nghị được tập huấn kỹ năng tổ chức hoạt động.",
                "Cần được kết nối với doanh nghiệp, nhà tài trợ tại địa phương để có nguồn lực lâu dài.",
            ),
        ),
        (
            "Cách phối hợp giữa Đoàn và chính quyền địa phương có gì cần rút kinh nghiệm?",
            (
                "Cấp ủy, chính quyền xã ủng hộ tốt; cần thống nhất kế hoạch sớm hơn để bố trí lực lượng và địa điểm.",
                "Phối hợp còn mang tính thời vụ; nên ký kết chương trình phối hợp cả năm giữa Đoàn xã và Ủy ban nhân dân xã.",
            ),
        ),
    ),
    ContentType.INSPECTION: (
        (
            "Việc thực hiện nghị quyết đại hội Đoàn tại đơn vị đạt đến đâu?",
            (
                "Phần lớn chỉ tiêu đạt và vượt; chỉ tiêu giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp còn thấp.",
                "Đơn vị đã cụ thể hóa bằng chương trình hành động, nhưng chưa sơ kết giữa nhiệm kỳ theo hướng dẫn.",
            ),
        ),
        (
            "Hồ sơ, sổ sách công tác Đoàn và quản lý đoàn viên có được cập nhật đầy đủ không?",
            (
                "Sổ đoàn viên, sổ chi đoàn cơ bản đầy đủ; phần mềm quản lý đoàn viên mới cập nhật được khoảng một nửa.",
                "Còn thiếu biên bản sinh hoạt của một số tháng; đã hướng dẫn đơn vị bổ sung và lưu trữ đúng quy định.",
            ),
        ),
        (
            "Nguồn vốn ủy thác do Đoàn quản lý có được sử dụng đúng mục đích không?",
            (
                "Vốn vay được sử dụng đúng mục đích, chủ yếu chăn nuôi và trồng trọt; nợ quá hạn thấp, tổ trưởng tổ vay vốn nắm chắc hộ vay.",
                "Cơ bản đúng mục đích; còn một số hộ chậm trả lãi do thiên tai, đã đề nghị Ngân hàng Chính sách xã hội xem xét gia hạn.",
            ),
        ),
        (
            "Việc thu, nộp, sử dụng đoàn phí có đúng quy định không?",
            (
                "Thu, nộp đúng quy định; việc sử dụng phần đoàn phí giữ lại chưa công khai tại chi đoàn.",
                "Một số chi đoàn thu chưa đủ do đoàn viên đi làm ăn xa; sổ sách thu chi rõ ràng.",
            ),
        ),
    ),
    ContentType.BRANCH_MEETING: (
        (
            "Nội dung sinh hoạt chi đoàn có thiết thực, hấp dẫn với đoàn viên không?",
            (
                "Buổi sinh hoạt có chủ đề rõ, có thảo luận về khởi nghiệp; đoàn viên phát biểu sôi nổi.",
                "Nội dung còn nặng phổ biến văn bản, ít trao đổi; đã góp ý chi đoàn chọn chủ đề gắn với đời sống đoàn viên.",
            ),
        ),
        (
            "Tỷ lệ đoàn viên tham dự sinh hoạt chi đoàn là bao nhiêu?",
            (
                "Khoảng 70% đoàn viên có mặt; số vắng chủ yếu là đoàn viên đi làm ở khu công nghiệp.",
                "Chỉ khoảng một nửa; chi đoàn có đề xuất sinh hoạt vào buổi tối để đoàn viên đi làm về kịp tham dự.",
            ),
        ),
        (
            "Chi đoàn có sinh hoạt theo chủ điểm hướng dẫn không?",
            (
                "Có, chi đoàn sinh hoạt theo chủ điểm của tháng và lồng ghép học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
                "Chưa thường xuyên; chi đoàn chưa nhận được tài liệu sinh hoạt chủ điểm kịp thời.",
            ),
        ),
    ),
}

# --- Findings (thu hoạch) -----------------------------------------------------------------

FINDINGS = (
    "Nắm được tình hình tổ chức cơ sở Đoàn tại {unit}: khoảng {pct}% chi đoàn duy trì sinh hoạt đều đặn hằng tháng; số đoàn viên đi làm ăn xa chiếm tỷ lệ cao nên việc quản lý đoàn viên còn khó.",
    "Thanh niên {where} chủ yếu làm nông nghiệp, một bộ phận lớn đi làm việc tại các khu công nghiệp; nhu cầu được hỗ trợ vốn, học nghề và giới thiệu việc làm rất lớn.",
    "Cấp ủy, chính quyền địa phương quan tâm đến công tác Đoàn, bố trí kinh phí và địa điểm cho các hoạt động của thanh niên; đội ngũ cán bộ Đoàn cơ sở nhiệt tình nhưng còn trẻ, thiếu kinh nghiệm.",
    "Các hoạt động tình nguyện hè được {unit} triển khai bài bản, bám sát hướng dẫn; tuy nhiên nội dung sinh hoạt hè cho thiếu nhi tại thôn, bản còn đơn điệu.",
    "Cán bộ Đoàn cơ sở kiêm nhiệm nhiều việc, thay đổi thường xuyên; nhiều Bí thư Đoàn xã chưa được tập huấn nghiệp vụ sau khi nhận nhiệm vụ.",
    "Phong trào thanh niên tham gia xây dựng nông thôn mới có nhiều công trình cụ thể, được người dân ghi nhận; việc tuyên truyền kết quả còn hạn chế.",
    "Tại {unit}, tỷ lệ tập hợp thanh niên ngoài tổ chức Đoàn, Hội còn thấp, nhất là thanh niên tự do và thanh niên dân tộc thiểu số.",
    "Đã trao đổi trực tiếp với đoàn viên, thanh niên; hiểu rõ hơn quy trình tổ chức hoạt động tại cơ sở và những vướng mắc khi triển khai các chỉ đạo của cấp trên.",
    "Công tác Đội và phong trào thiếu nhi tại {where} được quan tâm; thiếu sân chơi, điểm vui chơi cho thiếu nhi vào dịp hè.",
    "Đoàn Thanh niên trong doanh nghiệp gặp khó khăn về thời gian sinh hoạt do công nhân làm theo ca; chủ doanh nghiệp chưa thật sự tạo điều kiện cho hoạt động Đoàn.",
)

GOOD_MODELS = (
    "Mô hình “Thắp sáng đường quê” của {unit}: đoàn viên góp công lắp đặt đèn chiếu sáng đường thôn, người dân góp vật tư; có thể nhân rộng ra các xã khác.",
    "Mô hình “Tuyến đường thanh niên tự quản”: mỗi chi đoàn nhận một đoạn đường, trồng hoa và vệ sinh hằng tuần.",
    "Tủ sách thanh niên đặt tại nhà văn hóa thôn, do chi đoàn quản lý, mở cửa vào tối thứ Bảy và Chủ nhật.",
    "Câu lạc bộ “Thanh niên khởi nghiệp” kết nối thanh niên với Ngân hàng Chính sách xã hội và doanh nghiệp tại địa phương.",
    "Nhóm Zalo “Đoàn viên xa quê” giữ liên lạc với đoàn viên đi làm ăn xa; mỗi tháng chi đoàn cập nhật tin tức quê nhà và thông tin việc làm.",
    "Mô hình “Ngày Chủ nhật xanh”: đoàn viên ra quân vệ sinh môi trường vào ngày Chủ nhật cuối tháng, có sự tham gia của thiếu nhi.",
    "Mô hình “Nồi cháo yêu thương” tại bệnh viện huyện do Đoàn Thanh niên duy trì nhiều năm.",
    "Công trình “Sân chơi cho thiếu nhi” làm từ vật liệu tái chế, chi phí thấp, phù hợp với thôn, bản vùng cao.",
    "Tổ hợp tác thanh niên trồng cây ăn quả, liên kết tiêu thụ sản phẩm; thu nhập của các thành viên ổn định.",
    "Cách làm mới: chi đoàn sinh hoạt ghép với Chi hội Nông dân trẻ, nội dung gắn với kỹ thuật sản xuất nên thu hút đông thanh niên.",
    "Mô hình “Áo ấm cho em” vận động quần áo, chăn ấm cho học sinh vùng cao trước mùa đông.",
)

DIFFICULTIES = (
    "Thời gian ở cơ sở ngắn do phải về giải quyết nhiệm vụ đột xuất của ban.",
    "Kinh phí cho chuyến đi hạn hẹp, phải ghép lịch với đoàn công tác khác.",
    "Giao thông đi lại khó khăn, mùa mưa đường sạt lở, mất nhiều thời gian di chuyển.",
    "Chuyến đi chủ yếu phối hợp tổ chức hoạt động nên chưa có thời gian dự sinh hoạt chi đoàn, thu hoạch chưa sâu.",
    "Một số cơ sở chuẩn bị báo cáo mang tính hình thức, chưa phản ánh hết khó khăn thực tế.",
    "Đoàn viên đi làm ăn xa nhiều, chi đoàn khó tập hợp đủ để sinh hoạt trong thời gian đoàn công tác ở cơ sở.",
    "Lịch đi cơ sở trùng với đợt cao điểm công việc chuyên môn tại cơ quan.",
)

# Difficulties of a provincial office (seed 001).
DIFFICULTIES_PROVINCE = (
    "Đang tham gia lớp bồi dưỡng tập trung về lý luận chính trị nên phải rút ngắn thời gian ở cơ sở.",
    "Khối lượng công việc chuyên môn tại cơ quan nhiều, khó bố trí đủ thời gian đi cơ sở theo yêu cầu.",
    "Nguồn kinh phí cho cán bộ đi cơ sở chưa đảm bảo, phải tự túc phương tiện đi lại.",
    "Địa bàn miền núi xa, đường đi lại khó khăn vào mùa mưa bão.",
    "Thời gian ở cơ sở ngắn do phải về giải quyết nhiệm vụ đột xuất của ban.",
)

# Proposals, each with the topic that decides which ban follows it up.
PROPOSALS = (
    ("Đề nghị hướng dẫn cách quản lý đoàn viên đi làm ăn xa qua ứng dụng trực tuyến.", "organisation"),
    ("Đề nghị tổ chức tập huấn nghiệp vụ cho Bí thư Đoàn xã, Bí thư chi đoàn mới được bầu.", "organisation"),
    ("Đề nghị cung cấp tài liệu sinh hoạt chủ điểm kịp thời cho chi đoàn nông thôn.", "propaganda"),
    ("Đề nghị tăng nguồn vốn ủy thác qua Ngân hàng Chính sách xã hội cho thanh niên lập nghiệp.", "rural"),
    ("Đề nghị hỗ trợ xây dựng sân chơi cho thiếu nhi tại các thôn, bản vùng cao.", "children"),
    ("Đề nghị phối hợp với doanh nghiệp để thành lập tổ chức Đoàn trong khu công nghiệp.", "workers"),
    ("Đề nghị đưa mô hình hay của cơ sở vào chương trình công tác năm sau để nhân rộng.", "office"),
    ("Đề nghị kiểm tra việc sử dụng nguồn vốn ủy thác tại các tổ vay vốn có nợ quá hạn.", "inspection"),
    ("Đề nghị hỗ trợ kinh phí cho đội hình thanh niên tình nguyện tại địa bàn khó khăn.", "volunteer"),
    ("Đề nghị có hướng dẫn tổ chức đại hội Hội LHTN cấp cơ sở phù hợp với địa bàn đặc thù.", "federation"),
    ("Đề nghị hỗ trợ học bổng cho học sinh nghèo vượt khó tại trường.", "school"),
)

FOLLOW_UPS = {
    ProposalState.IN_PROGRESS: (
        "Ban đang phối hợp với đơn vị liên quan để xem xét, trả lời cơ sở.",
        "Đã đưa vào dự thảo chương trình công tác, đang xin ý kiến lãnh đạo.",
    ),
    ProposalState.DONE: (
        "Đã gửi tài liệu hướng dẫn cho cơ sở.",
        "Đã đưa vào chương trình công tác năm sau.",
        "Đã làm việc với cơ sở và giải quyết xong.",
    ),
}

RETURN_REASONS = (
    "Đề nghị đồng chí bổ sung câu trả lời cho các câu hỏi đã đặt ra trước khi đi.",
    "Phần thu hoạch còn chung chung, đề nghị nêu cụ thể mô hình và số liệu tại cơ sở.",
    "Đề nghị bổ sung kiến nghị, đề xuất gửi các ban liên quan.",
)

EVALUATION_COMMENTS = {
    Rating.EXCELLENT: (
        "Đi cơ sở đều, vượt chỉ tiêu số ngày; báo cáo thu hoạch chất lượng, có đề xuất được các ban tiếp thu.",
        "Chủ động đăng ký và thực hiện đầy đủ; phát hiện nhiều mô hình hay để nhân rộng.",
    ),
    Rating.GOOD: (
        "Thực hiện tốt chế độ đi cơ sở; báo cáo đầy đủ, đúng hạn.",
        "Đi cơ sở đều trong năm, nội dung đa dạng; cần tăng dự sinh hoạt chi đoàn.",
    ),
    Rating.COMPLETED: (
        "Hoàn thành chế độ đi cơ sở; thời gian ở cơ sở còn ít, chủ yếu phối hợp tổ chức hoạt động.",
        "Có đi cơ sở nhưng báo cáo thu hoạch chưa sâu, cần trả lời rõ các câu hỏi đặt ra trước khi đi.",
    ),
    Rating.NOT_COMPLETED: ("Chưa bảo đảm thời gian đi cơ sở theo quy định; báo cáo còn chậm.",),
}
