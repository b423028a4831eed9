"""Chinese for the unified inbox (conversation list, conversation view, composer, canned replies)."""
# ruff: noqa: E501 — Chinese characters count double in ruff's width; one entry per line would triple the file

ZH_CN: dict[str, str] = {
    "Waiting": "等待中", "Offered": "已分配待接", "Active": "处理中", "Wrap-up": "话后处理", "Closed": "已关闭",
    "Abandoned": "已放弃", "Waiting to send": "等待发送", "Sending…": "正在发送…", "Sent": "已发送",
    "Delivered": "已送达", "Read": "已读", "Failed — click to retry": "发送失败 — 点击重试",
    "All conversations": "全部会话", "Mine": "我的", "Unassigned": "未分配", "All channels": "全部渠道",
    "Chat": "在线聊天", "E-mail": "电子邮件", "SMS": "短信", "Social": "社交", "Voice": "语音",
    "Open": "未关闭", "Any status": "任意状态",
    "From": "发件人", "To": "收件人", "Cc": "抄送", "Date": "日期", "Subject": "主题", "Customer": "客户",
    "(unnamed)": "（未命名）",
    "▾ Hide quoted text": "▾ 隐藏引用内容", "▸ Show quoted text (%n line(s))": "▸ 显示引用内容（%n 行）",
    "Greeting": "问候", "Hello, thank you for contacting us. How can I help you today?":
        "您好，感谢您联系我们。请问有什么可以帮您？",
    "One moment": "请稍候", "One moment please, I am checking that for you.": "请稍等，我正在为您查询。",
    "Order number": "订单号", "Could you tell me your order number, please?": "请告诉我您的订单号，好吗？",
    "Thanks": "致谢", "Thank you for your patience.": "感谢您的耐心等待。",
    "Closing": "结束语", "Is there anything else I can help you with? Have a nice day!":
        "请问还有其他可以帮您的吗？祝您生活愉快！",
    "Type to filter canned replies; Enter inserts": "输入以筛选常用回复；按 Enter 插入",
    "Subject: %1": "主题：%1", "(no subject)": "（无主题）",
    "Write a reply… Enter sends, Shift+Enter for a new line, / for canned replies":
        "输入回复… Enter 发送，Shift+Enter 换行，/ 打开常用回复",
    "Write your e-mail reply… Ctrl+Enter sends, Ctrl+K for canned replies":
        "撰写邮件回复… Ctrl+Enter 发送，Ctrl+K 打开常用回复",
    "Canned replies": "常用回复", "Ctrl+K or / at the start": "Ctrl+K，或在开头输入 /",
    "Internal note": "内部备注", "Send": "发送", "Bold": "粗体", "Italic": "斜体", "Bulleted list": "项目符号列表",
    "Choose a conversation on the left. New chats, e-mails and messages arrive there live.":
        "请在左侧选择一个会话。新的聊天、邮件和消息会实时出现在那里。",
    "Customer #%1": "客户编号 %1", "Reopen": "重新打开", "Close": "关闭", "The customer": "客户",
    "%1 is typing…": "%1 正在输入…", "%n unread": "%n 条未读", "All read": "全部已读", "Inbox": "收件箱",
    "New conversation": "新会话", "New message": "新消息", "A message could not be sent: %1": "消息未能发送：%1",
}

ZH_TW: dict[str, str] = {
    "Waiting": "等候中", "Offered": "已分派待接", "Active": "處理中", "Wrap-up": "話後處理", "Closed": "已關閉",
    "Abandoned": "已放棄", "Waiting to send": "等待傳送", "Sending…": "正在傳送…", "Sent": "已傳送",
    "Delivered": "已送達", "Read": "已讀", "Failed — click to retry": "傳送失敗 — 按一下重試",
    "All conversations": "全部對話", "Mine": "我的", "Unassigned": "未分派", "All channels": "全部管道",
    "Chat": "線上聊天", "E-mail": "電子郵件", "SMS": "簡訊", "Social": "社群", "Voice": "語音",
    "Open": "未關閉", "Any status": "任何狀態",
    "From": "寄件者", "To": "收件者", "Cc": "副本", "Date": "日期", "Subject": "主旨", "Customer": "客戶",
    "(unnamed)": "（未命名）",
    "▾ Hide quoted text": "▾ 隱藏引用內容", "▸ Show quoted text (%n line(s))": "▸ 顯示引用內容（%n 行）",
    "Greeting": "問候", "Hello, thank you for contacting us. How can I help you today?":
        "您好，感謝您與我們聯絡。請問有什麼可以為您服務？",
    "One moment": "請稍候", "One moment please, I am checking that for you.": "請稍等，我正在為您查詢。",
    "Order number": "訂單編號", "Could you tell me your order number, please?": "請告訴我您的訂單編號，好嗎？",
    "Thanks": "致謝", "Thank you for your patience.": "感謝您耐心等候。",
    "Closing": "結語", "Is there anything else I can help you with? Have a nice day!":
        "請問還有其他需要協助的地方嗎？祝您有美好的一天！",
    "Type to filter canned replies; Enter inserts": "輸入以篩選常用回覆；按 Enter 插入",
    "Subject: %1": "主旨：%1", "(no subject)": "（無主旨）",
    "Write a reply… Enter sends, Shift+Enter for a new line, / for canned replies":
        "輸入回覆… Enter 傳送，Shift+Enter 換行，/ 開啟常用回覆",
    "Write your e-mail reply… Ctrl+Enter sends, Ctrl+K for canned replies":
        "撰寫郵件回覆… Ctrl+Enter 傳送，Ctrl+K 開啟常用回覆",
    "Canned replies": "常用回覆", "Ctrl+K or / at the start": "Ctrl+K，或在開頭輸入 /",
    "Internal note": "內部備註", "Send": "傳送", "Bold": "粗體", "Italic": "斜體", "Bulleted list": "項目符號清單",
    "Choose a conversation on the left. New chats, e-mails and messages arrive there live.":
        "請在左側選擇一個對話。新的聊天、郵件與訊息會即時出現在那裡。",
    "Customer #%1": "客戶編號 %1", "Reopen": "重新開啟", "Close": "關閉", "The customer": "客戶",
    "%1 is typing…": "%1 正在輸入…", "%n unread": "%n 則未讀", "All read": "全部已讀", "Inbox": "收件匣",
    "New conversation": "新對話", "New message": "新訊息", "A message could not be sent: %1": "訊息未能傳送：%1",
}
