"""Chinese for the desk controller's own messages (sign-in flow)."""

ZH_CN: dict[str, str] = {
    "Your saved sign-in has ended. Please sign in again.": "保存的登录已失效，请重新登录。",
}
ZH_TW: dict[str, str] = {
    "Your saved sign-in has ended. Please sign in again.": "儲存的登入已失效，請重新登入。",
}
