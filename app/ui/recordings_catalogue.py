"""Chinese for call recordings on the Calls page: play back, fetching, failures."""

ZH_CN: dict[str, str] = {
    "recorded": "已录音",
    "Play recording": "播放录音",
    "Fetching the recording…": "正在获取录音…",
    "The recording cannot be played: %1": "无法播放录音：%1",
}

ZH_TW: dict[str, str] = {
    "recorded": "已錄音",
    "Play recording": "播放錄音",
    "Fetching the recording…": "正在取得錄音…",
    "The recording cannot be played: %1": "無法播放錄音：%1",
}
