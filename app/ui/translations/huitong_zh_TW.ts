<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
  <context>
    <name />
    <message>
      <location filename="../softphone_commands.py" line="52" />
      <source>The phone is not ready yet: %1</source>
      <translation>電話尚未就緒：%1</translation>
    </message>
    <message>
      <location filename="../softphone_commands.py" line="55" />
      <source>All %1 lines are busy.</source>
      <translation>全部 %1 條線路都在使用中。</translation>
    </message>
    <message>
      <location filename="../softphone_commands.py" line="68" />
      <source>Could not call %1: %2</source>
      <translation>無法撥打 %1：%2</translation>
    </message>
    <message>
      <location filename="../softphone_commands.py" line="124" />
      <source>Transferring to %1…</source>
      <translation>正在轉接到 %1…</translation>
    </message>
  </context>
  <context>
    <name>AudioDevicesDialog</name>
    <message>
      <location filename="../softphone_devices_dialog.py" line="53" />
      <source>System default</source>
      <translation>系統預設</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="54" />
      <source>Same as the speaker</source>
      <translation>與喇叭相同</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="60" />
      <source>%1 (not connected)</source>
      <translation>%1（未連接）</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="67" />
      <source>Audio devices</source>
      <translation>音訊裝置</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="68" />
      <source>&amp;Microphone:</source>
      <translation>麥克風(&amp;M)：</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="69" />
      <source>&amp;Speaker:</source>
      <translation>喇叭(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="70" />
      <source>&amp;Ringer:</source>
      <translation>鈴聲裝置(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="75" />
      <source>Your choice is remembered by name. A device that is not connected is used again as soon as it is plugged in.</source>
      <translation>您的選擇依名稱記住。未連接的裝置一插上就會再次使用。</translation>
    </message>
    <message>
      <location filename="../softphone_devices_dialog.py" line="78" />
      <source>During a call the list is not rescanned (the sound would pause): a headset plugged in now is used when you pick it here, or after the call.</source>
      <translation>通話期間不會重新掃描清單（否則聲音會中斷）：現在插入的耳機在此處選擇後即可使用，或在通話結束後自動使用。</translation>
    </message>
  </context>
  <context>
    <name>AutoAnswer</name>
    <message>
      <location filename="../softphone_autoanswer.py" line="88" />
      <source>Answering automatically in %1 s…</source>
      <translation>%1 秒後自動接聽…</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="113" />
      <source>Call answered automatically.</source>
      <translation>已自動接聽來電。</translation>
    </message>
  </context>
  <context>
    <name>AutoAnswerButton</name>
    <message>
      <location filename="../softphone_autoanswer.py" line="162" />
      <source>Auto-answer: %1 s</source>
      <translation>自動接聽：%1 秒</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="163" />
      <source>Auto-answer: off</source>
      <translation>自動接聽：關</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="167" />
      <source>Answer incoming calls automatically</source>
      <translation>自動接聽來電</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="168" />
      <source>&amp;Delay:</source>
      <translation>延遲(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="169" />
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <location filename="../softphone_autoanswer.py" line="170" />
      <source>Answer a call that rings while you are on no other call, after a delay</source>
      <translation>沒有其他通話時，來電在延遲後自動接聽</translation>
    </message>
  </context>
  <context>
    <name>CallHistoryPage</name>
    <message>
      <location filename="../call_history.py" line="94" />
      <source>Double-click to call back</source>
      <translation>按兩下回撥</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="109" />
      <source>recorded</source>
      <translation>已錄音</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="111" />
      <source>waiting to send</source>
      <translation>等待傳送</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="129" />
      <source>Fetching the recording…</source>
      <translation>正在取得錄音…</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="142" />
      <source>The recording cannot be played: %1</source>
      <translation>無法播放錄音：%1</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="145" />
      <source>Your recent calls, newest first. Double-click one to call back.</source>
      <translation>您最近的通話，最新的在前。按兩下可回撥。</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="146" />
      <source>No calls yet. Calls you make or take appear here.</source>
      <translation>尚無通話。您撥打或接聽的電話會顯示在這裡。</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="149" />
      <source>Calls</source>
      <translation>通話</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="150" />
      <source>Refresh</source>
      <translation>重新整理</translation>
    </message>
    <message>
      <location filename="../call_history.py" line="151" />
      <source>Play recording</source>
      <translation>播放錄音</translation>
    </message>
  </context>
  <context>
    <name>CallLabels</name>
    <message>
      <location filename="../call_labels.py" line="17" />
      <source>On hold</source>
      <translation>保留中</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="19" />
      <source>Calling…</source>
      <translation>正在撥打…</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="20" />
      <location filename="../call_labels.py" line="21" />
      <source>Ringing</source>
      <translation>響鈴中</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="22" />
      <source>Connecting…</source>
      <translation>正在連線…</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="23" />
      <source>Talking</source>
      <translation>通話中</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="24" />
      <source>Ended</source>
      <translation>已結束</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="31" />
      <source>Answered</source>
      <translation>已接聽</translation>
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
      <translation>失敗</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="35" />
      <source>Transferred</source>
      <translation>已轉接</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="42" />
      <source>Incoming call</source>
      <translation>來電</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="44" />
      <source>Outgoing call</source>
      <translation>撥出電話</translation>
    </message>
    <message>
      <location filename="../call_labels.py" line="69" />
      <source>recorded</source>
      <translation>已錄音</translation>
    </message>
  </context>
  <context>
    <name>CallToast</name>
    <message>
      <location filename="../call_toast.py" line="62" />
      <source>Looking up the customer…</source>
      <translation>正在查找客戶…</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="66" />
      <source>New caller — no customer has this number</source>
      <translation>新來電者 — 沒有客戶使用此號碼</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="86" />
      <source>Incoming call</source>
      <translation>來電</translation>
    </message>
    <message>
      <location filename="../call_toast.py" line="87" />
      <source>Answer</source>
      <translation>接聽</translation>
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
      <translation>輸入以篩選常用回覆；按 Enter 插入</translation>
    </message>
  </context>
  <context>
    <name>CannedReplies</name>
    <message>
      <location filename="../canned_defaults.py" line="16" />
      <source>Greeting</source>
      <translation>問候</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="17" />
      <source>Hello, thank you for contacting us. How can I help you today?</source>
      <translation>您好，感謝您與我們聯絡。請問有什麼可以為您服務？</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="21" />
      <source>One moment</source>
      <translation>請稍候</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="22" />
      <source>One moment please, I am checking that for you.</source>
      <translation>請稍等，我正在為您查詢。</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="26" />
      <source>Order number</source>
      <translation>訂單編號</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="27" />
      <source>Could you tell me your order number, please?</source>
      <translation>請告訴我您的訂單編號，好嗎？</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="31" />
      <source>Thanks</source>
      <translation>致謝</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="32" />
      <source>Thank you for your patience.</source>
      <translation>感謝您耐心等候。</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="36" />
      <source>Closing</source>
      <translation>結語</translation>
    </message>
    <message>
      <location filename="../canned_defaults.py" line="37" />
      <source>Is there anything else I can help you with? Have a nice day!</source>
      <translation>請問還有其他需要協助的地方嗎？祝您有美好的一天！</translation>
    </message>
  </context>
  <context>
    <name>ChannelLabels</name>
    <message>
      <location filename="../channel_labels.py" line="10" />
      <source>Phone</source>
      <translation>電話</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="11" />
      <location filename="../channel_labels.py" line="26" />
      <source>E-mail</source>
      <translation>電子郵件</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="12" />
      <source>Web visitor</source>
      <translation>網站訪客</translation>
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
      <translation>簡訊</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="24" />
      <source>Call</source>
      <translation>通話</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="25" />
      <source>Chat</source>
      <translation>線上聊天</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="28" />
      <source>Social message</source>
      <translation>社群訊息</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="29" />
      <source>Note</source>
      <translation>備註</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="30" />
      <source>Ticket</source>
      <translation>工單</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="31" />
      <source>Merged</source>
      <translation>已合併</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="32" />
      <source>Merge undone</source>
      <translation>已復原合併</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="33" />
      <source>Identity added</source>
      <translation>已新增身分</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="34" />
      <source>Profile changed</source>
      <translation>資料已更新</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="42" />
      <source>Internal</source>
      <translation>內部</translation>
    </message>
    <message>
      <location filename="../channel_labels.py" line="43" />
      <source>Voice</source>
      <translation>語音</translation>
    </message>
  </context>
  <context>
    <name>Composer</name>
    <message>
      <location filename="../composer.py" line="145" />
      <source>Subject: %1</source>
      <translation>主旨：%1</translation>
    </message>
    <message>
      <location filename="../composer.py" line="145" />
      <source>(no subject)</source>
      <translation>（無主旨）</translation>
    </message>
    <message>
      <location filename="../composer.py" line="146" />
      <source>Write a reply… Enter sends, Shift+Enter for a new line, / for canned replies</source>
      <translation>輸入回覆… Enter 傳送，Shift+Enter 換行，/ 開啟常用回覆</translation>
    </message>
    <message>
      <location filename="../composer.py" line="148" />
      <source>Write your e-mail reply… Ctrl+Enter sends, Ctrl+K for canned replies</source>
      <translation>撰寫郵件回覆… Ctrl+Enter 傳送，Ctrl+K 開啟常用回覆</translation>
    </message>
    <message>
      <location filename="../composer.py" line="150" />
      <source>Canned replies</source>
      <translation>常用回覆</translation>
    </message>
    <message>
      <location filename="../composer.py" line="151" />
      <source>Ctrl+K or / at the start</source>
      <translation>Ctrl+K，或在開頭輸入 /</translation>
    </message>
    <message>
      <location filename="../composer.py" line="152" />
      <source>Internal note</source>
      <translation>內部備註</translation>
    </message>
    <message>
      <location filename="../composer.py" line="153" />
      <source>Send</source>
      <translation>傳送</translation>
    </message>
    <message>
      <location filename="../composer.py" line="154" />
      <source>Bold</source>
      <translation>粗體</translation>
    </message>
    <message>
      <location filename="../composer.py" line="155" />
      <source>Italic</source>
      <translation>斜體</translation>
    </message>
    <message>
      <location filename="../composer.py" line="156" />
      <source>Bulleted list</source>
      <translation>項目符號清單</translation>
    </message>
  </context>
  <context>
    <name>ConnectionIndicator</name>
    <message>
      <location filename="../connection_indicator.py" line="53" />
      <source>Connected</source>
      <translation>已連線</translation>
    </message>
    <message>
      <location filename="../connection_indicator.py" line="54" />
      <source>Connecting…</source>
      <translation>正在連線…</translation>
    </message>
    <message>
      <location filename="../connection_indicator.py" line="55" />
      <source>Reconnecting…</source>
      <translation>正在重新連線…</translation>
    </message>
    <message>
      <location filename="../connection_indicator.py" line="56" />
      <source>Offline</source>
      <translation>離線</translation>
    </message>
  </context>
  <context>
    <name>ConversationDelegate</name>
    <message>
      <location filename="../conversation_delegate.py" line="34" />
      <source>▾ Hide quoted text</source>
      <translation>▾ 隱藏引用內容</translation>
    </message>
    <message numerus="yes">
      <location filename="../conversation_delegate.py" line="35" />
      <source>▸ Show quoted text (%n line(s))</source>
      <translation>
        <numerusform>▸ 顯示引用內容（%n 行）</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ConversationView</name>
    <message>
      <location filename="../conversation_view.py" line="157" />
      <source>Choose a conversation on the left. New chats, e-mails and messages arrive there live.</source>
      <translation>請在左側選擇一個對話。新的聊天、郵件與訊息會即時出現在那裡。</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="162" />
      <source>Customer #%1</source>
      <translation>客戶 #%1</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="168" />
      <source>Reopen</source>
      <translation>重新開啟</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="168" />
      <source>Close</source>
      <translation>關閉</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="170" />
      <source>The customer</source>
      <translation>客戶</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="171" />
      <source>%1 is typing…</source>
      <translation>%1 正在輸入…</translation>
    </message>
    <message>
      <location filename="../conversation_view.py" line="172" />
      <source>Loading older messages…</source>
      <translation>正在載入較早的訊息…</translation>
    </message>
  </context>
  <context>
    <name>CustomerPanel</name>
    <message>
      <location filename="../customer_panel.py" line="120" />
      <source>This customer was merged; showing the combined record.</source>
      <translation>此客戶已被合併，現在顯示合併後的紀錄。</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="129" />
      <source>Not available offline</source>
      <translation>離線時無法檢視</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="143" />
      <source>Loading…</source>
      <translation>載入中…</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="147" />
      <source>Customer #%1</source>
      <translation>客戶 #%1</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="187" />
      <source>Timeline — every channel, newest first</source>
      <translation>時間軸 — 所有管道，最新的在前</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="188" />
      <source>Search for a customer and open them to see their whole history across every channel.</source>
      <translation>搜尋並開啟客戶，即可查看其在所有管道的完整歷史紀錄。</translation>
    </message>
  </context>
  <context>
    <name>CustomerSearch</name>
    <message>
      <location filename="../customer_search.py" line="72" />
      <source>Searching…</source>
      <translation>搜尋中…</translation>
    </message>
    <message>
      <location filename="../customer_search.py" line="97" />
      <source>Type a name, phone number or e-mail address. Ctrl+F jumps here.</source>
      <translation>輸入姓名、電話號碼或電子郵件地址。按 Ctrl+F 可隨時跳到這裡。</translation>
    </message>
    <message>
      <location filename="../customer_search.py" line="99" />
      <source>No customer matches.</source>
      <translation>找不到符合的客戶。</translation>
    </message>
    <message numerus="yes">
      <location filename="../customer_search.py" line="101" />
      <source>%n customer(s) found</source>
      <translation>
        <numerusform>找到 %n 位客戶</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../customer_search.py" line="112" />
      <source>Search customers</source>
      <translation>搜尋客戶</translation>
    </message>
  </context>
  <context>
    <name>DeskController</name>
    <message>
      <location filename="../desk_controller.py" line="103" />
      <source>Your saved sign-in has ended. Please sign in again.</source>
      <translation>儲存的登入已失效，請重新登入。</translation>
    </message>
    <message>
      <location filename="../desk_controller.py" line="231" />
      <source>Your session has ended. Please sign in again.</source>
      <translation>您的工作階段已結束，請重新登入。</translation>
    </message>
  </context>
  <context>
    <name>EmailCard</name>
    <message>
      <location filename="../conversation_email.py" line="32" />
      <source>From</source>
      <translation>寄件者</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="33" />
      <source>To</source>
      <translation>收件者</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="34" />
      <source>Cc</source>
      <translation>副本</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="35" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="36" />
      <source>Subject</source>
      <translation>主旨</translation>
    </message>
    <message>
      <location filename="../conversation_email.py" line="40" />
      <source>Customer</source>
      <translation>客戶</translation>
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
      <translation>正在載入圖片…</translation>
    </message>
    <message numerus="yes">
      <location filename="../email_reader.py" line="181" />
      <source>%n picture(s) could not be loaded.</source>
      <translation>
        <numerusform>有 %n 張圖片無法載入。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="188" />
      <source>The e-mail could not be loaded: %1</source>
      <translation>無法載入此郵件：%1</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="209" />
      <source>Open with the default app</source>
      <translation>以預設應用程式開啟</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="211" />
      <source>Save as…</source>
      <translation>另存新檔…</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="253" />
      <source>Save attachment</source>
      <translation>儲存附件</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="258" />
      <source>Downloading “%1” (%2)…</source>
      <translation>正在下載「%1」（%2）…</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="275" />
      <source>Downloading… %1 of %2</source>
      <translation>正在下載… %1 / %2</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="280" />
      <source>No application could open “%1”. Use Save as… to keep it somewhere else.</source>
      <translation>沒有可以開啟「%1」的應用程式。請使用「另存新檔…」將其儲存到其他位置。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="285" />
      <source>Opened “%1” (%2).</source>
      <translation>已開啟「%1」（%2）。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="290" />
      <source>Saved “%1” to %2.</source>
      <translation>已將「%1」儲存到 %2。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="295" />
      <source>“%1” could not be downloaded: %2</source>
      <translation>無法下載「%1」：%2</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="305" />
      <source>Remote images are blocked to protect your privacy.</source>
      <translation>為保護您的隱私，已封鎖遠端圖片。</translation>
    </message>
    <message>
      <location filename="../email_reader.py" line="306" />
      <source>Show images</source>
      <translation>顯示圖片</translation>
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <location filename="../error_messages.py" line="13" />
      <source>This computer has no password store (keyring), so Huitong cannot remember your sign-in safely. You can continue without being remembered and sign in again next time.</source>
      <translation>這台電腦沒有可用的密碼儲存區（金鑰圈），匯通無法安全地記住您的登入。您可以選擇不記住登入繼續使用，下次需要重新登入。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="18" />
      <source>The server cannot be reached. Check the server address and your network.</source>
      <translation>無法連線到伺服器。請檢查伺服器位址和網路連線。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="23" />
      <source>Too many login attempts. Please wait a minute and try again.</source>
      <translation>登入嘗試次數過多。請等一分鐘後再試。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="26" />
      <source>Wrong username or password.</source>
      <translation>使用者名稱或密碼錯誤。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="28" />
      <source>This account is not allowed to sign in.</source>
      <translation>此帳號不允許登入。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="29" />
      <source>The server refused the request: %1</source>
      <translation>伺服器拒絕了請求：%1</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="33" />
      <source>Something went wrong: %1</source>
      <translation>發生問題：%1</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="39" />
      <source>Offline: showing what this computer remembers.</source>
      <translation>目前離線：顯示本機儲存的內容。</translation>
    </message>
    <message>
      <location filename="../error_messages.py" line="41" />
      <source>Your session has ended. Please sign in again.</source>
      <translation>您的工作階段已結束，請重新登入。</translation>
    </message>
  </context>
  <context>
    <name>InboxFilters</name>
    <message numerus="yes">
      <location filename="../inbox_filters.py" line="93" />
      <source>%n conversation(s), %1 with unread messages</source>
      <translation>
        <numerusform>%n 個對話，其中 %1 個有未讀訊息</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../inbox_filters.py" line="97" />
      <source>Counted at %1; the server cannot be reached now.</source>
      <translation>統計於 %1；目前無法連線伺服器。</translation>
    </message>
    <message numerus="yes">
      <location filename="../inbox_filters.py" line="99" />
      <source>%n unread</source>
      <translation>
        <numerusform>%n 則未讀</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../inbox_filters.py" line="99" />
      <source>All read</source>
      <translation>全部已讀</translation>
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
      <translation>收件匣</translation>
    </message>
  </context>
  <context>
    <name>InboxLabels</name>
    <message>
      <location filename="../inbox_labels.py" line="12" />
      <source>Waiting</source>
      <translation>等候中</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="13" />
      <source>Offered</source>
      <translation>已分派待接</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="14" />
      <source>Active</source>
      <translation>處理中</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="15" />
      <source>Wrap-up</source>
      <translation>話後處理</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="16" />
      <location filename="../inbox_labels.py" line="61" />
      <source>Closed</source>
      <translation>已關閉</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="17" />
      <source>Abandoned</source>
      <translation>已放棄</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="24" />
      <source>Waiting to send</source>
      <translation>等待傳送</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="25" />
      <source>Sending…</source>
      <translation>正在傳送…</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="26" />
      <source>Sent</source>
      <translation>已傳送</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="27" />
      <source>Delivered</source>
      <translation>已送達</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="28" />
      <source>Read</source>
      <translation>已讀</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="29" />
      <source>Failed — click to retry</source>
      <translation>傳送失敗 — 按一下重試</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="41" />
      <source>All conversations</source>
      <translation>全部對話</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="42" />
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="43" />
      <source>Unassigned</source>
      <translation>未分派</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="49" />
      <source>All channels</source>
      <translation>全部管道</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="50" />
      <source>Chat</source>
      <translation>線上聊天</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="51" />
      <source>E-mail</source>
      <translation>電子郵件</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="52" />
      <source>SMS</source>
      <translation>簡訊</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="53" />
      <source>Social</source>
      <translation>社群</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="54" />
      <source>Voice</source>
      <translation>語音</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="60" />
      <source>Open</source>
      <translation>未關閉</translation>
    </message>
    <message>
      <location filename="../inbox_labels.py" line="62" />
      <source>Any status</source>
      <translation>任何狀態</translation>
    </message>
  </context>
  <context>
    <name>InboxPage</name>
    <message>
      <location filename="../inbox_page.py" line="218" />
      <source>Customer #%1</source>
      <translation>客戶 #%1</translation>
    </message>
    <message>
      <location filename="../inbox_page.py" line="220" />
      <source>New conversation</source>
      <translation>新對話</translation>
    </message>
    <message>
      <location filename="../inbox_page.py" line="221" />
      <source>New message</source>
      <translation>新訊息</translation>
    </message>
    <message>
      <location filename="../inbox_page.py" line="331" />
      <source>A message could not be sent: %1</source>
      <translation>訊息未能傳送：%1</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../login_dialog.py" line="85" />
      <source>Sign in to Huitong</source>
      <translation>登入匯通</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="86" />
      <location filename="../login_dialog.py" line="92" />
      <location filename="../login_dialog.py" line="105" />
      <source>Sign in</source>
      <translation>登入</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="87" />
      <source>Use the account your team lead gave you.</source>
      <translation>請使用組長為您開通的帳號。</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Server</source>
      <translation>伺服器(&amp;S)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Username</source>
      <translation>使用者名稱(&amp;U)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Password</source>
      <translation>密碼(&amp;P)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="88" />
      <source>&amp;Language</source>
      <translation>語言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="91" />
      <source>Remember me on this computer</source>
      <translation>在這台電腦上記住我</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="93" />
      <source>Quit</source>
      <translation>結束</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="94" />
      <source>Continue without remembering</source>
      <translation>不記住登入，繼續</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="95" />
      <source>for example https://huitong.example.com</source>
      <translation>例如 https://huitong.example.com</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="105" />
      <source>Signing in…</source>
      <translation>正在登入…</translation>
    </message>
    <message>
      <location filename="../login_dialog.py" line="119" />
      <source>Enter your username and password.</source>
      <translation>請輸入使用者名稱和密碼。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../main_window.py" line="44" />
      <source>Customers</source>
      <translation>客戶</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="45" />
      <location filename="../main_window.py" line="46" />
      <source>Signing in…</source>
      <translation>正在登入…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="46" />
      <source>Inbox</source>
      <translation>收件匣</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="49" />
      <source>Calls</source>
      <translation>通話</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="50" />
      <source>The softphone and call history come in a later release.</source>
      <translation>軟體電話和通話紀錄將在後續版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="52" />
      <source>Supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="53" />
      <source>The live wall of agents and queues comes in a later release.</source>
      <translation>客服人員與佇列的即時監控牆將在後續版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="104" />
      <source>Huitong — agent desk</source>
      <translation>匯通 — 客服工作台</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="105" />
      <source>&amp;Session</source>
      <translation>工作階段(&amp;S)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="106" />
      <source>&amp;Language</source>
      <translation>語言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="107" />
      <source>Find customer</source>
      <translation>尋找客戶</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="108" />
      <source>Sign out</source>
      <translation>登出</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="109" />
      <source>Quit</source>
      <translation>結束</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="110" />
      <source>Signed in as %1</source>
      <translation>已登入：%1</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="111" />
      <source>Not signed in</source>
      <translation>未登入</translation>
    </message>
    <message numerus="yes">
      <location filename="../main_window.py" line="112" />
      <source>%n item(s) waiting to send</source>
      <translation>
        <numerusform>%n 項等待傳送</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Navigation</name>
    <message>
      <location filename="../navigation.py" line="20" />
      <source>Inbox</source>
      <translation>收件匣</translation>
    </message>
    <message>
      <location filename="../navigation.py" line="21" />
      <source>Calls</source>
      <translation>通話</translation>
    </message>
    <message>
      <location filename="../navigation.py" line="22" />
      <source>Customers</source>
      <translation>客戶</translation>
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
      <translation>請先輸入來電者姓名。</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="91" />
      <source>'%1' is not a phone number.</source>
      <translation>「%1」不是電話號碼。</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="117" />
      <source>New caller</source>
      <translation>新來電者</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="118" />
      <source>No customer has this number yet. Add their name to create one; the call will be kept on their timeline.</source>
      <translation>尚無客戶使用此號碼。輸入姓名即可建立客戶，本次通話會記錄在其時間軸上。</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="120" />
      <source>Customer name</source>
      <translation>客戶姓名</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="121" />
      <source>Phone number</source>
      <translation>電話號碼</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="122" />
      <source>Create customer</source>
      <translation>建立客戶</translation>
    </message>
    <message>
      <location filename="../screen_pop_card.py" line="123" />
      <source>Not now</source>
      <translation>暫不</translation>
    </message>
  </context>
  <context>
    <name>NoteComposer</name>
    <message>
      <location filename="../note_composer.py" line="37" />
      <source>Write an internal note for your colleagues…</source>
      <translation>給同事寫一則內部備註…</translation>
    </message>
    <message>
      <location filename="../note_composer.py" line="38" />
      <source>Add note</source>
      <translation>新增備註</translation>
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
      <translation>已逾時</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="144" />
      <source>%1 offered to you</source>
      <translation>分配給您的%1</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="145" />
      <source>Customer</source>
      <translation>客戶</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="146" />
      <source>Queue: %1</source>
      <translation>佇列：%1</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="148" />
      <source>Transferred</source>
      <translation>已轉接</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="150" />
      <source>Accept</source>
      <translation>接受</translation>
    </message>
    <message>
      <location filename="../offer_card.py" line="152" />
      <source>Decline</source>
      <translation>拒絕</translation>
    </message>
  </context>
  <context>
    <name>PhoneLink</name>
    <message>
      <location filename="../phone_link.py" line="41" />
      <source>Call %1</source>
      <translation>撥打 %1</translation>
    </message>
  </context>
  <context>
    <name>QueueCalls</name>
    <message>
      <location filename="../routing_calls.py" line="78" />
      <source>The call stays with you, and so does its record.</source>
      <translation>通話仍在您這裡，紀錄也回到您名下。</translation>
    </message>
  </context>
  <context>
    <name>QueueFiguresTable</name>
    <message>
      <location filename="../queue_figures.py" line="66" />
      <location filename="../queue_figures.py" line="68" />
      <source>Queue</source>
      <translation>佇列</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="66" />
      <source>Waiting</source>
      <translation>等候中</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="66" />
      <source>Longest</source>
      <translation>最長等候</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="67" />
      <source>Agents</source>
      <translation>客服人員</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="68" />
      <source>Conversations and calls waiting now</source>
      <translation>目前等候中的對話和來電</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="69" />
      <source>Longest wait</source>
      <translation>最長等候</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="69" />
      <source>Available / staffed</source>
      <translation>閒置 / 在崗</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="67" />
      <source>Answered</source>
      <translation>已接聽</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="67" />
      <source>SLA</source>
      <translation>服務水準</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="70" />
      <source>Answered in the last 24 hours</source>
      <translation>過去 24 小時接待數</translation>
    </message>
    <message>
      <location filename="../queue_figures.py" line="71" />
      <source>Share answered within the channel's target, last 24 hours</source>
      <translation>過去 24 小時內在目標時間內接待的比例</translation>
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
      <translation>分配狀態</translation>
    </message>
    <message>
      <location filename="../routing_desk.py" line="331" />
      <source>Transfer…</source>
      <translation>轉接…</translation>
    </message>
    <message>
      <location filename="../routing_desk.py" line="332" />
      <source>Transfer this conversation to another agent or a queue</source>
      <translation>將此對話轉接給其他坐席或佇列</translation>
    </message>
  </context>
  <context>
    <name>RoutingLabels</name>
    <message>
      <location filename="../routing_labels.py" line="26" />
      <source>Available</source>
      <translation>閒置</translation>
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
      <translation>話後處理</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="30" />
      <source>Offline</source>
      <translation>離線</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="57" />
      <source>This offer ran out of time; it goes to the next agent.</source>
      <translation>此分配已逾時，將轉給下一位客服人員。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="60" />
      <source>This offer is no longer open.</source>
      <translation>此分配已失效。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="61" />
      <source>This offer was made to another agent.</source>
      <translation>此分配屬於另一位客服人員。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="62" />
      <source>Pick a reason for the break.</source>
      <translation>請選擇小休原因。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="63" />
      <source>That break reason no longer exists.</source>
      <translation>該小休原因已不存在。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="64" />
      <source>This queue needs a disposition.</source>
      <translation>此佇列要求填寫處理結果。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="65" />
      <source>That disposition no longer exists.</source>
      <translation>該處理結果已不存在。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="66" />
      <source>This interaction was already wrapped up.</source>
      <translation>此對話已完成話後處理。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="67" />
      <source>That agent is offline.</source>
      <translation>該客服人員已離線。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="68" />
      <source>The interaction is already with that agent.</source>
      <translation>該對話已在這位客服人員手中。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="69" />
      <source>Only an open interaction can be transferred.</source>
      <translation>只有未關閉的對話才能轉接。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="70" />
      <source>Only an interaction in progress can be ended.</source>
      <translation>只有進行中的對話才能結束。</translation>
    </message>
    <message>
      <location filename="../routing_labels.py" line="71" />
      <source>Only the agent handling this interaction can do that.</source>
      <translation>只有處理此對話的客服人員才能這樣做。</translation>
    </message>
  </context>
  <context>
    <name>RoutingPanel</name>
    <message>
      <location filename="../routing_panel.py" line="95" />
      <source>Customer #%1</source>
      <translation>客戶 #%1</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="133" />
      <source>Offers</source>
      <translation>待接受</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="134" />
      <source>Nothing offered to you right now.</source>
      <translation>目前沒有分配給您的對話。</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="136" />
      <source>My work</source>
      <translation>我的工作</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="137" />
      <source>End</source>
      <translation>結束</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="138" />
      <source>The conversation or call is over: wrap it up</source>
      <translation>對話或通話已結束：進行話後處理</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="139" />
      <source>Transfer…</source>
      <translation>轉接…</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="140" />
      <source>Wrap up…</source>
      <translation>話後處理…</translation>
    </message>
    <message>
      <location filename="../routing_panel.py" line="141" />
      <source>Queues</source>
      <translation>佇列</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneController</name>
    <message>
      <location filename="../softphone_controller.py" line="113" />
      <source>Phone: starting…</source>
      <translation>電話：正在啟動…</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="156" />
      <source>Phone: the server's phone settings cannot be used (%1).</source>
      <translation>電話：伺服器的電話設定無法使用（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="160" />
      <location filename="../softphone_controller.py" line="288" />
      <source>Phone: connecting…</source>
      <translation>電話：正在連線…</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="167" />
      <source>Phone: the Huitong server cannot be reached.</source>
      <translation>電話：無法連線到匯通伺服器。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="169" />
      <source>Phone: this server does not issue phone credentials.</source>
      <translation>電話：此伺服器不提供話機憑證。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="171" />
      <source>Phone: could not get phone credentials (%1).</source>
      <translation>電話：無法取得話機憑證（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="173" />
      <location filename="../softphone_controller.py" line="263" />
      <source>Phone: the softphone could not start (%1).</source>
      <translation>電話：軟體電話無法啟動（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="179" />
      <source>Retrying in %1 s.</source>
      <translation>%1 秒後重試。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="247" />
      <source>The call was transferred.</source>
      <translation>通話已轉接。</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="286" />
      <source>Phone: ready</source>
      <translation>電話：就緒</translation>
    </message>
    <message>
      <location filename="../softphone_controller.py" line="350" />
      <source>The call with %1 could not be put on a timeline: %2</source>
      <translation>與 %1 的通話無法記錄到時間軸：%2</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneDesk</name>
    <message>
      <location filename="../softphone_desk.py" line="226" />
      <source>Phone</source>
      <translation>電話</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneDevices</name>
    <message>
      <location filename="../softphone_devices.py" line="110" />
      <source>A microphone and a speaker were found: calls have sound again.</source>
      <translation>已找到麥克風和喇叭：通話恢復聲音。</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneNotices</name>
    <message>
      <location filename="../softphone_notices.py" line="20" />
      <source>The ringer “%1” is not connected: calls ring on the speaker.</source>
      <translation>鈴聲裝置「%1」未連接：來電將在喇叭上響鈴。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="24" />
      <source>The microphone “%1” is not connected: the default one is used.</source>
      <translation>麥克風「%1」未連接：改用預設麥克風。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="26" />
      <source>The speaker “%1” is not connected: the default one is used.</source>
      <translation>喇叭「%1」未連接：改用預設喇叭。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="30" />
      <source>“%1” was disconnected: the call continues on “%2”.</source>
      <translation>「%1」已中斷連線：通話改在「%2」上繼續。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="33" />
      <source>No microphone was found: calls connect, but without sound.</source>
      <translation>找不到麥克風：通話可以接通，但沒有聲音。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="35" />
      <source>No speaker was found: calls connect, but without sound.</source>
      <translation>找不到喇叭：通話可以接通，但沒有聲音。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="36" />
      <source>No microphone or speaker was found: calls connect, but without sound.</source>
      <translation>找不到麥克風或喇叭：通話可以接通，但沒有聲音。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="41" />
      <source>%1 put the call on hold.</source>
      <translation>%1 將通話設為保留。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="43" />
      <source>%1 took the call off hold.</source>
      <translation>%1 已恢復通話。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="48" />
      <source>The transfer did not go through (%1). The caller is still on your line.</source>
      <translation>轉接未成功（%1）。來電者仍在您的線路上。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="55" />
      <source>Phone: the SIP server refused the phone's credentials (%1).</source>
      <translation>電話：SIP 伺服器拒絕了話機憑證（%1）。</translation>
    </message>
    <message>
      <location filename="../softphone_notices.py" line="57" />
      <source>Phone: the SIP server cannot be reached (%1).</source>
      <translation>電話：無法連線到 SIP 伺服器（%1）。</translation>
    </message>
  </context>
  <context>
    <name>SoftphonePanel</name>
    <message>
      <location filename="../softphone_panel.py" line="189" />
      <source>Calling %1…</source>
      <translation>正在撥打 %1…</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="251" />
      <source>Type the number to transfer to, then press Transfer.</source>
      <translation>請輸入要轉接的號碼，然後按「轉接」。</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="271" />
      <source>Sent tone %1</source>
      <translation>已送出按鍵音 %1</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="282" />
      <source>Phone: off</source>
      <translation>電話：未啟用</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="294" />
      <source>muted</source>
      <translation>已靜音</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="296" />
      <source>in conference</source>
      <translation>會議中</translation>
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
      <translation>會議</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="337" />
      <source>Number or extension</source>
      <translation>號碼或分機</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="338" />
      <source>Call</source>
      <translation>通話</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="339" />
      <source>Lines</source>
      <translation>線路</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="340" />
      <source>Audio devices…</source>
      <translation>音訊裝置…</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="341" />
      <source>Choose the microphone, speaker and ringer</source>
      <translation>選擇麥克風、喇叭和鈴聲裝置</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="342" />
      <source>Answer</source>
      <translation>接聽</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="343" />
      <source>Reject</source>
      <translation>拒接</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="344" />
      <source>Hang up</source>
      <translation>掛斷</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="345" />
      <source>Hold</source>
      <translation>保留</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="346" />
      <source>Resume</source>
      <translation>恢復</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="347" />
      <source>Mute</source>
      <translation>靜音</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="348" />
      <source>Transfer</source>
      <translation>轉接</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="354" />
      <source>Transfer (%1): type a number first for a blind transfer, or, with a consultation call on another line, connect the two.</source>
      <translation>轉接（%1）：先輸入號碼進行直接轉接；若另一條線路上有諮詢通話，則將雙方接通。</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="357" />
      <source>Join the talking lines into one conference, or split it.</source>
      <translation>將通話中的線路合併為會議，或拆分會議。</translation>
    </message>
    <message>
      <location filename="../softphone_panel.py" line="358" />
      <source>Call the number (Enter). %1 jumps to the number field.</source>
      <translation>撥打此號碼（Enter）。按 %1 跳到號碼欄。</translation>
    </message>
  </context>
  <context>
    <name>SoftphoneTray</name>
    <message>
      <location filename="../softphone_tray.py" line="19" />
      <location filename="../softphone_tray.py" line="24" />
      <source>Huitong</source>
      <translation>匯通</translation>
    </message>
    <message>
      <location filename="../softphone_tray.py" line="24" />
      <source>Huitong — %1</source>
      <translation>匯通 — %1</translation>
    </message>
    <message>
      <location filename="../softphone_tray.py" line="29" />
      <source>Incoming call</source>
      <translation>來電</translation>
    </message>
  </context>
  <context>
    <name>StateSelector</name>
    <message>
      <location filename="../routing_state.py" line="69" />
      <source>No break reasons are set up</source>
      <translation>尚未設定小休原因</translation>
    </message>
    <message>
      <location filename="../routing_state.py" line="81" />
      <source>State: —</source>
      <translation>狀態：—</translation>
    </message>
    <message>
      <location filename="../routing_state.py" line="101" />
      <source>%1 · %2 left</source>
      <translation>%1 · 剩餘 %2</translation>
    </message>
    <message>
      <location filename="../routing_state.py" line="105" />
      <source>Your routing state: whether new conversations and calls are offered to you</source>
      <translation>您的分配狀態：決定是否向您分配新的對話和來電</translation>
    </message>
  </context>
  <context>
    <name>TimelineDelegate</name>
    <message>
      <location filename="../timeline_delegate.py" line="72" />
      <location filename="../timeline_delegate.py" line="110" />
      <source>Sending…</source>
      <translation>正在傳送…</translation>
    </message>
  </context>
  <context>
    <name>TransferDialog</name>
    <message>
      <location filename="../transfer_dialog.py" line="99" />
      <source>Choose an agent or a queue.</source>
      <translation>請選擇一位客服人員或一個佇列。</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="115" />
      <location filename="../transfer_dialog.py" line="123" />
      <source>Transfer</source>
      <translation>轉接</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="116" />
      <source>Customer #%1</source>
      <translation>客戶 #%1</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="117" />
      <source>Transfer the %1 with %2</source>
      <translation>轉接與 %2 的%1</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="119" />
      <source>To an agent</source>
      <translation>轉給客服人員</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="120" />
      <source>To a queue</source>
      <translation>轉到佇列</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="121" />
      <source>Note for the next agent</source>
      <translation>給下一位客服人員的備註</translation>
    </message>
    <message>
      <location filename="../transfer_dialog.py" line="122" />
      <source>What the customer needs, what was done so far…</source>
      <translation>客戶的需求，目前已做的處理…</translation>
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
      <translation>話後處理已完成。</translation>
    </message>
    <message>
      <location filename="../routing_work.py" line="106" />
      <source>This queue has no phone number, so the call cannot be sent there. Pick an agent or another queue.</source>
      <translation>此佇列沒有電話號碼，通話無法轉到這裡。請選擇一位坐席或其他佇列。</translation>
    </message>
    <message>
      <location filename="../routing_work.py" line="113" />
      <source>Transferring the call…</source>
      <translation>正在轉接通話…</translation>
    </message>
    <message>
      <location filename="../routing_work.py" line="115" />
      <source>Transferred.</source>
      <translation>已轉接。</translation>
    </message>
  </context>
  <context>
    <name>WrapUpDialog</name>
    <message>
      <location filename="../wrap_up_dialog.py" line="87" />
      <source>Choose a disposition…</source>
      <translation>請選擇處理結果…</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="87" />
      <source>(none)</source>
      <translation>（無）</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="108" />
      <source>This queue needs a disposition.</source>
      <translation>此佇列要求填寫處理結果。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="111" />
      <source>The note is too long (at most %1 characters).</source>
      <translation>備註太長（最多 %1 個字元）。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="132" />
      <source>No after-call-work time for this channel.</source>
      <translation>此管道沒有話後處理時間。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="136" />
      <source>After-call work: %1 left</source>
      <translation>話後處理：剩餘 %1</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="138" />
      <source>After-call work is over: you are available again.</source>
      <translation>話後處理已結束：您已恢復閒置。</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="146" />
      <source>Wrap up</source>
      <translation>話後處理</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="147" />
      <source>Customer #%1</source>
      <translation>客戶 #%1</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="148" />
      <source>%1 with %2</source>
      <translation>與 %2 的%1</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="149" />
      <source>Disposition (required)</source>
      <translation>處理結果（必填）</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="150" />
      <source>Disposition</source>
      <translation>處理結果</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="151" />
      <source>Note</source>
      <translation>備註</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="152" />
      <source>What happened, what was promised…</source>
      <translation>發生了什麼，承諾了什麼…</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="153" />
      <source>Submit</source>
      <translation>提交</translation>
    </message>
    <message>
      <location filename="../wrap_up_dialog.py" line="154" />
      <source>Later</source>
      <translation>稍後</translation>
    </message>
  </context>
</TS>