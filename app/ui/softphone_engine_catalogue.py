"""Chinese for the softphone engine's notices in the desk (no sound card, the far end holding the call)."""

ZH_CN: dict[str, str] = {
    "No microphone was found: calls connect, but without sound.": "未找到麦克风：通话可以接通，但没有声音。",
    "No speaker was found: calls connect, but without sound.": "未找到扬声器：通话可以接通，但没有声音。",
    "No microphone or speaker was found: calls connect, but without sound.":
        "未找到麦克风或扬声器：通话可以接通，但没有声音。",
    "%1 put the call on hold.": "%1 将通话设为保持。",
    "%1 took the call off hold.": "%1 已恢复通话。",
}

ZH_TW: dict[str, str] = {
    "No microphone was found: calls connect, but without sound.": "找不到麥克風：通話可以接通，但沒有聲音。",
    "No speaker was found: calls connect, but without sound.": "找不到喇叭：通話可以接通，但沒有聲音。",
    "No microphone or speaker was found: calls connect, but without sound.":
        "找不到麥克風或喇叭：通話可以接通，但沒有聲音。",
    "%1 put the call on hold.": "%1 將通話設為保留。",
    "%1 took the call off hold.": "%1 已恢復通話。",
}
