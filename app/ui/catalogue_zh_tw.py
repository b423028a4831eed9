"""Traditional Chinese (zh_TW) for every UI source string; translations_fill writes it into the .ts file."""

ZH_TW: dict[str, str] = {
    "Phone": "電話", "E-mail": "電子郵件", "Web visitor": "網站訪客", "WeChat": "微信",
    "WhatsApp": "WhatsApp", "Messenger": "Messenger", "Telegram": "Telegram", "SMS": "簡訊",
    "Call": "通話", "Chat": "線上聊天", "Social message": "社群訊息", "Note": "備註", "Ticket": "工單",
    "Merged": "已合併", "Merge undone": "已復原合併", "Identity added": "已新增身分",
    "Profile changed": "資料已更新", "Internal": "內部", "Voice": "語音",
    "Connected": "已連線", "Connecting…": "正在連線…", "Reconnecting…": "正在重新連線…", "Offline": "離線",
    "This customer was merged; showing the combined record.": "此客戶已被合併，現在顯示合併後的紀錄。",
    "Not available offline": "離線時無法檢視",
    "Loading…": "載入中…",
    "Customer #%1": "客戶編號 %1",
    "Timeline — every channel, newest first": "時間軸 — 所有管道，最新的在前",
    "Search for a customer and open them to see their whole history across every channel.":
        "搜尋並開啟客戶，即可查看其在所有管道的完整歷史紀錄。",
    "Searching…": "搜尋中…",
    "Type a name, phone number or e-mail address. Ctrl+F jumps here.":
        "輸入姓名、電話號碼或電子郵件地址。按 Ctrl+F 可隨時跳到這裡。",
    "No customer matches.": "找不到符合的客戶。",
    "%n customer(s) found": "找到 %n 位客戶",
    "Search customers": "搜尋客戶",
    "This computer has no password store (keyring), so Huitong cannot remember your sign-in safely. "
    "You can continue without being remembered and sign in again next time.":
        "這台電腦沒有可用的密碼儲存區（金鑰圈），匯通無法安全地記住您的登入。"
        "您可以選擇不記住登入繼續使用，下次需要重新登入。",
    "The server cannot be reached. Check the server address and your network.":
        "無法連線到伺服器。請檢查伺服器位址和網路連線。",
    "Too many login attempts. Please wait a minute and try again.": "登入嘗試次數過多。請等一分鐘後再試。",
    "Wrong username or password.": "使用者名稱或密碼錯誤。",
    "This account is not allowed to sign in.": "此帳號不允許登入。",
    "The server refused the request: %1": "伺服器拒絕了請求：%1",
    "Something went wrong: %1": "發生問題：%1",
    "Offline: showing what this computer remembers.": "目前離線：顯示本機儲存的內容。",
    "Your session has ended. Please sign in again.": "您的工作階段已結束，請重新登入。",
    "Sign in to Huitong": "登入匯通", "Sign in": "登入",
    "Use the account your team lead gave you.": "請使用組長為您開通的帳號。",
    "&Server": "伺服器(&S)", "&Username": "使用者名稱(&U)", "&Password": "密碼(&P)", "&Language": "語言(&L)",
    "Remember me on this computer": "在這台電腦上記住我",
    "Quit": "結束", "Continue without remembering": "不記住登入，繼續",
    "for example https://huitong.example.com": "例如 https://huitong.example.com",
    "Signing in…": "正在登入…",
    "Enter your username and password.": "請輸入使用者名稱和密碼。",
    "Customers": "客戶", "Inbox": "收件匣", "Calls": "通話", "Supervisor": "主管",
    "Chat, e-mail, SMS and social conversations will arrive here. "
    "The unified inbox comes in a later release.":
        "線上聊天、電子郵件、簡訊和社群對話將匯集在這裡。統一收件匣將在後續版本中推出。",
    "The softphone and call history come in a later release.": "軟體電話和通話紀錄將在後續版本中推出。",
    "The live wall of agents and queues comes in a later release.":
        "客服人員與佇列的即時監控牆將在後續版本中推出。",
    "Huitong — agent desk": "匯通 — 客服工作台",
    "&Session": "工作階段(&S)", "Find customer": "尋找客戶", "Sign out": "登出",
    "Signed in as %1": "已登入：%1", "Not signed in": "未登入",
    "%n item(s) waiting to send": "%n 項等待傳送",
    "Write an internal note for your colleagues…": "給同事寫一則內部備註…",
    "Add note": "新增備註", "Ctrl+Enter": "Ctrl+Enter", "Sending…": "傳送中…",
}
