"""Chinese for the softphone's audio-device notices: a device pulled out, a missing ringer or device."""

ZH_CN: dict[str, str] = {
    "The ringer “%1” is not connected: calls ring on the speaker.":
        "铃声设备“%1”未连接：来电将在扬声器上响铃。",
    "The microphone “%1” is not connected: the default one is used.": "麦克风“%1”未连接：改用默认麦克风。",
    "The speaker “%1” is not connected: the default one is used.": "扬声器“%1”未连接：改用默认扬声器。",
    "“%1” was disconnected: the call continues on “%2”.": "“%1”已断开：通话改在“%2”上继续。",
}

ZH_TW: dict[str, str] = {
    "The ringer “%1” is not connected: calls ring on the speaker.":
        "鈴聲裝置「%1」未連接：來電將在喇叭上響鈴。",
    "The microphone “%1” is not connected: the default one is used.": "麥克風「%1」未連接：改用預設麥克風。",
    "The speaker “%1” is not connected: the default one is used.": "喇叭「%1」未連接：改用預設喇叭。",
    "“%1” was disconnected: the call continues on “%2”.": "「%1」已中斷連線：通話改在「%2」上繼續。",
}
