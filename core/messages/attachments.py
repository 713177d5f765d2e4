"""Texts of files attached to trips and reports (core.attachments, ui/attachments.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "attachments.field": ("Tệp đính kèm", "Attached files"),
    "attachments.heading": ("Tệp đính kèm", "Attached files"),
    "attachments.trip_files": (
        "Tệp của chuyến đi (giấy công tác, ảnh)",
        "Files of the trip (travel order, photos)",
    ),
    "attachments.report_files": (
        "Tệp của báo cáo (báo cáo chuyên đề)",
        "Files of the report (thematic report)",
    ),
    "attachments.upload_trip": ("Giấy công tác, ảnh", "Travel order, photos"),
    "attachments.upload_report": ("Báo cáo chuyên đề, ảnh", "Thematic report, photos"),
    "attachments.caps": (
        "Ảnh (JPEG, PNG, WebP), PDF, Word (.docx), Excel (.xlsx); tối đa {file} MB một tệp, {trip} MB "
        "một chuyến đi. Ảnh được thu nhỏ và xoá thông tin vị trí.",
        "Photos (JPEG, PNG, WebP), PDF, Word (.docx), Excel (.xlsx); at most {file} MB a file, {trip} MB "
        "a trip. Photos are shrunk and their location data removed.",
    ),
    "attachments.used": ("Chuyến đi này đã dùng {used} MB.", "This trip uses {used} MB."),
    "attachments.camera_toggle": ("Chụp ảnh bằng máy ảnh", "Take a photo with the camera"),
    "attachments.camera": ("Ảnh chụp", "Photo taken"),
    "attachments.attach": ("Đính kèm", "Attach"),
    "attachments.attached": ("Đã đính kèm {n} tệp.", "{n} files attached."),
    "attachments.none": ("Chưa có tệp nào.", "No files yet."),
    "attachments.download": ("Tải về", "Download"),
    "attachments.remove": ("Gỡ", "Remove"),
    "attachments.removed": ('Đã gỡ tệp "{name}".', 'The file "{name}" was removed.'),
    "attachments.size_kb": ("{kb} KB", "{kb} KB"),
    "attachments.zip": (
        "Tải các báo cáo chuyên đề ({n} tệp, .zip)",
        "Download the thematic reports ({n} files, .zip)",
    ),
    "attachments.count_sentence": (
        "{thematic} chuyên đề khảo sát đính kèm; {photos} ảnh, {files} tệp đính kèm trong tất cả.",
        "{thematic} thematic survey reports attached; {photos} photos, {files} files attached in all.",
    ),
    # Refusals: each names the file; nothing of the upload is stored.
    "attachments.error.empty": ('Tệp "{name}" trống: không lưu.', 'The file "{name}" is empty: not stored.'),
    "attachments.error.too_big": (
        'Tệp "{name}" lớn hơn {limit} MB, mức tối đa một tệp: không lưu.',
        'The file "{name}" is larger than {limit} MB, the most for one file: not stored.',
    ),
    "attachments.error.type": (
        'Tệp "{name}" không phải ảnh (JPEG, PNG, WebP), PDF, Word (.docx) hay Excel (.xlsx), xét theo '
        "nội dung chứ không theo tên: không lưu.",
        'The file "{name}" is not a photo (JPEG, PNG, WebP), PDF, Word (.docx) or Excel (.xlsx), judged by '
        "its content, not its name: not stored.",
    ),
    "attachments.error.program": (
        'Tệp "{name}" là một chương trình chạy được, không phải tài liệu hay ảnh: không lưu.',
        'The file "{name}" is a program, not a document or a photo: not stored.',
    ),
    "attachments.error.heic": (
        'Ảnh "{name}" ở định dạng HEIC/HEIF: hãy chụp hoặc lưu ở dạng JPEG (trên iPhone: Cài đặt → '
        "Camera → Định dạng → Tương thích nhất) rồi gửi lại.",
        'The photo "{name}" is HEIC/HEIF: take or save it as JPEG (on an iPhone: Settings → Camera → '
        "Formats → Most Compatible) and send it again.",
    ),
    "attachments.error.zip_bomb": (
        'Tệp "{name}" khi giải nén lớn hơn {limit} MB hoặc nén quá {ratio} lần: không lưu.',
        'The file "{name}" unpacks to more than {limit} MB or is compressed more than {ratio} times: '
        "not stored.",
    ),
    "attachments.error.pixels": (
        'Ảnh "{name}" có hơn {limit} triệu điểm ảnh, quá lớn để mở: không lưu.',
        'The image "{name}" has more than {limit} million pixels, too large to open: not stored.',
    ),
    "attachments.error.broken_image": (
        'Ảnh "{name}" bị hỏng hoặc không đọc được: không lưu.',
        'The image "{name}" is damaged or unreadable: not stored.',
    ),
    "attachments.error.trip_full": (
        "Các tệp của chuyến đi sẽ vượt {limit} MB (đã dùng {used} MB): gỡ bớt tệp hoặc gửi tệp nhỏ hơn; "
        "không lưu.",
        "The trip's files would pass {limit} MB ({used} MB used): remove some or send smaller ones; "
        "not stored.",
    ),
    "attachments.error.closed": (
        "Không thể đính kèm: chuyến đi đã gỡ, hoặc báo cáo đã gửi hay đã duyệt.",
        "Cannot attach: the trip was removed, or its report was sent or accepted.",
    ),
    "attachments.error.zip_too_big": (
        "Các báo cáo chuyên đề của kỳ này lớn hơn {limit} MB: hãy chọn một kỳ ngắn hơn.",
        "The period's thematic reports are larger than {limit} MB: choose a shorter period.",
    ),
}
