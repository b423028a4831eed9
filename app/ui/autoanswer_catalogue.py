"""Chinese for the softphone's auto-answer: the panel's "Auto-answer" menu and its notices."""

ZH_CN: dict[str, str] = {
    "Answering automatically in %1 s…": "%1 秒后自动接听…",
    "Call answered automatically.": "已自动接听来电。",
    "Auto-answer: %1 s": "自动接听：%1 秒",
    "Auto-answer: off": "自动接听：关",
    "Answer incoming calls automatically": "自动接听来电",
    "&Delay:": "延迟(&D)：",
    " s": " 秒",
    "Answer a call that rings while you are on no other call, after a delay":
        "没有其他通话时，来电在延迟后自动接听",
}

ZH_TW: dict[str, str] = {
    "Answering automatically in %1 s…": "%1 秒後自動接聽…",
    "Call answered automatically.": "已自動接聽來電。",
    "Auto-answer: %1 s": "自動接聽：%1 秒",
    "Auto-answer: off": "自動接聽：關",
    "Answer incoming calls automatically": "自動接聽來電",
    "&Delay:": "延遲(&D)：",
    " s": " 秒",
    "Answer a call that rings while you are on no other call, after a delay":
        "沒有其他通話時，來電在延遲後自動接聽",
}
