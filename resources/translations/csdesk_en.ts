<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>App</name>
    <message>
      <source>无法打开话术库</source>
      <translation>Cannot open the library</translation>
    </message>
  </context>
  <context>
    <name>ClashDialog</name>
    <message>
      <source>快捷编码冲突</source>
      <translation>Shortcut code clash</translation>
    </message>
    <message>
      <source>团队话术库的条目和你自己改过的条目用了同一个快捷编码。选一次,以后的更新会记住。</source>
      <translation>A team entry and an entry you edited use the same shortcut code. Choose once; later updates remember it.</translation>
    </message>
    <message>
      <source>你的</source>
      <translation>Yours</translation>
    </message>
    <message>
      <source>团队的</source>
      <translation>Team</translation>
    </message>
    <message>
      <source>用我的</source>
      <translation>Use mine</translation>
    </message>
    <message>
      <source>用团队的</source>
      <translation>Use the team's</translation>
    </message>
  </context>
  <context>
    <name>CoachingPage</name>
    <message>
      <source>测试与培训</source>
      <translation>Tests &amp;&amp; training</translation>
    </message>
  </context>
  <context>
    <name>Copier</name>
    <message>
      <source>复制失败</source>
      <translation>Copy failed</translation>
    </message>
    <message>
      <source>没有复制:还缺 %1</source>
      <translation>Not copied: %1 still missing</translation>
    </message>
    <message>
      <source>已复制</source>
      <translation>Copied</translation>
    </message>
    <message>
      <source>+ 图片</source>
      <translation>+ image</translation>
    </message>
    <message>
      <source>+ 文件</source>
      <translation>+ file</translation>
    </message>
    <message>
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>在文件夹中显示</source>
      <translation>Show in folder</translation>
    </message>
  </context>
  <context>
    <name>CustomerPanel</name>
    <message>
      <source>当前客户</source>
      <translation>Customer</translation>
    </message>
    <message>
      <source>粘贴或输入客户昵称</source>
      <translation>Paste or type the customer's nickname</translation>
    </message>
    <message>
      <source>建档</source>
      <translation>Save customer</translation>
    </message>
    <message>
      <source>把这位客户记下来,以后输入昵称就能看到标签和备注</source>
      <translation>Remember this customer: next time their nickname shows their tags and notes</translation>
    </message>
    <message>
      <source>展开 / 收起客户标签和备注</source>
      <translation>Show / hide the customer's tags and notes</translation>
    </message>
    <message>
      <source>如 1995-03-08 或 03-08</source>
      <translation>e.g. 1995-03-08 or 03-08</translation>
    </message>
    <message>
      <source>退过货、投诉过……</source>
      <translation>Returned an order, complained…</translation>
    </message>
    <message>
      <source>身高体重、常穿尺码、口味、忌口……</source>
      <translation>Height and weight, usual size, tastes, allergies…</translation>
    </message>
    <message>
      <source>生日</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <source>售后记录</source>
      <translation>After-sale</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>保存客户信息</source>
      <translation>Save customer details</translation>
    </message>
    <message>
      <source>收起 ▴</source>
      <translation>Fold ▴</translation>
    </message>
    <message>
      <source>客户标签 ▾</source>
      <translation>Customer tags ▾</translation>
    </message>
    <message>
      <source>已保存</source>
      <translation>Saved</translation>
    </message>
    <message>
      <source>填了客户昵称,回复里的 {客户昵称} 会自动填好;点标签,适合他的话术排在前面(不填昵称不保存)。</source>
      <translation>With a nickname, {客户昵称} in replies is filled in; click tags to rank replies for this customer first (nothing is saved without a nickname).</translation>
    </message>
    <message>
      <source>新客户:点标签或「建档」就会记下来</source>
      <translation>New customer: click a tag or "Save customer" to remember them</translation>
    </message>
    <message>
      <source>已建档</source>
      <translation>Known customer</translation>
    </message>
    <message>
      <source>今天生日!</source>
      <translation>Birthday today!</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>出现了意外错误,详情已写入日志:</source>
      <translation>An unexpected error occurred; details were written to the log:</translation>
    </message>
    <message>
      <source>csdesk</source>
      <translation>csdesk</translation>
    </message>
  </context>
  <context>
    <name>FillInDialog</name>
    <message>
      <source>补全回复内容</source>
      <translation>Complete the reply</translation>
    </message>
    <message>
      <source>这条回复还缺少以下内容,填好后再复制:</source>
      <translation>This reply still needs the following; fill them in to copy it:</translation>
    </message>
    <message>
      <source>回车 = 今天 %1</source>
      <translation>Enter = today %1</translation>
    </message>
    <message>
      <source>今天 %1</source>
      <translation>Today %1</translation>
    </message>
    <message>
      <source>复制</source>
      <translation>Copy</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>还没填:%1</source>
      <translation>Still empty: %1</translation>
    </message>
  </context>
  <context>
    <name>Hotkey</name>
    <message>
      <source>全局快捷键可用。</source>
      <translation>The global hotkey is available.</translation>
    </message>
    <message>
      <source>全局快捷键可用(X11)。</source>
      <translation>The global hotkey is available (X11).</translation>
    </message>
    <message>
      <source>找不到 libX11,无法注册全局快捷键。</source>
      <translation>libX11 was not found; the global hotkey cannot be registered.</translation>
    </message>
    <message>
      <source>Wayland 不允许程序抢占全局快捷键。请在系统设置里添加一个自定义快捷键,命令为:csdesk --toggle</source>
      <translation>Wayland does not let applications grab global hotkeys. Add a custom shortcut in your system settings that runs: csdesk --toggle</translation>
    </message>
    <message>
      <source>当前显示环境不支持全局快捷键。可以用命令 csdesk --toggle 呼出搜索框。</source>
      <translation>This display does not support global hotkeys. Run csdesk --toggle to bring up the quick search.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>csdesk 客服话术</source>
      <translation>csdesk customer-service replies</translation>
    </message>
    <message>
      <source>工作台</source>
      <translation>Workspace</translation>
    </message>
    <message>
      <source>流程 SOP</source>
      <translation>SOPs</translation>
    </message>
    <message>
      <source>正在打开管理页…</source>
      <translation>Opening the management page…</translation>
    </message>
    <message>
      <source>管理</source>
      <translation>Manage</translation>
    </message>
    <message>
      <source>正在打开测试与培训…</source>
      <translation>Opening Tests &amp; training…</translation>
    </message>
    <message>
      <source>测试与培训页打开失败,详情见日志。</source>
      <translation>The Tests &amp; training page could not open; see the log.</translation>
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>导入…</source>
      <translation>Import…</translation>
    </message>
    <message>
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <source>设置…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>快速搜索浮窗</source>
      <translation>Quick search palette</translation>
    </message>
    <message>
      <source>窗口置顶(侧边栏模式)</source>
      <translation>Always on top (side panel)</translation>
    </message>
    <message>
      <source>话术库:%1</source>
      <translation>Library: %1</translation>
    </message>
    <message>
      <source>正在建立搜索索引 %p%</source>
      <translation>Building the search index %p%</translation>
    </message>
    <message>
      <source>共 %1 条话术</source>
      <translation>%1 replies</translation>
    </message>
    <message>
      <source>锁定时间和复制前检查红线是主管设置,需要主管模式。</source>
      <translation>The lock timeout and the red-line check before copying are supervisor settings: supervisor mode is needed.</translation>
    </message>
    <message>
      <source>管理页打开失败,详情见日志。</source>
      <translation>The management page could not open; see the log.</translation>
    </message>
    <message>
      <source>搜索索引已就绪</source>
      <translation>The search index is ready</translation>
    </message>
    <message>
      <source>建立搜索索引失败</source>
      <translation>Building the search index failed</translation>
    </message>
  </context>
  <context>
    <name>Palette</name>
    <message>
      <source>搜话术,Enter 复制,Esc 关闭</source>
      <translation>Search replies, Enter copies, Esc closes</translation>
    </message>
    <message>
      <source>通用</source>
      <translation>Shared</translation>
    </message>
    <message>
      <source>店铺:%1</source>
      <translation>Shop: %1</translation>
    </message>
    <message>
      <source>找到 %1 条 · Ctrl+1…9 直接复制</source>
      <translation>%1 found · Ctrl+1…9 copies directly</translation>
    </message>
    <message>
      <source>常用话术 · 输入关键字、拼音首字母或 /编码</source>
      <translation>Frequently used · type words, pinyin initials or /code</translation>
    </message>
  </context>
  <context>
    <name>PreviewPane</name>
    <message>
      <source>版本:</source>
      <translation>Version:</translation>
    </message>
    <message>
      <source>Enter 复制 · Ctrl+1…9 复制第几条 · /编码 直达 · Ctrl+PgUp/PgDn 换店铺 · Esc 清空</source>
      <translation>Enter copies · Ctrl+1…9 copies the n-th · /code jumps · Ctrl+PgUp/PgDn switches shop · Esc clears</translation>
    </message>
    <message>
      <source>显示 / 收起这条话术的好坏案例(Ctrl+E)</source>
      <translation>Show / hide this reply's good and bad examples (Ctrl+E)</translation>
    </message>
    <message>
      <source>双击打开;右键可以单独复制</source>
      <translation>Double-click to open; right-click to copy it alone</translation>
    </message>
    <message>
      <source>输入关键字、拼音首字母或 /快捷编码 查找话术</source>
      <translation>Type words, pinyin initials or /code to find a reply</translation>
    </message>
    <message>
      <source>这一步提到:</source>
      <translation>This step mentions:</translation>
    </message>
    <message>
      <source>通用</source>
      <translation>Shared</translation>
    </message>
    <message>
      <source>编码 /%1</source>
      <translation>Code /%1</translation>
    </message>
    <message>
      <source>红线·禁止</source>
      <translation>Red line · block</translation>
    </message>
    <message>
      <source>红线·提醒</source>
      <translation>Red line · warning</translation>
    </message>
    <message>
      <source>已填</source>
      <translation>filled</translation>
    </message>
    <message>
      <source>待填</source>
      <translation>to fill</translation>
    </message>
    <message>
      <source>复制时会请你补全</source>
      <translation>you will be asked when copying</translation>
    </message>
    <message>
      <source>案例 %1</source>
      <translation>Examples %1</translation>
    </message>
    <message>
      <source>原文</source>
      <translation>Original</translation>
    </message>
    <message>
      <source>适合「%1」</source>
      <translation>for "%1"</translation>
    </message>
    <message>
      <source>A/B 组 %1</source>
      <translation>A/B group %1</translation>
    </message>
    <message>
      <source>以下内容给你看的,不发给客户</source>
      <translation>For you only, not sent to the customer</translation>
    </message>
    <message>
      <source>回复思路</source>
      <translation>How to answer</translation>
    </message>
    <message>
      <source>依据</source>
      <translation>Basis</translation>
    </message>
    <message>
      <source>相似问法:</source>
      <translation>Also asked as: </translation>
    </message>
    <message>
      <source>客户会这样问</source>
      <translation>Customers ask</translation>
    </message>
    <message>
      <source>场景</source>
      <translation>Scenario</translation>
    </message>
    <message>
      <source>好的案例</source>
      <translation>Good example</translation>
    </message>
    <message>
      <source>反面案例</source>
      <translation>Bad example</translation>
    </message>
    <message>
      <source>单独复制这个素材</source>
      <translation>Copy this asset alone</translation>
    </message>
    <message>
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>在文件夹中显示</source>
      <translation>Show in folder</translation>
    </message>
  </context>
  <context>
    <name>PublishDialog</name>
    <message>
      <source>发布到团队库</source>
      <translation>Publish to the team library</translation>
    </message>
    <message>
      <source>店铺</source>
      <translation>Shops</translation>
    </message>
    <message>
      <source>共享盘上的团队话术库文件夹</source>
      <translation>Team library folder on the shared drive</translation>
    </message>
    <message>
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>文件夹</source>
      <translation>Folder</translation>
    </message>
    <message>
      <source>这一版改了什么(客服更新时会看到)</source>
      <translation>What this version changes (agents see it with the update)</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>个人条目不会发布。客服的 csdesk 会在 5 分钟内自动更新到新版本。</source>
      <translation>Personal entries are not published. Agents' csdesk picks up the new version within 5 minutes.</translation>
    </message>
    <message>
      <source>发布</source>
      <translation>Publish</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>选择团队话术库文件夹</source>
      <translation>Choose the team library folder</translation>
    </message>
    <message>
      <source>请至少选择一个店铺。</source>
      <translation>Choose at least one shop.</translation>
    </message>
    <message>
      <source>请选择发布到的文件夹。</source>
      <translation>Choose the folder to publish to.</translation>
    </message>
    <message>
      <source>正在发布…</source>
      <translation>Publishing…</translation>
    </message>
    <message>
      <source>%1 条话术含红线词(见上)。确认无误请再点「发布」。</source>
      <translation>%1 entries contain red-line words (listed above). Click Publish again to publish anyway.</translation>
    </message>
    <message>
      <source>仍然发布</source>
      <translation>Publish anyway</translation>
    </message>
    <message>
      <source>已发布第 %1 版</source>
      <translation>Published version %1</translation>
    </message>
    <message>
      <source>发布失败:</source>
      <translation>Publishing failed: </translation>
    </message>
  </context>
  <context>
    <name>RedLineDialog</name>
    <message>
      <source>红线提醒</source>
      <translation>Red-line warning</translation>
    </message>
    <message>
      <source>红线拦截</source>
      <translation>Red line: blocked</translation>
    </message>
    <message>
      <source>这条回复含有禁止使用的词,不能直接发给客户。</source>
      <translation>This reply contains forbidden wording and must not be sent as it is.</translation>
    </message>
    <message>
      <source>这条回复里有需要注意的用词,请确认后再发。</source>
      <translation>This reply has wording to watch; check it before sending.</translation>
    </message>
    <message>
      <source>越过红线的理由(必填,会记录在使用记录里)</source>
      <translation>Reason for overriding (required, recorded in the usage log)</translation>
    </message>
    <message>
      <source>越过红线并复制</source>
      <translation>Override and copy</translation>
    </message>
    <message>
      <source>仍然复制</source>
      <translation>Copy anyway</translation>
    </message>
    <message>
      <source>不复制</source>
      <translation>Don't copy</translation>
    </message>
    <message>
      <source>拦截</source>
      <translation>blocked</translation>
    </message>
    <message>
      <source>提醒</source>
      <translation>warning</translation>
    </message>
    <message>
      <source>建议:</source>
      <translation>Suggestion: </translation>
    </message>
  </context>
  <context>
    <name>ResultDelegate</name>
    <message>
      <source>问:</source>
      <translation>Q: </translation>
    </message>
    <message>
      <source>通用</source>
      <translation>Shared</translation>
    </message>
    <message>
      <source>(这一步没有话术,照说明操作)</source>
      <translation>(No reply for this step; follow the instruction)</translation>
    </message>
    <message>
      <source>图</source>
      <translation>Image</translation>
    </message>
    <message>
      <source>视频</source>
      <translation>Video</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <source>变体</source>
      <translation>Variant</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>回复里的 {客服名},也记在使用记录里</source>
      <translation>{客服名} in replies; also recorded in the usage log</translation>
    </message>
    <message>
      <source>客服名</source>
      <translation>Agent name</translation>
    </message>
    <message>
      <source>当前快捷键没能注册,可能被别的程序占用了,换一个试试。</source>
      <translation>The hotkey could not be registered; another program may use it. Try another one.</translation>
    </message>
    <message>
      <source>界面语言在重启后生效。</source>
      <translation>The interface language changes after a restart.</translation>
    </message>
    <message>
      <source>默认</source>
      <translation>Default</translation>
    </message>
    <message>
      <source>记录复制和搜索(主管的「数据」页统计用)</source>
      <translation>Record copies and searches (for the supervisor's Data page)</translation>
    </message>
    <message>
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>换话术库文件夹后,需要重启 csdesk 才会生效。</source>
      <translation>A new library folder takes effect after csdesk restarts.</translation>
    </message>
    <message>
      <source>话术库位置</source>
      <translation>Library folder</translation>
    </message>
    <message>
      <source>共享盘上的文件夹,主管在这里发布团队话术库</source>
      <translation>A folder on the shared drive where the supervisor publishes the team library</translation>
    </message>
    <message>
      <source>立即检查</source>
      <translation>Check now</translation>
    </message>
    <message>
      <source>团队话术库文件夹</source>
      <translation>Team library folder</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>主管设置</source>
      <translation>Supervisor settings</translation>
    </message>
    <message>
      <source> 分钟</source>
      <translation> min</translation>
    </message>
    <message>
      <source>从不自动锁定</source>
      <translation>Never lock automatically</translation>
    </message>
    <message>
      <source>关掉后,客服复制含禁止词的回复时不再被拦下(仍会记录)。整个话术库生效。</source>
      <translation>When off, agents are no longer stopped from copying replies with blocked words (still logged). Applies to the whole library.</translation>
    </message>
    <message>
      <source>进入主管模式…</source>
      <translation>Enter supervisor mode…</translation>
    </message>
    <message>
      <source>主管模式:可以修改。</source>
      <translation>Supervisor mode: these can be changed.</translation>
    </message>
    <message>
      <source>只有主管模式才能修改这些设置。</source>
      <translation>Only supervisor mode can change these settings.</translation>
    </message>
    <message>
      <source>选择话术库文件夹</source>
      <translation>Choose the library folder</translation>
    </message>
    <message>
      <source>选择团队话术库文件夹</source>
      <translation>Choose the team library folder</translation>
    </message>
    <message>
      <source>请先填写团队话术库文件夹。</source>
      <translation>Enter the team library folder first.</translation>
    </message>
    <message>
      <source>正在检查…</source>
      <translation>Checking…</translation>
    </message>
  </context>
  <context>
    <name>SopView</name>
    <message>
      <source>处理流程</source>
      <translation>Procedures</translation>
    </message>
    <message>
      <source>↑↓ 选步骤 · Enter 复制这一步的话术 · Ctrl+1…9 复制第几步 · ←→ 流程 / 步骤</source>
      <translation>↑↓ pick a step · Enter copies its reply · Ctrl+1…9 copies the n-th step · ←→ scenarios / steps</translation>
    </message>
    <message>
      <source>这个店铺还没有处理流程。主管可以在「管理」里添加。</source>
      <translation>This shop has no procedures yet. A supervisor can add them under Manage.</translation>
    </message>
    <message>
      <source>流程「%1」</source>
      <translation>SOP “%1”</translation>
    </message>
    <message>
      <source>话术「%1」</source>
      <translation>Reply “%1”</translation>
    </message>
  </context>
  <context>
    <name>StartupSplash</name>
    <message>
      <source>csdesk 客服话术</source>
      <translation>csdesk customer-service replies</translation>
    </message>
    <message>
      <source>第一次启动:正在创建话术库和演示内容…</source>
      <translation>First start: creating the reply library and its demo content…</translation>
    </message>
  </context>
  <context>
    <name>TeamLibrary</name>
    <message>
      <source>文件夹「%1」不存在。请检查路径,或共享盘是否已连接。</source>
      <translation>The folder “%1” does not exist. Check the path, or whether the shared drive is connected.</translation>
    </message>
    <message>
      <source>文件夹「%1」无法读取。请检查共享盘的访问权限。</source>
      <translation>The folder “%1” cannot be read. Check your access rights to the shared drive.</translation>
    </message>
    <message>
      <source>还没有应用过团队话术库。</source>
      <translation>No team library version applied yet.</translation>
    </message>
    <message>
      <source>当前团队版本:第 %1 版</source>
      <translation>Current team version: %1</translation>
    </message>
    <message>
      <source>团队话术库已更新到第 %1 版</source>
      <translation>Team library updated to version %1</translation>
    </message>
    <message>
      <source>发布人:%1</source>
      <translation>Published by: %1</translation>
    </message>
    <message>
      <source>说明:%1</source>
      <translation>Note: %1</translation>
    </message>
    <message>
      <source>有 %1 条需要注意:</source>
      <translation>%1 thing(s) to note:</translation>
    </message>
    <message>
      <source>……另有 %1 条</source>
      <translation>… and %1 more</translation>
    </message>
    <message>
      <source>团队话术库</source>
      <translation>Team library</translation>
    </message>
    <message>
      <source>这台电脑的话术库里有 %1 条没改过的演示内容。用团队话术库替换它们吗?
演示内容会移入回收站,可以恢复;你自己写的和改过的条目不受影响。</source>
      <translation>This computer's library holds %1 untouched demo entries. Replace them with the team library?
The demo entries go to the trash (restorable); entries you wrote or edited are not touched.</translation>
    </message>
    <message>
      <source>替换演示内容</source>
      <translation>Replace the demo content</translation>
    </message>
    <message>
      <source>保留</source>
      <translation>Keep</translation>
    </message>
    <message>
      <source>没有新版本。</source>
      <translation>No new version.</translation>
    </message>
  </context>
  <context>
    <name>Tray</name>
    <message>
      <source>显示主窗口</source>
      <translation>Show window</translation>
    </message>
    <message>
      <source>快速搜索</source>
      <translation>Quick search</translation>
    </message>
    <message>
      <source>窗口置顶(侧边栏)</source>
      <translation>Always on top (side panel)</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>csdesk 客服话术</source>
      <translation>csdesk customer-service replies</translation>
    </message>
  </context>
  <context>
    <name>VideoPanel</name>
    <message>
      <source>复制视频</source>
      <translation>Copy video</translation>
    </message>
    <message>
      <source>把视频文件单独复制,文件名就是素材标题</source>
      <translation>Copy the video file alone, named by the asset's title</translation>
    </message>
    <message>
      <source>⏸ 暂停</source>
      <translation>⏸ Pause</translation>
    </message>
    <message>
      <source>▶ 播放</source>
      <translation>▶ Play</translation>
    </message>
    <message>
      <source>时长 %1
Ctrl+P 播放/暂停</source>
      <translation>Length %1
Ctrl+P play/pause</translation>
    </message>
    <message>
      <source>Ctrl+P 播放/暂停</source>
      <translation>Ctrl+P play/pause</translation>
    </message>
    <message>
      <source>这里放不了视频:
双击素材用系统播放器打开</source>
      <translation>The video cannot play here:
double-click the asset to open it in the system's player</translation>
    </message>
    <message>
      <source>缺少 Qt 多媒体组件,或这个文件无法解码;复制视频不受影响。</source>
      <translation>Qt Multimedia is missing or cannot decode this file; copying the video still works.</translation>
    </message>
  </context>
  <context>
    <name>Workspace</name>
    <message>
      <source>当前店铺无此编码 /%1,它在店铺「%2」中</source>
      <translation>No code /%1 in this shop; it is in “%2”</translation>
    </message>
    <message>
      <source>无此编码 /%1(下面是相近的结果,↓ 选中后再复制)</source>
      <translation>No such code /%1 (similar results below: select one with ↓ to copy it)</translation>
    </message>
    <message>
      <source>切换店铺(通用话术在每个店铺里都能搜到)· Ctrl+PgUp / Ctrl+PgDn 上一个 / 下一个店铺</source>
      <translation>Switch shop (shared replies are found in every shop) · Ctrl+PgUp / Ctrl+PgDn previous / next shop</translation>
    </message>
    <message>
      <source>店铺</source>
      <translation>Shop</translation>
    </message>
    <message>
      <source>Ctrl+PgUp / Ctrl+PgDn 切换店铺</source>
      <translation>Ctrl+PgUp / Ctrl+PgDn switch shop</translation>
    </message>
    <message>
      <source>分类</source>
      <translation>Categories</translation>
    </message>
    <message>
      <source>条目标签</source>
      <translation>Entry tags</translation>
    </message>
    <message>
      <source>只看带这个条目标签的话术(如 易售后、价格敏感型)</source>
      <translation>Only replies with this entry tag (e.g. 易售后, 价格敏感型)</translation>
    </message>
    <message>
      <source>搜索话术:关键字 / 拼音首字母(cm = 尺码)/ /快捷编码</source>
      <translation>Search replies: words / pinyin initials (cm = 尺码) / /code</translation>
    </message>
    <message>
      <source>店铺:%1</source>
      <translation>Shop: %1</translation>
    </message>
    <message>
      <source>已复制「%1」</source>
      <translation>Copied "%1"</translation>
    </message>
    <message>
      <source>没有把握:没有一条明显对得上「%1」。下面几条可能相关,请看清后用 ↓ 选中再复制。</source>
      <translation>Not sure: nothing clearly matches "%1". The rows below may be related: check them and pick one with ↓ before copying.</translation>
    </message>
    <message>
      <source>没有找到「%1」。换个说法,或试试拼音首字母。</source>
      <translation>Nothing found for "%1". Try other words or pinyin initials.</translation>
    </message>
    <message>
      <source>没有把握 · %1 条可能相关</source>
      <translation>Not sure · %1 possibly related</translation>
    </message>
    <message>
      <source>找到 %1 条</source>
      <translation>%1 found</translation>
    </message>
    <message>
      <source>常用话术</source>
      <translation>Frequently used</translation>
    </message>
    <message>
      <source>全部条目标签</source>
      <translation>All entry tags</translation>
    </message>
  </context>
  <context>
    <name>WorkspaceModels</name>
    <message>
      <source>通用(所有店铺)</source>
      <translation>Shared (all shops)</translation>
    </message>
    <message>
      <source>全部分类</source>
      <translation>All categories</translation>
    </message>
    <message>
      <source>(通用)</source>
      <translation> (shared)</translation>
    </message>
    <message>
      <source>%1(本店与通用的话术)</source>
      <translation>%1 (this shop's and shared replies)</translation>
    </message>
    <message>
      <source>%1(通用话术)</source>
      <translation>%1 (shared replies)</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <source>呼出快捷键</source>
      <translation>Global hotkey</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>跟随系统</source>
      <translation>System</translation>
    </message>
    <message>
      <source>简体中文</source>
      <translation>简体中文 (Chinese)</translation>
    </message>
    <message>
      <source>English</source>
      <translation>English</translation>
    </message>
    <message>
      <source>主题</source>
      <translation>Theme</translation>
    </message>
    <message>
      <source>浅色</source>
      <translation>Light</translation>
    </message>
    <message>
      <source>深色</source>
      <translation>Dark</translation>
    </message>
    <message>
      <source>字号(0 = 默认)</source>
      <translation>Font size (0 = default)</translation>
    </message>
    <message>
      <source>启动时最小化到托盘</source>
      <translation>Start minimised to the tray</translation>
    </message>
    <message>
      <source>关闭窗口时最小化到托盘</source>
      <translation>Closing the window keeps csdesk in the tray</translation>
    </message>
    <message>
      <source>窗口置顶(侧边栏模式)</source>
      <translation>Always on top (side panel)</translation>
    </message>
    <message>
      <source>上次使用的店铺</source>
      <translation>Last shop</translation>
    </message>
    <message>
      <source>窗口位置</source>
      <translation>Window position</translation>
    </message>
    <message>
      <source>窗口布局</source>
      <translation>Window layout</translation>
    </message>
    <message>
      <source>主管模式空闲自动锁定(分钟)</source>
      <translation>Lock supervisor mode when idle (minutes)</translation>
    </message>
    <message>
      <source>复制前提示警告级红线词</source>
      <translation>Warn about red-line warning words before copying</translation>
    </message>
    <message>
      <source>复制前检查红线:含禁止级红线词的回复不复制</source>
      <translation>Check red lines before copying: replies with blocked words are not copied</translation>
    </message>
    <message>
      <source>复制回复时一并复制关联的图片和文件</source>
      <translation>Copy linked images and files with the reply</translation>
    </message>
  </context>
</TS>