"""The contract of a provincial platform's complaint export (`<landing>/complaints/`): its Chinese
headers, their vocabularies, and the spellings of a missing value. docs/complaint-exports.md and
docs/complaint-records.md say the same for people."""

import re

from assets.landing_folders import COMPLAINTS_FOLDER  # noqa: F401 (re-exported: where the exports land)

EXPORT_SUFFIXES = (".csv", ".xlsx", ".parquet")

# Header as exported -> column of table complaint.
COLUMNS = {
    "举报编号": "complaint_id",
    "举报时间": "reported_at",
    "举报渠道": "channel",
    "省份": "province",
    "地市": "city",
    "区县": "county",
    "被举报对象": "target",
    "对象地址": "target_address",
    "污染类型": "pollution_types",
    "行业类型": "industry",
    "受理状态": "accepted",
    "受理时间": "accepted_at",
    "办结时间": "completed_at",
    "办理结果": "outcome",
    "录入时间": "entered_at",
}
HEADER_OF = {column: header for header, column in COLUMNS.items()}
REQUIRED_HEADERS = ("举报编号", "举报时间", "举报渠道", "省份", "地市", "受理状态")
TIMESTAMP_COLUMNS = ("reported_at", "accepted_at", "completed_at", "entered_at")
TEXT_COLUMNS = ("complaint_id", "county", "target", "target_address", "industry")

CHANNELS = {"电话": "phone", "热线": "phone", "微信": "wechat", "网上": "web", "网络": "web", "其他": "other"}
STATUSES = {"已受理": True, "不予受理": False}
OUTCOMES = {"属实": "substantiated", "部分属实": "partly_substantiated", "不属实": "unsubstantiated", "办理中": "in_progress"}
# In the order table complaint lists them.
POLLUTION_TYPES = {
    "大气": "air",
    "噪声": "noise",
    "水": "water",
    "固废": "solid_waste",
    "辐射": "radiation",
    "生态": "ecology",
    "其他": "other",
}
POLLUTION_ORDER = tuple(POLLUTION_TYPES.values())
# A type may be written with its suffix (大气污染, 生态破坏); the names are separated by any of these.
POLLUTION_SUFFIX = re.compile(r"(污染|破坏)$")
POLLUTION_SEPARATORS = re.compile(r"[、,，;；]")

# A value that means "not recorded", in any column.
MISSING_MARKERS = frozenset({"", "无", "—", "-", "/", "不详", "未知"})

# Headers that carry a reporter's personal data: dropped on reading, never stored; a WARN names the file.
PERSONAL_DATA_HEADER = re.compile(
    r"举报人|联系人|姓名|联系电话|电话号码|手机|联系方式|身份证|证件号|邮箱|电子邮件|e-?mail|住址|联系地址", re.IGNORECASE
)

# Timestamps written as text: date and time, with - or /, seconds optional.
TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S")
TIMESTAMP_TEXT = re.compile(r"^\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\d{2}(:\d{2})?$")
