"""Chinese for the e-mail reader (HTML view, remote images, attachments) and older-message paging."""

ZH_CN: dict[str, str] = {
    "Remote images are blocked to protect your privacy.": "为保护您的隐私，已阻止加载远程图片。",
    "Show images": "显示图片", "Loading images…": "正在加载图片…",
    "%n picture(s) could not be loaded.": "有 %n 张图片无法加载。",
    "The e-mail could not be loaded: %1": "无法加载该邮件：%1",
    "Open with the default app": "用默认应用打开", "Save as…": "另存为…", "Save attachment": "保存附件",
    "Downloading “%1” (%2)…": "正在下载“%1”（%2）…", "Downloading… %1 of %2": "正在下载… %1 / %2",
    "No application could open “%1”. Use Save as… to keep it somewhere else.":
        "没有可以打开“%1”的应用程序。请使用“另存为…”将其保存到其他位置。",
    "Opened “%1” (%2).": "已打开“%1”（%2）。", "Saved “%1” to %2.": "已将“%1”保存到 %2。",
    "“%1” could not be downloaded: %2": "无法下载“%1”：%2",
    "Loading older messages…": "正在加载更早的消息…", "Attachment": "附件",
}

ZH_TW: dict[str, str] = {
    "Remote images are blocked to protect your privacy.": "為保護您的隱私，已封鎖遠端圖片。",
    "Show images": "顯示圖片", "Loading images…": "正在載入圖片…",
    "%n picture(s) could not be loaded.": "有 %n 張圖片無法載入。",
    "The e-mail could not be loaded: %1": "無法載入此郵件：%1",
    "Open with the default app": "以預設應用程式開啟", "Save as…": "另存新檔…", "Save attachment": "儲存附件",
    "Downloading “%1” (%2)…": "正在下載「%1」（%2）…", "Downloading… %1 of %2": "正在下載… %1 / %2",
    "No application could open “%1”. Use Save as… to keep it somewhere else.":
        "沒有可以開啟「%1」的應用程式。請使用「另存新檔…」將其儲存到其他位置。",
    "Opened “%1” (%2).": "已開啟「%1」（%2）。", "Saved “%1” to %2.": "已將「%1」儲存到 %2。",
    "“%1” could not be downloaded: %2": "無法下載「%1」：%2",
    "Loading older messages…": "正在載入較早的訊息…", "Attachment": "附件",
}
