<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
  <name>GapEntryDialog</name>
  <message>
    <source>把高频问题做成新话术</source>
    <translation>Make the question a new entry</translation>
  </message>
  <message>
    <source>问题与相似问法</source>
    <translation>Question and similar questions</translation>
  </message>
  <message>
    <source>店铺</source>
    <translation>Shop</translation>
  </message>
  <message>
    <source>写好回复;以后客服搜索这些问法就能找到它</source>
    <translation>Write the reply; agents searching any of these wordings will find it</translation>
  </message>
  <message>
    <source>回复</source>
    <translation>Reply</translation>
  </message>
  <message>
    <source>保存为新话术</source>
    <translation>Save as a new entry</translation>
  </message>
</context>
<context>
  <name>InsightPage</name>
  <message>
    <source>最近 %1 天</source>
    <translation>Last %1 days</translation>
  </message>
  <message>
    <source>自定义</source>
    <translation>Custom</translation>
  </message>
  <message>
    <source>导出周报…</source>
    <translation>Export weekly report…</translation>
  </message>
  <message>
    <source>打印速查表…</source>
    <translation>Print cheat sheet…</translation>
  </message>
  <message>
    <source>汇总团队使用记录</source>
    <translation>Read the team's usage</translation>
  </message>
  <message>
    <source>读入客服写到团队文件夹 usage 里的使用记录(同一文件读两次只算一次)</source>
    <translation>Read the usage files agents write into the team folder's usage folder (a file read twice counts once)</translation>
  </message>
  <message>
    <source>时间:</source>
    <translation>Period:</translation>
  </message>
  <message>
    <source>店铺:</source>
    <translation>Shop:</translation>
  </message>
  <message>
    <source>客服:</source>
    <translation>Agent:</translation>
  </message>
  <message>
    <source>复制</source>
    <translation>Copies</translation>
  </message>
  <message>
    <source>越过红线</source>
    <translation>Red line overridden</translation>
  </message>
  <message>
    <source>没找到的搜索</source>
    <translation>Searches that found nothing</translation>
  </message>
  <message>
    <source>找到没复制</source>
    <translation>Found, nothing copied</translation>
  </message>
  <message>
    <source>用过的话术</source>
    <translation>Entries used</translation>
  </message>
  <message>
    <source>没用过的话术</source>
    <translation>Entries never used</translation>
  </message>
  <message>
    <source>编码</source>
    <translation>Code</translation>
  </message>
  <message>
    <source>标题</source>
    <translation>Title</translation>
  </message>
  <message>
    <source>店铺</source>
    <translation>Shop</translation>
  </message>
  <message>
    <source>分类</source>
    <translation>Category</translation>
  </message>
  <message>
    <source>最近的理由</source>
    <translation>Latest reasons</translation>
  </message>
  <message>
    <source>店铺 / 分类</source>
    <translation>Shop / category</translation>
  </message>
  <message>
    <source>问题</source>
    <translation>Question</translation>
  </message>
  <message>
    <source>次数</source>
    <translation>Times</translation>
  </message>
  <message>
    <source>没找到</source>
    <translation>Found nothing</translation>
  </message>
  <message>
    <source>其他问法</source>
    <translation>Other wordings</translation>
  </message>
  <message>
    <source>最接近的话术</source>
    <translation>Closest entry</translation>
  </message>
  <message>
    <source>做成新话术…</source>
    <translation>Make a new entry…</translation>
  </message>
  <message>
    <source>加为已有话术的相似问法…</source>
    <translation>Add as similar questions of an entry…</translation>
  </message>
  <message>
    <source>忽略</source>
    <translation>Dismiss</translation>
  </message>
  <message>
    <source>高频新问题</source>
    <translation>Knowledge gaps</translation>
  </message>
  <message>
    <source>最常用</source>
    <translation>Most used</translation>
  </message>
  <message>
    <source>没用过</source>
    <translation>Never used</translation>
  </message>
  <message>
    <source>店铺与分类</source>
    <translation>Shops and categories</translation>
  </message>
  <message>
    <source>全部店铺</source>
    <translation>All shops</translation>
  </message>
  <message>
    <source>全部客服</source>
    <translation>All agents</translation>
  </message>
  <message>
    <source>(未填客服名)</source>
    <translation>(no agent name)</translation>
  </message>
  <message>
    <source>(未选店铺)</source>
    <translation>(no shop chosen)</translation>
  </message>
  <message>
    <source>未分类</source>
    <translation>Uncategorised</translation>
  </message>
  <message>
    <source>每日复制次数</source>
    <translation>Copies per day</translation>
  </message>
  <message>
    <source>%1 起第几天</source>
    <translation>Days from %1</translation>
  </message>
  <message>
    <source>客服复制与越过红线</source>
    <translation>Copies and red lines overridden per agent</translation>
  </message>
  <message>
    <source>正在分析搜索记录…</source>
    <translation>Analysing the searches…</translation>
  </message>
  <message>
    <source>%1 组没解决的问题,按次数排列</source>
    <translation>%1 unanswered questions, most asked first</translation>
  </message>
  <message>
    <source>这段时间没有没解决的搜索</source>
    <translation>No unanswered searches in this period</translation>
  </message>
  <message>
    <source>需要主管模式</source>
    <translation>Needs supervisor mode</translation>
  </message>
  <message>
    <source>已新建话术:%1</source>
    <translation>New entry made: %1</translation>
  </message>
  <message>
    <source>加到哪条话术的相似问法?</source>
    <translation>Add to the similar questions of which entry?</translation>
  </message>
  <message>
    <source>已加为「%1」的相似问法</source>
    <translation>Added as similar questions of '%1'</translation>
  </message>
  <message>
    <source>导出周报</source>
    <translation>Export weekly report</translation>
  </message>
  <message>
    <source>Excel 工作簿 (*.xlsx);;PDF (*.pdf);;网页 (*.html)</source>
    <translation>Excel workbook (*.xlsx);;PDF (*.pdf);;Web page (*.html)</translation>
  </message>
  <message>
    <source>周报已保存:%1</source>
    <translation>Report saved: %1</translation>
  </message>
  <message>
    <source>打印速查表</source>
    <translation>Print cheat sheet</translation>
  </message>
  <message>
    <source>PDF (*.pdf);;网页 (*.html)</source>
    <translation>PDF (*.pdf);;Web page (*.html)</translation>
  </message>
  <message>
    <source>速查表已保存:%1</source>
    <translation>Cheat sheet saved: %1</translation>
  </message>
  <message>
    <source>选择放使用记录的文件夹</source>
    <translation>Choose the folder of the usage files</translation>
  </message>
  <message>
    <source>读入 %1 个文件:复制 %2 条、搜索 %3 条;已读过的 %4 条不重复计算。</source>
    <translation>Read %1 file(s): %2 copies, %3 searches; %4 rows already read were not counted again.</translation>
  </message>
</context>
</TS>
