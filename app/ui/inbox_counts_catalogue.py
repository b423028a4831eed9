"""Chinese for the inbox counts in the filter bar (`inbox_filters.py`: server figures, choice counts)."""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    "%1 (%2)": "%1（%2）",
    "%n conversation(s), %1 with unread messages": "%n 个会话，其中 %1 个有未读消息",
    "Counted at %1; the server cannot be reached now.": "统计于 %1；目前无法连接服务器。",
}

ZH_TW: dict[str, str] = {
    "%1 (%2)": "%1（%2）",
    "%n conversation(s), %1 with unread messages": "%n 個對話，其中 %1 個有未讀訊息",
    "Counted at %1; the server cannot be reached now.": "統計於 %1；目前無法連線伺服器。",
}
