"""Chinese for the softphone's audio devices: the notices (a device pulled out, a missing ringer or
device) and the "Audio devices" menu."""

ZH_CN: dict[str, str] = {
    "The ringer “%1” is not connected: calls ring on the speaker.":
        "铃声设备“%1”未连接：来电将在扬声器上响铃。",
    "The microphone “%1” is not connected: the default one is used.": "麦克风“%1”未连接：改用默认麦克风。",
    "The speaker “%1” is not connected: the default one is used.": "扬声器“%1”未连接：改用默认扬声器。",
    "“%1” was disconnected: the call continues on “%2”.": "“%1”已断开：通话改在“%2”上继续。",
    "Audio devices…": "音频设备…",
    "Choose the microphone, speaker and ringer": "选择麦克风、扬声器和铃声设备",
    "Audio devices": "音频设备",
    "&Microphone:": "麦克风(&M)：",
    "&Speaker:": "扬声器(&S)：",
    "&Ringer:": "铃声设备(&R)：",
    "System default": "系统默认",
    "Same as the speaker": "与扬声器相同",
    "%1 (not connected)": "%1（未连接）",
    "Your choice is remembered by name. A device that is not connected is used again as soon as it is "
    "plugged in.": "您的选择按名称记住。未连接的设备一插上就会重新使用。",
    "A microphone and a speaker were found: calls have sound again.": "已找到麦克风和扬声器：通话恢复声音。",
    "During a call the list is not rescanned (the sound would pause): a headset plugged in now is used "
    "when you pick it here, or after the call.":
        "通话期间不会重新扫描列表（否则声音会中断）：现在插入的耳机在此处选择后即可使用，或在通话结束后自动使用。",
}

ZH_TW: dict[str, str] = {
    "The ringer “%1” is not connected: calls ring on the speaker.":
        "鈴聲裝置「%1」未連接：來電將在喇叭上響鈴。",
    "The microphone “%1” is not connected: the default one is used.": "麥克風「%1」未連接：改用預設麥克風。",
    "The speaker “%1” is not connected: the default one is used.": "喇叭「%1」未連接：改用預設喇叭。",
    "“%1” was disconnected: the call continues on “%2”.": "「%1」已中斷連線：通話改在「%2」上繼續。",
    "Audio devices…": "音訊裝置…",
    "Choose the microphone, speaker and ringer": "選擇麥克風、喇叭和鈴聲裝置",
    "Audio devices": "音訊裝置",
    "&Microphone:": "麥克風(&M)：",
    "&Speaker:": "喇叭(&S)：",
    "&Ringer:": "鈴聲裝置(&R)：",
    "System default": "系統預設",
    "Same as the speaker": "與喇叭相同",
    "%1 (not connected)": "%1（未連接）",
    "Your choice is remembered by name. A device that is not connected is used again as soon as it is "
    "plugged in.": "您的選擇依名稱記住。未連接的裝置一插上就會再次使用。",
    "A microphone and a speaker were found: calls have sound again.": "已找到麥克風和喇叭：通話恢復聲音。",
    "During a call the list is not rescanned (the sound would pause): a headset plugged in now is used "
    "when you pick it here, or after the call.":
        "通話期間不會重新掃描清單（否則聲音會中斷）：現在插入的耳機在此處選擇後即可使用，或在通話結束後自動使用。",
}
