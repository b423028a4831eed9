"""Simplified Chinese (zh_CN) for every UI source string; translations_fill writes it into the .ts file."""

ZH_CN: dict[str, str] = {
    "Phone": "电话", "E-mail": "电子邮件", "Web visitor": "网站访客", "WeChat": "微信",
    "WhatsApp": "WhatsApp", "Messenger": "Messenger", "Telegram": "Telegram", "SMS": "短信",
    "Call": "通话", "Chat": "在线聊天", "Social message": "社交消息", "Note": "备注", "Ticket": "工单",
    "Merged": "已合并", "Merge undone": "已撤销合并", "Identity added": "已添加身份",
    "Profile changed": "资料已更新", "Internal": "内部", "Voice": "语音",
    "Connected": "已连接", "Connecting…": "正在连接…", "Reconnecting…": "正在重新连接…", "Offline": "离线",
    "This customer was merged; showing the combined record.": "该客户已被合并，现显示合并后的记录。",
    "Not available offline": "离线时无法查看",
    "Loading…": "正在加载…",
    "Customer #%1": "客户编号 %1",
    "Timeline — every channel, newest first": "时间线 — 全部渠道，最新的在前",
    "Search for a customer and open them to see their whole history across every channel.":
        "搜索并打开客户，即可查看其在所有渠道的完整历史记录。",
    "Searching…": "正在搜索…",
    "Type a name, phone number or e-mail address. Ctrl+F jumps here.":
        "输入姓名、电话号码或电子邮件地址。按 Ctrl+F 可随时跳到这里。",
    "No customer matches.": "没有找到匹配的客户。",
    "%n customer(s) found": "找到 %n 位客户",
    "Search customers": "搜索客户",
    "This computer has no password store (keyring), so Huitong cannot remember your sign-in safely. "
    "You can continue without being remembered and sign in again next time.":
        "这台电脑没有可用的密码存储（密钥环），汇通无法安全地记住您的登录。"
        "您可以选择不记住登录继续使用，下次需要重新登录。",
    "The server cannot be reached. Check the server address and your network.":
        "无法连接服务器。请检查服务器地址和网络连接。",
    "Too many login attempts. Please wait a minute and try again.": "登录尝试次数过多。请等一分钟后再试。",
    "Wrong username or password.": "用户名或密码错误。",
    "This account is not allowed to sign in.": "该账号不允许登录。",
    "The server refused the request: %1": "服务器拒绝了请求：%1",
    "Something went wrong: %1": "出现问题：%1",
    "Offline: showing what this computer remembers.": "当前离线：显示本机保存的内容。",
    "Your session has ended. Please sign in again.": "您的会话已结束，请重新登录。",
    "Sign in to Huitong": "登录汇通", "Sign in": "登录",
    "Use the account your team lead gave you.": "请使用组长为您开通的账号。",
    "&Server": "服务器(&S)", "&Username": "用户名(&U)", "&Password": "密码(&P)", "&Language": "语言(&L)",
    "Remember me on this computer": "在这台电脑上记住我",
    "Quit": "退出", "Continue without remembering": "不记住登录，继续",
    "for example https://huitong.example.com": "例如 https://huitong.example.com",
    "Signing in…": "正在登录…",
    "Enter your username and password.": "请输入用户名和密码。",
    "Customers": "客户", "Inbox": "收件箱", "Calls": "通话", "Supervisor": "主管",
    "Chat, e-mail, SMS and social conversations will arrive here. "
    "The unified inbox comes in a later release.":
        "在线聊天、电子邮件、短信和社交会话将汇集在这里。统一收件箱将在后续版本中推出。",
    "The softphone and call history come in a later release.": "软电话和通话记录将在后续版本中推出。",
    "The live wall of agents and queues comes in a later release.":
        "坐席与队列的实时监控墙将在后续版本中推出。",
    "Huitong — agent desk": "汇通 — 坐席工作台",
    "&Session": "会话(&S)", "Find customer": "查找客户", "Sign out": "退出登录",
    "Signed in as %1": "已登录：%1", "Not signed in": "未登录",
    "%n item(s) waiting to send": "%n 项等待发送",
    "Write an internal note for your colleagues…": "给同事写一条内部备注…",
    "Add note": "添加备注", "Ctrl+Enter": "Ctrl+Enter", "Sending…": "发送中…",
}
