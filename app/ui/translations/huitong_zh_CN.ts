<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name />
    <message>
      <location filename="../softphone_commands.py" line="52" />
      <source>The phone is not ready yet: %1</source>
      <translation>电话尚未就绪：%1</translation>
    </message>
    <message>
      <location filename="../softphone_commands.py" line="55" />
      <source>All %1 lines are busy.</source>
      <translation>全部 %1 条线路都在使用中。</translation>
    </message>
    <message>
      <location filename="../softphone_commands.py" line="68" />
      <source>Could not call %1: %2</source>
      <translation>无法呼叫 %1：%2</translation>
    </message>
    <message>
      <location filename="../softphone_commands.py" line="124" />
      <source>Transferring to %1…</source>
      <translation>正在转接到 %1…</translation>
    </message>
  </context>
  <context>
    <name>AudioDevicesDialog</name>
    <message>
      <location filename="../softphone_devices_dialog.py" line="53" />
      <source>System default</source>
      <translation>系统默认</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="54" />
      <source>Same as the speaker</source>
      <translation>与扬声器相同</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="60" />
      <source>%1 (not connected)</source>
      <translation>%1（未连接）</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="67" />
      <source>Audio devices</source>
      <translation>音频设备</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="68" />
      <source>&amp;Microphone:</source>
      <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="69" />
      <source>&amp;Speaker:</source>
      <translation>扬声器(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="70" />
      <source>&amp;Ringer:</source>
      <translation>铃声设备(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="75" />
      <source>Your choice is remembered by name. A device that is not connected is used again as soon as it is plugged in.</source>
      <translation>您的选择按名称记住。未连接的设备一插上就会重新使用。</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="78" />
      <source>During a call the list is not rescanned (the sound would pause): a headset plugged in now is used when you pick it here, or after the call.</source>
      <translation>通话期间不会重新扫描列表（否则声音会中断）：现在插入的耳机在此处选择后即可使用，或在通话结束后自动使用。</translation>
    </message>
  </context>
  <context>
    <name>AutoAnswer</name>
    <message>
      <location filename="../softphone_autoanswer.py" line="88" />
      <source>Answering automatically in %1 s…</source>
      <translation>%1 秒后自动接听…</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="113" />
      <source>Call answered automatically.</source>
      <translation>已自动接听来电。</translation>
    </message>
  </context>
  <context>
    <name>AutoAnswerButton</name>
    <message>
      <location filename="../softphone_autoanswer.py" line="162" />
      <source>Auto-answer: %1 s</source>
      <translation>自动接听：%1 秒</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="163" />
      <source>Auto-answer: off</source>
      <translation>自动接听：关</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="167" />
      <source>Answer incoming calls automatically</source>
      <translation>自动接听来电</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="168" />
      <source>&amp;Delay:</source>
      <translation>延迟(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="169" />
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="170" />
      <source>Answer a call that rings while you are on no other call, after a delay</source>
      <translation>没有其他通话时，来电在延迟后自动接听</translation>
    </message>
  </context>
  <context>
    <name>CallHistoryPage</name>
    <message>
      <location filename="../call_history.py" line="94" />
      <source>Double-click to call back</source>
      <translation>双击回拨</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="109" />
      <source>recorded</source>
      <translation>已录音</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="111" />
      <source>waiting to send</source>
      <translation>等待发送</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="129" />
      <source>Fetching the recording…</source>
      <translation>正在获取录音…</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="142" />
      <source>The recording cannot be played: %1</source>
      <translation>无法播放录音：%1</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="145" />
      <source>Your recent calls, newest first. Double-click one to call back.</source>
      <translation>您最近的通话，最新的在前。双击可回拨。</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="146" />
      <source>No calls yet. Calls you make or take appear here.</source>
      <translation>还没有通话。您拨打或接听的电话会显示在这里。</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="149" />
      <source>Calls</source>
      <translation>通话</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="150" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="151" />
      <source>Play recording</source>
      <translation>播放录音</translation>
    </message>
  </context>
  <context>
    <name>CallLabels</name>
    <message>
      <location filename="../call_labels.py" line="17" />
      <source>On hold</source>
      <translation>保持中</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="19" />
      <source>Calling…</source>
      <translation>正在呼叫…</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="20" />
      <location filename="../call_labels.py" line="21" />
      <source>Ringing</source>
      <translation>振铃中</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="22" />
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="23" />
      <source>Talking</source>
      <translation>通话中</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="24" />
      <source>Ended</source>
      <translation>已结束</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="31" />
      <source>Answered</source>
      <translation>已接听</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="32" />
      <source>Missed</source>
      <translation>未接</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="33" />
      <source>Rejected</source>
      <translation>已拒接</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="34" />
      <source>Failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="35" />
      <source>Transferred</source>
      <translation>已转接</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="42" />
      <source>Incoming call</source>
      <translation>来电</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="44" />
      <source>Outgoing call</source>
      <translation>去电</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="69" />
      <source>recorded</source>
      <translation>已录音</translation>
    </message>
  </context>
  <context>
    <name>CallToast</name>
    <message>
      <location filename="../call_toast.py" line="62" />
      <source>Looking up the customer…</source>
      <translation>正在查找客户…</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="66" />
      <source>New caller — no customer has this number</source>
      <translation>新来电者 — 没有客户使用此号码</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="86" />
      <source>Incoming call</source>
      <translation>来电</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="87" />
      <source>Answer</source>
      <translation>接听</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="88" />
      <source>Reject</source>
      <translation>拒接</translation>
    </message>
  </context>
  <context>
    <name>CannedPicker</name>
    <message>
      <location filename="../canned_picker.py" line="35" />
      <source>Type to filter canned replies; Enter inserts</source>
      <translation>输入以筛选常用回复；按 Enter 插入</translation>
    </message>
  </context>
  <context>
    <name>CannedReplies</name>
    <message>
      <location filename="../canned_defaults.py" line="16" />
      <source>Greeting</source>
      <translation>问候</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="17" />
      <source>Hello, thank you for contacting us. How can I help you today?</source>
      <translation>您好，感谢您联系我们。请问有什么可以帮您？</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="21" />
      <source>One moment</source>
      <translation>请稍候</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="22" />
      <source>One moment please, I am checking that for you.</source>
      <translation>请稍等，我正在为您查询。</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="26" />
      <source>Order number</source>
      <translation>订单号</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="27" />
      <source>Could you tell me your order number, please?</source>
      <translation>请告诉我您的订单号，好吗？</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="31" />
      <source>Thanks</source>
      <translation>致谢</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="32" />
      <source>Thank you for your patience.</source>
      <translation>感谢您的耐心等待。</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="36" />
      <source>Closing</source>
      <translation>结束语</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="37" />
      <source>Is there anything else I can help you with? Have a nice day!</source>
      <translation>请问还有其他可以帮您的吗？祝您生活愉快！</translation>
    </message>
  </context>
  <context>
    <name>ChannelLabels</name>
    <message>
      <location filename="../channel_labels.py" line="10" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="11" />
      <location filename="../channel_labels.py" line="26" />
      <source>E-mail</source>
      <translation>电子邮件</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="12" />
      <source>Web visitor</source>
      <translation>网站访客</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="13" />
      <source>WeChat</source>
      <translation>微信</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="14" />
      <source>WhatsApp</source>
      <translation>WhatsApp</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="15" />
      <source>Messenger</source>
      <translation>Messenger</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="16" />
      <source>Telegram</source>
      <translation>Telegram</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="17" />
      <location filename="../channel_labels.py" line="27" />
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="24" />
      <source>Call</source>
      <translation>通话</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="25" />
      <source>Chat</source>
      <translation>在线聊天</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="28" />
      <source>Social message</source>
      <translation>社交消息</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="29" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="30" />
      <source>Ticket</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="31" />
      <source>Merged</source>
      <translation>已合并</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="32" />
      <source>Merge undone</source>
      <translation>已撤销合并</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="33" />
      <source>Identity added</source>
      <translation>已添加身份</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="34" />
      <source>Profile changed</source>
      <translation>资料已更新</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="42" />
      <source>Internal</source>
      <translation>内部</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="43" />
      <source>Voice</source>
      <translation>语音</translation>
    </message>
  </context>
  <context>
    <name>Composer</name>
    <message>
      <location filename="../composer.py" line="145" />
      <source>Subject: %1</source>
      <translation>主题：%1</translation>
    </message>
    <message>
      <location filename="../composer.py" line="145" />
      <source>(no subject)</source>
      <translation>（无主题）</translation>
    </message>
    <message>
      <location filename="../composer.py" line="146" />
      <source>Write a reply… Enter sends, Shift+Enter for a new line, / for canned replies</source>
      <translation>输入回复… Enter 发送，Shift+Enter 换行，/ 打开常用回复</translation>
    </message>
    <message>
      <location filename="../composer.py" line="148" />
      <source>Write your e-mail reply… Ctrl+Enter sends, Ctrl+K for canned replies</source>
      <translation>撰写邮件回复… Ctrl+Enter 发送，Ctrl+K 打开常用回复</translation>
    </message>
    <message>
      <location filename="../composer.py" line="150" />
      <source>Canned replies</source>
      <translation>常用回复</translation>
    </message>
    <message>
      <location filename="../composer.py" line="151" />
      <source>Ctrl+K or / at the start</source>
      <translation>Ctrl+K，或在开头输入 /</translation>
    </message>
    <message>
      <location filename="../composer.py" line="152" />
      <source>Internal note</source>
      <translation>内部备注</translation>
    </message>
    <message>
      <location filename="../composer.py" line="153" />
      <source>Send</source>
      <translation>发送</translation>
    </message>
    <message>
      <location filename="../composer.py" line="154" />
      <source>Bold</source>
      <translation>粗体</translation>
    </message>
    <message>
      <location filename="../composer.py" line="155" />
      <source>Italic</source>
      <translation>斜体</translation>
    </message>
    <message>
      <location filename="../composer.py" line="156" />
      <source>Bulleted list</source>
      <translation>项目符号列表</translation>
    </message>
  </context>
  <context>
    <name>ConnectionIndicator</name>
    <message>
      <location filename="../connection_indicator.py" line="53" />
      <source>Connected</source>
      <translation>已连接</translation>
    </message>
    <message>
      <location filename="../connection_indicator.py" line="54" />
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <location filename="../connection_indicator.py" line="55" />
      <source>Reconnecting…</source>
      <translation>正在重新连接…</translation>
    </message>
    <message>
      <location filename="../connection_indicator.py" line="56" />
      <source>Offline</source>
      <translation>离线</translation>
    </message>
  </context>
  <context>
    <name>ConversationDelegate</name>
    <message>
      <location filename="../conversation_delegate.py" line="34" />
      <source>▾ Hide quoted text</source>
      <translation>▾ 隐藏引用内容</translation>
    </message>
    <message numerus="yes">
      <location filename="../conversation_delegate.py" line="35" />
      <source>▸ Show quoted text (%n line(s))</source>
      <translation>
        <numerusform>▸ 显示引用内容（%n 行）</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ConversationView</name>
    <message>
      <location filename="../conversation_view.py" line="157" />
      <source>Choose a conversation on the left. New chats, e-mails and messages arrive there live.</source>
      <translation>请在左侧选择一个会话。新的聊天、邮件和消息会实时出现在那里。</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="162" />
      <source>Customer #%1</source>
      <translation>客户 #%1</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="168" />
      <source>Reopen</source>
      <translation>重新打开</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="168" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="170" />
      <source>The customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="171" />
      <source>%1 is typing…</source>
      <translation>%1 正在输入…</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="172" />
      <source>Loading older messages…</source>
      <translation>正在加载更早的消息…</translation>
    </message>
  </context>
  <context>
    <name>CustomerPanel</name>
    <message>
      <location filename="../customer_panel.py" line="120" />
      <source>This customer was merged; showing the combined record.</source>
      <translation>该客户已被合并，现显示合并后的记录。</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="129" />
      <source>Not available offline</source>
      <translation>离线时无法查看</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="143" />
      <source>Loading…</source>
      <translation>正在加载…</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="147" />
      <source>Customer #%1</source>
      <translation>客户 #%1</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="187" />
      <source>Timeline — every channel, newest first</source>
      <translation>时间线 — 全部渠道，最新的在前</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="188" />
      <source>Search for a customer and open them to see their whole history across every channel.</source>
      <translation>搜索并打开客户，即可查看其在所有渠道的完整历史记录。</translation>
    </message>
  </context>
  <context>
    <name>CustomerSearch</name>
    <message>
      <location filename="../customer_search.py" line="72" />
      <source>Searching…</source>
      <translation>正在搜索…</translation>
    </message>
    <message>
      <location filename="../customer_search.py" line="97" />
      <source>Type a name, phone number or e-mail address. Ctrl+F jumps here.</source>
      <translation>输入姓名、电话号码或电子邮件地址。按 Ctrl+F 可随时跳到这里。</translation>
    </message>
    <message>
      <location filename="../customer_search.py" line="99" />
      <source>No customer matches.</source>
      <translation>没有找到匹配的客户。</translation>
    </message>
    <message numerus="yes">
      <location filename="../customer_search.py" line="101" />
      <source>%n customer(s) found</source>
      <translation>
        <numerusform>找到 %n 位客户</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../customer_search.py" line="112" />
      <source>Search customers</source>
      <translation>搜索客户</translation>
    </message>
  </context>
  <context>
    <name>DeskController</name>
    <message>
      <location filename="../desk_controller.py" line="103" />
      <source>Your saved sign-in has ended. Please sign in again.</source>
      <translation>保存的登录已失效，请重新登录。</translation>
    </message>
    <message>
      <location filename="../desk_controller.py" line="231" />
      <source>Your session has ended. Please sign in again.</source>
      <translation>您的会话已结束，请重新登录。</translation>
    </message>
  </context>
  <context>
    <name>EmailCard</name>
    <message>
      <location filename="../conversation_email.py" line="32" />
      <source>From</source>
      <translation>发件人</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="33" />
      <source>To</source>
      <translation>收件人</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="34" />
      <source>Cc</source>
      <translation>抄送</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="35" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="36" />
      <source>Subject</source>
      <translation>主题</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="40" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="56" />
      <source>Attachment</source>
      <translation>附件</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="57" />
      <source>(unnamed)</source>
      <translation>（未命名）</translation>
    </message>
  </context>
  <context>
    <name>EmailReader</name>
    <message>
      <location filename="../email_reader.py" line="154" />
      <source>Loading images…</source>
      <translation>正在加载图片…</translation>
    </message>
    <message numerus="yes">
      <location filename="../email_reader.py" line="181" />
      <source>%n picture(s) could not be loaded.</source>
      <translation>
        <numerusform>有 %n 张图片无法加载。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="188" />
      <source>The e-mail could not be loaded: %1</source>
      <translation>无法加载该邮件：%1</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="209" />
      <source>Open with the default app</source>
      <translation>用默认应用打开</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="211" />
      <source>Save as…</source>
      <translation>另存为…</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="253" />
      <source>Save attachment</source>
      <translation>保存附件</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="258" />
      <source>Downloading “%1” (%2)…</source>
      <translation>正在下载“%1”（%2）…</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="275" />
      <source>Downloading… %1 of %2</source>
      <translation>正在下载… %1 / %2</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="280" />
      <source>No application could open “%1”. Use Save as… to keep it somewhere else.</source>
      <translation>没有可以打开“%1”的应用程序。请使用“另存为…”将其保存到其他位置。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="285" />
      <source>Opened “%1” (%2).</source>
      <translation>已打开“%1”（%2）。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="290" />
      <source>Saved “%1” to %2.</source>
      <translation>已将“%1”保存到 %2。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="295" />
      <source>“%1” could not be downloaded: %2</source>
      <translation>无法下载“%1”：%2</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="305" />
      <source>Remote images are blocked to protect your privacy.</source>
      <translation>为保护您的隐私，已阻止加载远程图片。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="306" />
      <source>Show images</source>
      <translation>显示图片</translation>
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <location filename="../error_messages.py" line="13" />
      <source>This computer has no password store (keyring), so Huitong cannot remember your sign-in safely. You can continue without being remembered and sign in again next time.</source>
      <translation>这台电脑没有可用的密码存储（密钥环），汇通无法安全地记住您的登录。您可以选择不记住登录继续使用，下次需要重新登录。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="18" />
      <source>The server cannot be reached. Check the server address and your network.</source>
      <translation>无法连接服务器。请检查服务器地址和网络连接。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="23" />
      <source>Too many login attempts. Please wait a minute and try again.</source>
      <translation>登录尝试次数过多。请等一分钟后再试。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="26" />
      <source>Wrong username or password.</source>
      <translation>用户名或密码错误。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="28" />
      <source>This account is not allowed to sign in.</source>
      <translation>该账号不允许登录。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="29" />
      <source>The server refused the request: %1</source>
      <translation>服务器拒绝了请求：%1</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="33" />
      <source>Something went wrong: %1</source>
      <translation>出现问题：%1</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="39" />
      <source>Offline: showing what this computer remembers.</source>
      <translation>当前离线：显示本机保存的内容。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="41" />
      <source>Your session has ended. Please sign in again.</source>
      <translation>您的会话已结束，请重新登录。</translation>
    </message>
  </context>
  <context>
    <name>InboxFilters</name>
    <message numerus="yes">
      <location filename="../inbox_filters.py" line="93" />
      <source>%n conversation(s), %1 with unread messages</source>
      <translation>
        <numerusform>%n 个会话，其中 %1 个有未读消息</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../inbox_filters.py" line="97" />
      <source>Counted at %1; the server cannot be reached now.</source>
      <translation>统计于 %1；目前无法连接服务器。</translation>
    </message>
    <message numerus="yes">
      <location filename="../inbox_filters.py" line="99" />
      <source>%n unread</source>
      <translation>
        <numerusform>%n 条未读</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../inbox_filters.py" line="99" />
      <source>All read</source>
      <translation>全部已读</translation>
    </message>
    <message>
      <location filename="../inbox_filters.py" line="115" />
      <source>%1 (%2)</source>
      <comment>a filter choice and its conversations</comment>
      <translation>%1（%2）</translation>
    </message>
    <message>
      <location filename="../inbox_filters.py" line="130" />
      <source>Inbox</source>
      <translation>收件箱</translation>
    </message>
  </context>
  <context>
    <name>InboxLabels</name>
    <message>
      <location filename="../inbox_labels.py" line="12" />
      <source>Waiting</source>
      <translation>等待中</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="13" />
      <source>Offered</source>
      <translation>已分配待接</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="14" />
      <source>Active</source>
      <translation>处理中</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="15" />
      <source>Wrap-up</source>
      <translation>话后处理</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="16" />
      <location filename="../inbox_labels.py" line="61" />
      <source>Closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="17" />
      <source>Abandoned</source>
      <translation>已放弃</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="24" />
      <source>Waiting to send</source>
      <translation>等待发送</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="25" />
      <source>Sending…</source>
      <translation>正在发送…</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="26" />
      <source>Sent</source>
      <translation>已发送</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="27" />
      <source>Delivered</source>
      <translation>已送达</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="28" />
      <source>Read</source>
      <translation>已读</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="29" />
      <source>Failed — click to retry</source>
      <translation>发送失败 — 点击重试</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="41" />
      <source>All conversations</source>
      <translation>全部会话</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="42" />
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="43" />
      <source>Unassigned</source>
      <translation>未分配</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="49" />
      <source>All channels</source>
      <translation>全部渠道</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="50" />
      <source>Chat</source>
      <translation>在线聊天</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="51" />
      <source>E-mail</source>
      <translation>电子邮件</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="52" />
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="53" />
      <source>Social</source>
      <translation>社交</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="54" />
      <source>Voice</source>
      <translation>语音</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="60" />
      <source>Open</source>
      <translation>未关闭</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="62" />
      <source>Any status</source>
      <translation>任意状态</translation>
    </message>
  </context>
  <context>
    <name>InboxPage</name>
    <message>
      <location filename="../inbox_page.py" line="218" />
      <source>Customer #%1</source>
      <translation>客户 #%1</translation>
    </message>
    <message>
      <location filename="../inbox_page.py" line="220" />
      <source>New conversation</source>
      <translation>新会话</translation>
    </message>
    <message>
      <location filename="../inbox_page.py" line="221" />
      <source>New message</source>
      <translation>新消息</translation>
    </message>
    <message>
      <location filename="../inbox_page.py" line="331" />
      <source>A message could not be sent: %1</source>
      <translation>消息未能发送：%1</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../login_dialog.py" line="85" />
      <source>Sign in to Huitong</source>
      <translation>登录汇通</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="86" />
      <location filename="../login_dialog.py" line="92" />
      <location filename="../login_dialog.py" line="105" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="87" />
      <source>Use the account your team lead gave you.</source>
      <translation>请使用组长为您开通的账号。</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Server</source>
      <translation>服务器(&amp;S)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Username</source>
      <translation>用户名(&amp;U)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Password</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="91" />
      <source>Remember me on this computer</source>
      <translation>在这台电脑上记住我</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="93" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="94" />
      <source>Continue without remembering</source>
      <translation>不记住登录，继续</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="95" />
      <source>for example https://huitong.example.com</source>
      <translation>例如 https://huitong.example.com</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="105" />
      <source>Signing in…</source>
      <translation>正在登录…</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="119" />
      <source>Enter your username and password.</source>
      <translation>请输入用户名和密码。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../main_window.py" line="44" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="45" />
      <location filename="../main_window.py" line="46" />
      <source>Signing in…</source>
      <translation>正在登录…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="46" />
      <source>Inbox</source>
      <translation>收件箱</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="49" />
      <source>Calls</source>
      <translation>通话</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="50" />
      <source>The softphone and call history come in a later release.</source>
      <translation>软电话和通话记录将在后续版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="52" />
      <source>Supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="53" />
      <source>The live wall of agents and queues comes in a later release.</source>
      <translation>坐席与队列的实时监控墙将在后续版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="104" />
      <source>Huitong — agent desk</source>
      <translation>汇通 — 坐席工作台</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="105" />
      <source>&amp;Session</source>
      <translation>会话(&amp;S)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="106" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="107" />
      <source>Find customer</source>
      <translation>查找客户</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="108" />
      <source>Sign out</source>
      <translation>退出登录</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="109" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="110" />
      <source>Signed in as %1</source>
      <translation>已登录：%1</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="111" />
      <source>Not signed in</source>
      <translation>未登录</translation>
    </message>
    <message numerus="yes">
      <location filename="../main_window.py" line="112" />
      <source>%n item(s) waiting to send</source>
      <translation>
        <numerusform>%n 项等待发送</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Navigation</name>
    <message>
      <location filename="../navigation.py" line="20" />
      <source>Inbox</source>
      <translation>收件箱</translation>
    </message>
    <message>
      <location filename="../navigation.py" line="21" />
      <source>Calls</source>
      <translation>通话</translation>
    </message>
    <message>
      <location filename="../navigation.py" line="22" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../navigation.py" line="23" />
      <source>Supervisor</source>
      <translation>主管</translation>
    </message>
  </context>
  <context>
    <name>NewCustomerCard</name>
    <message>
      <location filename="../screen_pop_card.py" line="88" />
      <source>Type the caller's name first.</source>
      <translation>请先输入来电者姓名。</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="91" />
      <source>'%1' is not a phone number.</source>
      <translation>“%1”不是电话号码。</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="117" />
      <source>New caller</source>
      <translation>新来电者</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="118" />
      <source>No customer has this number yet. Add their name to create one; the call will be kept on their timeline.</source>
      <translation>还没有客户使用此号码。输入姓名即可创建客户，本次通话会记录在其时间线上。</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="120" />
      <source>Customer name</source>
      <translation>客户姓名</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="121" />
      <source>Phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="122" />
      <source>Create customer</source>
      <translation>创建客户</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="123" />
      <source>Not now</source>
      <translation>暂不</translation>
    </message>
  </context>
  <context>
    <name>NoteComposer</name>
    <message>
      <location filename="../note_composer.py" line="37" />
      <source>Write an internal note for your colleagues…</source>
      <translation>给同事写一条内部备注…</translation>
    </message>
    <message>
      <location filename="../note_composer.py" line="38" />
      <source>Add note</source>
      <translation>添加备注</translation>
    </message>
    <message>
      <location filename="../note_composer.py" line="39" />
      <source>Ctrl+Enter</source>
      <translation>Ctrl+Enter</translation>
    </message>
  </context>
  <context>
    <name>OfferCard</name>
    <message>
      <location filename="../offer_card.py" line="133" />
      <source>%1 s</source>
      <translation>%1 秒</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="137" />
      <source>Expired</source>
      <translation>已超时</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="144" />
      <source>%1 offered to you</source>
      <translation>为您分配的%1</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="145" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="146" />
      <source>Queue: %1</source>
      <translation>队列：%1</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="148" />
      <source>Transferred</source>
      <translation>已转接</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="150" />
      <source>Accept</source>
      <translation>接受</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="152" />
      <source>Decline</source>
      <translation>拒绝</translation>
    </message>
  </context>
  <context>
    <name>PhoneLink</name>
    <message>
      <location filename="../phone_link.py" line="41" />
      <source>Call %1</source>
      <translation>呼叫 %1</translation>
    </message>
  </context>
  <context>
    <name>QueueCalls</name>
    <message>
      <location filename="../routing_calls.py" line="78" />
      <source>The call stays with you, and so does its record.</source>
      <translation>通话仍在您这里，记录也回到您名下。</translation>
    </message>
  </context>
  <context>
    <name>QueueFiguresTable</name>
    <message>
      <location filename="../queue_figures.py" line="66" />
      <location filename="../queue_figures.py" line="68" />
      <source>Queue</source>
      <translation>队列</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="66" />
      <source>Waiting</source>
      <translation>等待中</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="66" />
      <source>Longest</source>
      <translation>最长等待</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="67" />
      <source>Agents</source>
      <translation>坐席</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="68" />
      <source>Conversations and calls waiting now</source>
      <translation>当前等待中的会话和来电</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="69" />
      <source>Longest wait</source>
      <translation>最长等待</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="69" />
      <source>Available / staffed</source>
      <translation>空闲 / 在岗</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="67" />
      <source>Answered</source>
      <translation>已接听</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="67" />
      <source>SLA</source>
      <translation>服务水平</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="70" />
      <source>Answered in the last 24 hours</source>
      <translation>过去 24 小时接待数</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="71" />
      <source>Share answered within the channel's target, last 24 hours</source>
      <translation>过去 24 小时内在目标时间内接待的比例</translation>
    </message>
  </context>
  <context>
    <name>RoutingDesk</name>
    <message>
      <location filename="../routing_desk.py" line="329" />
      <source>Work</source>
      <translation>工作台</translation>
    </message>
    <message>
      <location filename="../routing_desk.py" line="330" />
      <source>Routing state</source>
      <translation>分配状态</translation>
    </message>
    <message>
      <location filename="../routing_desk.py" line="331" />
      <source>Transfer…</source>
      <translation>转接…</translation>
    </message>
    <message>
      <location filename="../routing_desk.py" line="332" />
      <source>Transfer this conversation to another agent or a queue</source>
      <translation>将此会话转接给其他坐席或队列</translation>
    </message>
  </context>
  <context>
    <name>RoutingLabels</name>
    <message>
      <location filename="../routing_labels.py" line="26" />
      <source>Available</source>
      <translation>空闲</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="27" />
      <source>Busy</source>
      <translation>忙碌</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="28" />
      <source>Break</source>
      <translation>小休</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="29" />
      <source>After-call work</source>
      <translation>话后处理</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="30" />
      <source>Offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="57" />
      <source>This offer ran out of time; it goes to the next agent.</source>
      <translation>此分配已超时，将转给下一位坐席。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="60" />
      <source>This offer is no longer open.</source>
      <translation>此分配已失效。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="61" />
      <source>This offer was made to another agent.</source>
      <translation>此分配属于另一位坐席。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="62" />
      <source>Pick a reason for the break.</source>
      <translation>请选择小休原因。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="63" />
      <source>That break reason no longer exists.</source>
      <translation>该小休原因已不存在。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="64" />
      <source>This queue needs a disposition.</source>
      <translation>此队列要求填写处理结果。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="65" />
      <source>That disposition no longer exists.</source>
      <translation>该处理结果已不存在。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="66" />
      <source>This interaction was already wrapped up.</source>
      <translation>此会话已完成话后处理。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="67" />
      <source>That agent is offline.</source>
      <translation>该坐席已离线。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="68" />
      <source>The interaction is already with that agent.</source>
      <translation>该会话已在这位坐席手中。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="69" />
      <source>Only an open interaction can be transferred.</source>
      <translation>只有未关闭的会话才能转接。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="70" />
      <source>Only an interaction in progress can be ended.</source>
      <translation>只有进行中的会话才能结束。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="71" />
      <source>Only the agent handling this interaction can do that.</source>
      <translation>只有处理此会话的坐席才能这样做。</translation>
    </message>
  </context>
  <context>
    <name>RoutingPanel</name>
    <message>
      <location filename="../routing_panel.py" line="95" />
      <source>Customer #%1</source>
      <translation>客户 #%1</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="133" />
      <source>Offers</source>
      <translation>待接受</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="134" />
      <source>Nothing offered to you right now.</source>
      <translation>目前没有分配给您的会话。</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="136" />
      <source>My work</source>
      <translation>我的工作</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="137" />
      <source>End</source>
      <translation>结束</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="138" />
      <source>The conversation or call is over: wrap it up</source>
      <translation>会话或通话已结束：进行话后处理</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="139" />
      <source>Transfer…</source>
      <translation>转接…</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="140" />
      <source>Wrap up…</source>
      <translation>话后处理…</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="141" />
      <source>Queues</source>
      <translation>队列</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneController</name>
    <message>
      <location filename="../softphone_controller.py" line="113" />
      <source>Phone: starting…</source>
      <translation>电话：正在启动…</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="156" />
      <source>Phone: the server's phone settings cannot be used (%1).</source>
      <translation>电话：服务器的电话设置无法使用（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="160" />
      <location filename="../softphone_controller.py" line="288" />
      <source>Phone: connecting…</source>
      <translation>电话：正在连接…</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="167" />
      <source>Phone: the Huitong server cannot be reached.</source>
      <translation>电话：无法连接汇通服务器。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="169" />
      <source>Phone: this server does not issue phone credentials.</source>
      <translation>电话：此服务器不提供话机凭据。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="171" />
      <source>Phone: could not get phone credentials (%1).</source>
      <translation>电话：无法获取话机凭据（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="173" />
      <location filename="../softphone_controller.py" line="263" />
      <source>Phone: the softphone could not start (%1).</source>
      <translation>电话：软电话无法启动（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="179" />
      <source>Retrying in %1 s.</source>
      <translation>%1 秒后重试。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="247" />
      <source>The call was transferred.</source>
      <translation>通话已转接。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="286" />
      <source>Phone: ready</source>
      <translation>电话：就绪</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="350" />
      <source>The call with %1 could not be put on a timeline: %2</source>
      <translation>与 %1 的通话无法记录到时间线：%2</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneDesk</name>
    <message>
      <location filename="../softphone_desk.py" line="226" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneDevices</name>
    <message>
      <location filename="../softphone_devices.py" line="110" />
      <source>A microphone and a speaker were found: calls have sound again.</source>
      <translation>已找到麦克风和扬声器：通话恢复声音。</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneNotices</name>
    <message>
      <location filename="../softphone_notices.py" line="20" />
      <source>The ringer “%1” is not connected: calls ring on the speaker.</source>
      <translation>铃声设备“%1”未连接：来电将在扬声器上响铃。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="24" />
      <source>The microphone “%1” is not connected: the default one is used.</source>
      <translation>麦克风“%1”未连接：改用默认麦克风。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="26" />
      <source>The speaker “%1” is not connected: the default one is used.</source>
      <translation>扬声器“%1”未连接：改用默认扬声器。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="30" />
      <source>“%1” was disconnected: the call continues on “%2”.</source>
      <translation>“%1”已断开：通话改在“%2”上继续。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="33" />
      <source>No microphone was found: calls connect, but without sound.</source>
      <translation>未找到麦克风：通话可以接通，但没有声音。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="35" />
      <source>No speaker was found: calls connect, but without sound.</source>
      <translation>未找到扬声器：通话可以接通，但没有声音。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="36" />
      <source>No microphone or speaker was found: calls connect, but without sound.</source>
      <translation>未找到麦克风或扬声器：通话可以接通，但没有声音。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="41" />
      <source>%1 put the call on hold.</source>
      <translation>%1 将通话设为保持。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="43" />
      <source>%1 took the call off hold.</source>
      <translation>%1 已恢复通话。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="48" />
      <source>The transfer did not go through (%1). The caller is still on your line.</source>
      <translation>转接未成功（%1）。来电者仍在您的线路上。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="55" />
      <source>Phone: the SIP server refused the phone's credentials (%1).</source>
      <translation>电话：SIP 服务器拒绝了话机凭据（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="57" />
      <source>Phone: the SIP server cannot be reached (%1).</source>
      <translation>电话：无法连接 SIP 服务器（%1）。</translation>
    </message>
  </context>
  <context>
    <name>SoftphonePanel</name>
    <message>
      <location filename="../softphone_panel.py" line="189" />
      <source>Calling %1…</source>
      <translation>正在呼叫 %1…</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="251" />
      <source>Type the number to transfer to, then press Transfer.</source>
      <translation>请输入要转接的号码，然后按“转接”。</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="271" />
      <source>Sent tone %1</source>
      <translation>已发送按键音 %1</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="282" />
      <source>Phone: off</source>
      <translation>电话：未启用</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="294" />
      <source>muted</source>
      <translation>已静音</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="296" />
      <source>in conference</source>
      <translation>会议中</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="334" />
      <source>Split</source>
      <translation>拆分</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="334" />
      <location filename="../softphone_panel.py" line="349" />
      <source>Conference</source>
      <translation>会议</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="337" />
      <source>Number or extension</source>
      <translation>号码或分机</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="338" />
      <source>Call</source>
      <translation>通话</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="339" />
      <source>Lines</source>
      <translation>线路</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="340" />
      <source>Audio devices…</source>
      <translation>音频设备…</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="341" />
      <source>Choose the microphone, speaker and ringer</source>
      <translation>选择麦克风、扬声器和铃声设备</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="342" />
      <source>Answer</source>
      <translation>接听</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="343" />
      <source>Reject</source>
      <translation>拒接</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="344" />
      <source>Hang up</source>
      <translation>挂断</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="345" />
      <source>Hold</source>
      <translation>保持</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="346" />
      <source>Resume</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="347" />
      <source>Mute</source>
      <translation>静音</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="348" />
      <source>Transfer</source>
      <translation>转接</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="354" />
      <source>Transfer (%1): type a number first for a blind transfer, or, with a consultation call on another line, connect the two.</source>
      <translation>转接（%1）：先输入号码进行直接转接；若另一条线路上有咨询通话，则将两方接通。</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="357" />
      <source>Join the talking lines into one conference, or split it.</source>
      <translation>把通话中的线路合并为会议，或拆分会议。</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="358" />
      <source>Call the number (Enter). %1 jumps to the number field.</source>
      <translation>呼叫该号码（回车）。按 %1 跳到号码框。</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneTray</name>
    <message>
      <location filename="../softphone_tray.py" line="19" />
      <location filename="../softphone_tray.py" line="24" />
      <source>Huitong</source>
      <translation>汇通</translation>
    </message>
    <message>
      <location filename="../softphone_tray.py" line="24" />
      <source>Huitong — %1</source>
      <translation>汇通 — %1</translation>
    </message>
    <message>
      <location filename="../softphone_tray.py" line="29" />
      <source>Incoming call</source>
      <translation>来电</translation>
    </message>
  </context>
  <context>
    <name>StateSelector</name>
    <message>
      <location filename="../routing_state.py" line="69" />
      <source>No break reasons are set up</source>
      <translation>尚未设置小休原因</translation>
    </message>
    <message>
      <location filename="../routing_state.py" line="81" />
      <source>State: —</source>
      <translation>状态：—</translation>
    </message>
    <message>
      <location filename="../routing_state.py" line="101" />
      <source>%1 · %2 left</source>
      <translation>%1 · 剩余 %2</translation>
    </message>
    <message>
      <location filename="../routing_state.py" line="105" />
      <source>Your routing state: whether new conversations and calls are offered to you</source>
      <translation>您的分配状态：决定是否向您分配新的会话和来电</translation>
    </message>
  </context>
  <context>
    <name>TimelineDelegate</name>
    <message>
      <location filename="../timeline_delegate.py" line="72" />
      <location filename="../timeline_delegate.py" line="110" />
      <source>Sending…</source>
      <translation>正在发送…</translation>
    </message>
  </context>
  <context>
    <name>TransferDialog</name>
    <message>
      <location filename="../transfer_dialog.py" line="99" />
      <source>Choose an agent or a queue.</source>
      <translation>请选择一位坐席或一个队列。</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="115" />
      <location filename="../transfer_dialog.py" line="123" />
      <source>Transfer</source>
      <translation>转接</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="116" />
      <source>Customer #%1</source>
      <translation>客户 #%1</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="117" />
      <source>Transfer the %1 with %2</source>
      <translation>转接与 %2 的%1</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="119" />
      <source>To an agent</source>
      <translation>转给坐席</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="120" />
      <source>To a queue</source>
      <translation>转到队列</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="121" />
      <source>Note for the next agent</source>
      <translation>给下一位坐席的备注</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="122" />
      <source>What the customer needs, what was done so far…</source>
      <translation>客户的需求，目前已做的处理…</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="124" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>WorkDialogs</name>
    <message>
      <location filename="../routing_work.py" line="70" />
      <source>Wrapped up.</source>
      <translation>话后处理已完成。</translation>
    </message>
    <message>
      <location filename="../routing_work.py" line="106" />
      <source>This queue has no phone number, so the call cannot be sent there. Pick an agent or another queue.</source>
      <translation>此队列没有电话号码，通话无法转到这里。请选择一位坐席或其他队列。</translation>
    </message>
    <message>
      <location filename="../routing_work.py" line="113" />
      <source>Transferring the call…</source>
      <translation>正在转接通话…</translation>
    </message>
    <message>
      <location filename="../routing_work.py" line="115" />
      <source>Transferred.</source>
      <translation>已转接。</translation>
    </message>
  </context>
  <context>
    <name>WrapUpDialog</name>
    <message>
      <location filename="../wrap_up_dialog.py" line="87" />
      <source>Choose a disposition…</source>
      <translation>请选择处理结果…</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="87" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="108" />
      <source>This queue needs a disposition.</source>
      <translation>此队列要求填写处理结果。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="111" />
      <source>The note is too long (at most %1 characters).</source>
      <translation>备注太长（最多 %1 个字符）。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="132" />
      <source>No after-call-work time for this channel.</source>
      <translation>此渠道没有话后处理时间。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="136" />
      <source>After-call work: %1 left</source>
      <translation>话后处理：剩余 %1</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="138" />
      <source>After-call work is over: you are available again.</source>
      <translation>话后处理已结束：您已恢复空闲。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="146" />
      <source>Wrap up</source>
      <translation>话后处理</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="147" />
      <source>Customer #%1</source>
      <translation>客户 #%1</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="148" />
      <source>%1 with %2</source>
      <translation>与 %2 的%1</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="149" />
      <source>Disposition (required)</source>
      <translation>处理结果（必填）</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="150" />
      <source>Disposition</source>
      <translation>处理结果</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="151" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="152" />
      <source>What happened, what was promised…</source>
      <translation>发生了什么，承诺了什么…</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="153" />
      <source>Submit</source>
      <translation>提交</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="154" />
      <source>Later</source>
      <translation>稍后</translation>
    </message>
  </context>
</TS>