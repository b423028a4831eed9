<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
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
    <name>CustomerPanel</name>
    <message>
      <location filename="../customer_panel.py" line="108" />
      <source>This customer was merged; showing the combined record.</source>
      <translation>此客戶已被合併，現在顯示合併後的紀錄。</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="117" />
      <source>Not available offline</source>
      <translation>離線時無法檢視</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="131" />
      <source>Loading…</source>
      <translation>載入中…</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="135" />
      <source>Customer #%1</source>
      <translation>客戶編號 %1</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="175" />
      <source>Timeline — every channel, newest first</source>
      <translation>時間軸 — 所有管道，最新的在前</translation>
    </message>
    <message>
      <location filename="../customer_panel.py" line="176" />
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
      <location filename="../desk_controller.py" line="173" />
      <source>Your session has ended. Please sign in again.</source>
      <translation>您的工作階段已結束，請重新登入。</translation>
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
      <location filename="../main_window.py" line="37" />
      <source>Customers</source>
      <translation>客戶</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="38" />
      <source>Signing in…</source>
      <translation>正在登入…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="40" />
      <source>Inbox</source>
      <translation>收件匣</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="41" />
      <source>Chat, e-mail, SMS and social conversations will arrive here. The unified inbox comes in a later release.</source>
      <translation>線上聊天、電子郵件、簡訊和社群對話將匯集在這裡。統一收件匣將在後續版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="43" />
      <source>Calls</source>
      <translation>通話</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="44" />
      <source>The softphone and call history come in a later release.</source>
      <translation>軟體電話和通話紀錄將在後續版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="46" />
      <source>Supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="47" />
      <source>The live wall of agents and queues comes in a later release.</source>
      <translation>客服人員與佇列的即時監控牆將在後續版本中推出。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="97" />
      <source>Huitong — agent desk</source>
      <translation>匯通 — 客服工作台</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="98" />
      <source>&amp;Session</source>
      <translation>工作階段(&amp;S)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="99" />
      <source>&amp;Language</source>
      <translation>語言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="100" />
      <source>Find customer</source>
      <translation>尋找客戶</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="101" />
      <source>Sign out</source>
      <translation>登出</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="102" />
      <source>Quit</source>
      <translation>結束</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="103" />
      <source>Signed in as %1</source>
      <translation>已登入：%1</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="104" />
      <source>Not signed in</source>
      <translation>未登入</translation>
    </message>
    <message numerus="yes">
      <location filename="../main_window.py" line="105" />
      <source>%n note(s) waiting to send</source>
      <translation>
        <numerusform>%n 則備註等待傳送</numerusform>
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
    <name>TimelineDelegate</name>
    <message>
      <location filename="../timeline_delegate.py" line="66" />
      <location filename="../timeline_delegate.py" line="104" />
      <source>Sending…</source>
      <translation>傳送中…</translation>
    </message>
  </context>
</TS>