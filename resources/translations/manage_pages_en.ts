<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AssetModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="187" />
        <source>关联 {0} 个条目</source>
        <translation>Linked to {0} entries</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="187" />
        <source>未关联条目</source>
        <translation>Not linked to any entry</translation>
    </message>
    <message>
        <source>未归类</source>
        <translation>Unfiled</translation>
    </message>
</context>
<context>
    <name>AssetsPage</name>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="366" />
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="368" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="753" />
        <source>新建文件夹…</source>
        <translation>New folder…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="370" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="881" />
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="373" />
        <source>移动到</source>
        <translation>Move to</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="378" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="883" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="380" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="878" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="382" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="879" />
        <source>在文件夹中显示</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="385" />
        <source>筛选素材名称</source>
        <translation>Filter by name</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="430" />
        <source>把图片、视频或 PDF 文件拖到这里,或点「添加文件…」</source>
        <translation>Drop images, videos or PDF files here, or click "Add files…"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="458" />
        <source>关联的条目</source>
        <translation>Linked entries</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="463" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="882" />
        <source>关联到条目…</source>
        <translation>Link to entry…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="465" />
        <source>取消关联</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="550" />
        <source>已选 {0} 个素材</source>
        <translation>{0} assets selected</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="550" />
        <source>未选择素材</source>
        <translation>No asset selected</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="562" />
        <source>图片</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="562" />
        <source>视频</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="562" />
        <source>PDF 文档</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="563" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="566" />
        <source>文件夹:{0}</source>
        <translation>Folder: {0}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="566" />
        <location filename="../../csdesk/gui/manage/assets_page.py" line="686" />
        <source>未归类</source>
        <translation>Unfiled</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="567" />
        <source>类型:{0} · {1}</source>
        <translation>Type: {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="568" />
        <source>原文件名:{0}</source>
        <translation>Original file name: {0}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="569" />
        <source>添加时间:{0}</source>
        <translation>Added: {0}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="572" />
        <source>⚠ 文件缺失,请重新添加</source>
        <translation>⚠ The file is missing; please add it again</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="575" />
        <source>关联的条目({0})</source>
        <translation>Linked entries ({0})</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="618" />
        <source>只读模式:请先进入主管模式再添加素材</source>
        <translation>Read-only: unlock supervisor mode to add assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="632" />
        <source>添加素材</source>
        <translation>Add assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="635" />
        <source>图片、视频和 PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.mp4 *.mov *.webm *.avi *.pdf);;所有文件 (*)</source>
        <translation>Images, videos and PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.mp4 *.mov *.webm *.avi *.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="661" />
        <source>正在添加 {0} 个文件…</source>
        <translation>Adding {0} files…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="676" />
        <source>添加素材「{0}」</source>
        <translation>Add asset "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="678" />
        <source>添加 {0} 个素材</source>
        <translation>Add {0} assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="684" />
        <source>已添加 {0} 个素材。</source>
        <translation>Added {0} assets.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="688" />
        <source>「{0}」已存在(「{1}」,{2}),未重复保存。</source>
        <translation>"{0}" already exists ("{1}", {2}); not stored again.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="691" />
        <source>{0} 个文件未添加。</source>
        <translation>{0} files were not added.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="704" />
        <source>未能添加素材</source>
        <translation>Could not add assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="712" />
        <source>新建文件夹</source>
        <translation>New folder</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="712" />
        <source>文件夹名称(例如:尺码表、安装视频):</source>
        <translation>Folder name (e.g. size charts, install videos):</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="735" />
        <source>重命名素材「{0}」</source>
        <translation>Rename asset "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="756" />
        <source>移动到新文件夹</source>
        <translation>Move to a new folder</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="756" />
        <source>文件夹名称:</source>
        <translation>Folder name:</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="776" />
        <source>移动 {0} 个素材到「{1}」</source>
        <translation>Move {0} assets to "{1}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="791" />
        <source>「{0}」被 {1} 个条目使用:{2}</source>
        <translation>"{0}" is used by {1} entries: {2}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="794" />
        <source>「{0}」没有关联条目</source>
        <translation>"{0}" is not linked to any entry</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="796" />
        <source>删除 {0} 个素材?它们会从关联的条目中移除。</source>
        <translation>Delete {0} assets? They will be removed from the entries that link them.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="802" />
        <source>删除素材</source>
        <translation>Delete assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="810" />
        <source>删除素材「{0}」</source>
        <translation>Delete asset "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="812" />
        <source>删除 {0} 个素材</source>
        <translation>Delete {0} assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="822" />
        <source>把「{0}」关联到条目</source>
        <translation>Link "{0}" to an entry</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="829" />
        <source>这个条目已经关联了该素材。</source>
        <translation>That entry already links this asset.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="835" />
        <source>关联素材到「{0}」</source>
        <translation>Link asset to "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="849" />
        <source>取消关联「{0}」</source>
        <translation>Unlink "{0}"</translation>
    </message>
    <message>
        <source>右键:新建、改名或删除文件夹</source>
        <translation>Right-click: new, rename or delete folders</translation>
    </message>
    <message>
        <source>新建文件夹「{0}」</source>
        <translation>New folder '{0}'</translation>
    </message>
    <message>
        <source>文件夹「{0}」改名为「{1}」</source>
        <translation>Rename folder '{0}' to '{1}'</translation>
    </message>
    <message>
        <source>删除文件夹「{0}」</source>
        <translation>Delete folder '{0}'</translation>
    </message>
    <message>
        <source>文件夹改名</source>
        <translation>Rename folder</translation>
    </message>
    <message>
        <source>新的文件夹名称:</source>
        <translation>New folder name:</translation>
    </message>
    <message>
        <source>文件夹改名…</source>
        <translation>Rename folder…</translation>
    </message>
    <message>
        <source>删除空文件夹</source>
        <translation>Delete empty folder</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="313" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="313" />
        <source>编辑客户</source>
        <translation>Edit customer</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="316" />
        <source>平台上的买家昵称</source>
        <translation>The buyer's nickname on the platform</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="318" />
        <source>不限店铺</source>
        <translation>Any shop</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="332" />
        <source>例如 1990-05-01 或 05-01</source>
        <translation>e.g. 1990-05-01 or 05-01</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="334" />
        <source>退过货、投诉过、补发过……</source>
        <translation>Returned goods, complained, got a reshipment…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="337" />
        <source>身高体重、常穿尺码、口味、忌口……</source>
        <translation>Height and weight, usual size, tastes, allergies…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="339" />
        <source>昵称</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="340" />
        <source>店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="341" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="342" />
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="343" />
        <source>售后记录</source>
        <translation>After-sale record</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="344" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>CustomerModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="177" />
        <source>昵称</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="178" />
        <source>店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="179" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="180" />
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="181" />
        <source>售后记录</source>
        <translation>After-sale record</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="182" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="205" />
        <source>不限店铺</source>
        <translation>Any shop</translation>
    </message>
</context>
<context>
    <name>EntriesWithExamplesModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="323" />
        <source>{0}(好 {1} / 坏 {2})</source>
        <translation>{0} (good {1} / bad {2})</translation>
    </message>
</context>
<context>
    <name>EntryPickerDialog</name>
    <message>
        <location filename="../../csdesk/gui/manage/page_support.py" line="229" />
        <source>选择条目</source>
        <translation>Choose an entry</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/page_support.py" line="232" />
        <source>输入标题、快捷编码或拼音首字母搜索</source>
        <translation>Search by title, shortcut code or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/page_support.py" line="264" />
        <source>常用条目;输入文字搜索全部条目</source>
        <translation>Most used entries; type to search all entries</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/page_support.py" line="266" />
        <source>没有找到匹配的条目</source>
        <translation>No matching entries</translation>
    </message>
</context>
<context>
    <name>ExampleDialog</name>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="494" />
        <source>新建案例</source>
        <translation>New example</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="494" />
        <source>编辑案例</source>
        <translation>Edit example</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="497" />
        <source>好案例(值得学习)</source>
        <translation>Good example (to learn from)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="498" />
        <source>坏案例(要避免)</source>
        <translation>Bad example (to avoid)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="501" />
        <source>客户:……
客服:……</source>
        <translation>Customer: …
Agent: …</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="503" />
        <source>好在哪里 / 错在哪里,应该怎么说</source>
        <translation>What is good / wrong about it, and what to say instead</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="506" />
        <source>条目</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="507" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="508" />
        <source>对话</source>
        <translation>Dialogue</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="509" />
        <source>点评</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>ExampleModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="333" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="334" />
        <source>对话</source>
        <translation>Dialogue</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="335" />
        <source>点评</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="372" />
        <source>好案例</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="372" />
        <source>坏案例</source>
        <translation>Bad</translation>
    </message>
</context>
<context>
    <name>FolderModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="97" />
        <source>全部素材</source>
        <translation>All assets</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="100" />
        <source>未归类</source>
        <translation>Unfiled</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="101" />
        <source>未使用</source>
        <translation>Unused</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/assets_page.py" line="127" />
        <source>没有被任何条目关联的素材,可以考虑清理</source>
        <translation>Assets no entry links to; candidates for clean-up</translation>
    </message>
</context>
<context>
    <name>HitModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="231" />
        <source>命中</source>
        <translation>Hit</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="232" />
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="233" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="234" />
        <source>建议用语</source>
        <translation>Suggested wording</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="235" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="315" />
        <source>新建规则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="315" />
        <source>编辑规则</source>
        <translation>Edit rule</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="320" />
        <source>词语</source>
        <translation>Word</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="321" />
        <source>正则表达式</source>
        <translation>Regular expression</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="329" />
        <source>包含该词但没问题的说法,用顿号分隔,例如:最近、最后</source>
        <translation>Longer words containing it that are fine, separated by 、 (e.g. 最近、最后)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="332" />
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="338" />
        <source>禁用词</source>
        <translation>Forbidden word</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="339" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="340" />
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="341" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="342" />
        <source>建议用语</source>
        <translation>Suggested wording</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="343" />
        <source>例外</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="344" />
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="345" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="357" />
        <source>内置规则只能调整级别、范围和启用状态。</source>
        <translation>For a built-in rule only severity, scope and enabled can change.</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="95" />
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="96" />
        <source>禁用词 / 规则</source>
        <translation>Word / rule</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="97" />
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="98" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="99" />
        <source>建议用语</source>
        <translation>Suggested wording</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="100" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="101" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="145" />
        <source>全部店铺</source>
        <translation>All shops</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="146" />
        <source>(已删除的店铺)</source>
        <translation>(deleted shop)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="156" />
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="158" />
        <source>正则:{0}</source>
        <translation>Regex: {0}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="160" />
        <source>例外:{0}</source>
        <translation>Exceptions: {0}</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="72" />
        <source>广告法</source>
        <translation>Advertising Law</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="73" />
        <source>平台规则</source>
        <translation>Platform rules</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="74" />
        <source>店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="79" />
        <source>禁止</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="79" />
        <source>提醒</source>
        <translation>Warn</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="285" />
        <source>全部店铺</source>
        <translation>All shops</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="303" />
        <source>提醒(可以继续复制)</source>
        <translation>Warn (copying is still allowed)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="304" />
        <source>禁止(复制前必须改掉)</source>
        <translation>Block (must be changed before copying)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="588" />
        <source>新建规则…</source>
        <translation>New rule…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="590" />
        <source>导入词表…</source>
        <translation>Import word list…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="592" />
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="594" />
        <location filename="../../csdesk/gui/manage/rules_page.py" line="724" />
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="596" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="599" />
        <source>筛选:词、原因或建议</source>
        <translation>Filter: word, reason or suggestion</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="603" />
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="646" />
        <source>检测一段话术</source>
        <translation>Test a reply</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="651" />
        <source>粘贴或输入一段回复,立即标出会命中的禁用词</source>
        <translation>Paste or type a reply to see at once which forbidden words it hits</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="665" />
        <source>按店铺检测:</source>
        <translation>Check for shop:</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="694" />
        <source>通用(只用不限店铺的规则)</source>
        <translation>Shared (only rules for all shops)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="724" />
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="729" />
        <source>内置规则不能删除,可以停用</source>
        <translation>Built-in rules cannot be deleted; disable them instead</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="736" />
        <source>{0} 条规则,{1} 条启用</source>
        <translation>{0} rules, {1} enabled</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="738" />
        <source>显示 {0} / </source>
        <translation>Showing {0} of </translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="773" />
        <source>新建规则「{0}」</source>
        <translation>New rule "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="793" />
        <source>导入 {0} 个禁用词</source>
        <translation>Import {0} forbidden words</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="809" />
        <source>修改规则「{0}」</source>
        <translation>Edit rule "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="816" />
        <source>启用规则「{0}」</source>
        <translation>Enable rule "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="816" />
        <source>停用规则「{0}」</source>
        <translation>Disable rule "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="826" />
        <source>启用 {0} 条规则</source>
        <translation>Enable {0} rules</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="828" />
        <source>停用 {0} 条规则</source>
        <translation>Disable {0} rules</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="843" />
        <location filename="../../csdesk/gui/manage/rules_page.py" line="849" />
        <source>删除规则</source>
        <translation>Delete rules</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="843" />
        <source>内置规则不能删除,可以把它停用。</source>
        <translation>Built-in rules cannot be deleted; you can disable them.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="846" />
        <source>
(选中的内置规则不会删除,可以停用。)</source>
        <translation>
(Selected built-in rules are not deleted; you can disable them.)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="850" />
        <source>删除 {0} 条规则?
{1}</source>
        <translation>Delete {0} rules?
{1}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="856" />
        <source>删除 {0} 条规则</source>
        <translation>Delete {0} rules</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="890" />
        <source>✓ 没有命中禁用词</source>
        <translation>✓ No forbidden words</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="895" />
        <source>命中 {0} 处:禁止 {1},提醒 {2}</source>
        <translation>{0} hits: {1} block, {2} warn</translation>
    </message>
</context>
<context>
    <name>SopListModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="107" />
        <source>{0}({1} 步)</source>
        <translation>{0} ({1} steps)</translation>
    </message>
</context>
<context>
    <name>SopsPage</name>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="548" />
        <source>流程 SOP</source>
        <translation>SOPs</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="549" />
        <source>案例</source>
        <translation>Examples</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="570" />
        <source>新建流程</source>
        <translation>New SOP</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="572" />
        <location filename="../../csdesk/gui/manage/sops_page.py" line="960" />
        <source>删除流程</source>
        <translation>Delete SOP</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="584" />
        <source>例如:客户说没收到货</source>
        <translation>e.g. Customer says the parcel never arrived</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="589" />
        <source>什么情况下用这个流程</source>
        <translation>When to use this SOP</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="607" />
        <source>添加步骤</source>
        <translation>Add step</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="609" />
        <source>选择条目…</source>
        <translation>Choose entry…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="611" />
        <source>不发送条目</source>
        <translation>No entry</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="613" />
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="615" />
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="617" />
        <source>删除步骤</source>
        <translation>Remove step</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="619" />
        <source>保存流程</source>
        <translation>Save SOP</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="622" />
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="643" />
        <source>流程名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="644" />
        <source>适用店铺</source>
        <translation>Shop</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="645" />
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="646" />
        <source>步骤(拖动或用上移/下移调整顺序,双击修改说明):</source>
        <translation>Steps (drag or use Move up/down to reorder, double-click to edit):</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="671" />
        <source>选择其他条目…</source>
        <translation>Choose another entry…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="676" />
        <source>有案例的条目</source>
        <translation>Entries with examples</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="695" />
        <source>新建案例…</source>
        <translation>New example…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="697" />
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="699" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="724" />
        <source>所有店铺</source>
        <translation>All shops</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="753" />
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="774" />
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="775" />
        <source>当前流程有未保存的修改,要放弃吗?</source>
        <translation>This SOP has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="875" />
        <source>新步骤</source>
        <translation>New step</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="882" />
        <source>这一步发送哪个条目</source>
        <translation>Which entry to send at this step</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="921" />
        <source>新建流程「{0}」</source>
        <translation>New SOP "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="923" />
        <source>修改流程「{0}」</source>
        <translation>Edit SOP "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="945" />
        <source>删除流程「{0}」</source>
        <translation>Delete SOP "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="960" />
        <source>删除流程「{0}」?</source>
        <translation>Delete the SOP "{0}"?</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="983" />
        <source>选择一个条目查看它的案例</source>
        <translation>Choose an entry to see its examples</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="988" />
        <source>「{0}」的案例 — {1}</source>
        <translation>Examples of "{0}" — {1}</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="997" />
        <source>给哪个条目添加案例</source>
        <translation>Which entry to add an example to</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="1005" />
        <source>新建案例</source>
        <translation>New example</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="1023" />
        <source>修改案例</source>
        <translation>Edit example</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="1037" />
        <location filename="../../csdesk/gui/manage/sops_page.py" line="1066" />
        <source>删除案例</source>
        <translation>Delete example</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="1066" />
        <source>删除这个案例?</source>
        <translation>Delete this example?</translation>
    </message>
</context>
<context>
    <name>StepListModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/sops_page.py" line="155" />
        <source>发送:{0}</source>
        <translation>Send: {0}</translation>
    </message>
</context>
<context>
    <name>TagModel</name>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="115" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="116" />
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="117" />
        <source>客户数</source>
        <translation>Customers</translation>
    </message>
</context>
<context>
    <name>TagsPage</name>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="571" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="572" />
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="589" />
        <source>新建组…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="591" />
        <location filename="../../csdesk/gui/manage/tags_page.py" line="623" />
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="593" />
        <location filename="../../csdesk/gui/manage/tags_page.py" line="626" />
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="595" />
        <source>删除组</source>
        <translation>Delete group</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="608" />
        <source>标签组</source>
        <translation>Tag groups</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="621" />
        <source>新建标签…</source>
        <translation>New tag…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="624" />
        <source>条目、客户和变体里的这个标签会一起改名</source>
        <translation>The tag is renamed on entries, customers and variants too</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="628" />
        <source>说明…</source>
        <translation>Description…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="630" />
        <location filename="../../csdesk/gui/manage/tags_page.py" line="670" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="662" />
        <source>筛选:昵称、标签、备注……</source>
        <translation>Filter: nickname, tags, notes…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="666" />
        <source>新建客户…</source>
        <translation>New customer…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="668" />
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="752" />
        <source>「{0}」组的标签</source>
        <translation>Tags in "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="752" />
        <source>请选择标签组</source>
        <translation>Choose a tag group</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="783" />
        <source>新建标签组「{0}」</source>
        <translation>New tag group "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="798" />
        <source>重命名标签组「{0}」</source>
        <translation>Rename tag group "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="810" />
        <source>修改标签组「{0}」的颜色</source>
        <translation>Change colour of tag group "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="820" />
        <source>删除标签组「{0}」</source>
        <translation>Delete tag group "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="826" />
        <source>新建标签组</source>
        <translation>New tag group</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="826" />
        <source>组名(例如:客户类型、身材体型):</source>
        <translation>Group name (e.g. customer type, body shape):</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="835" />
        <source>重命名标签组</source>
        <translation>Rename tag group</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="835" />
        <source>新组名:</source>
        <translation>New group name:</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="843" />
        <source>标签组颜色</source>
        <translation>Tag group colour</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="852" />
        <source>删除标签组「{0}」和其中的 {1} 个标签?
客户和条目上已有的标签文字会保留。</source>
        <translation>Delete the tag group "{0}" and its {1} tags?
Customers and entries keep the tag words they already have.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="855" />
        <source>删除标签组</source>
        <translation>Delete tag group</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="871" />
        <source>新建标签「{0}」</source>
        <translation>New tag "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="889" />
        <source>标签「{0}」改名为「{1}」</source>
        <translation>Rename tag "{0}" to "{1}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="903" />
        <source>修改标签「{0}」</source>
        <translation>Edit tag "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="914" />
        <source>删除标签「{0}」</source>
        <translation>Delete tag "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="922" />
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="922" />
        <source>在「{0}」组中新建标签:</source>
        <translation>New tag in "{0}":</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="932" />
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="932" />
        <source>新名称(条目、客户和变体里会一起改):</source>
        <translation>New name (entries, customers and variants change too):</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="941" />
        <source>标签颜色</source>
        <translation>Tag colour</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="950" />
        <source>标签说明</source>
        <translation>Tag description</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="950" />
        <source>这类客户的特点和应对方式:</source>
        <translation>What these customers are like and how to answer them:</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="961" />
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="962" />
        <source>删除标签「{0}」?客户和条目上已有的这个标签文字会保留。</source>
        <translation>Delete the tag "{0}"? Customers and entries keep the tag word.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="976" />
        <source>新建客户「{0}」</source>
        <translation>New customer "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="978" />
        <source>修改客户「{0}」</source>
        <translation>Edit customer "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="1010" />
        <source>删除客户「{0}」</source>
        <translation>Delete customer "{0}"</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="1020" />
        <source>删除客户</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/tags_page.py" line="1020" />
        <source>删除客户「{0}」的档案?</source>
        <translation>Delete the record of customer "{0}"?</translation>
    </message>
    <message>
        <source>客户标签</source>
        <translation>Customer tags</translation>
    </message>
    <message>
        <source>条目标签</source>
        <translation>Entry tags</translation>
    </message>
    <message>
        <source>客户标签组</source>
        <translation>Customer tag groups</translation>
    </message>
    <message>
        <source>新建客户标签…</source>
        <translation>New customer tag…</translation>
    </message>
    <message>
        <source>「{0}」组的客户标签</source>
        <translation>Customer tags in '{0}'</translation>
    </message>
    <message>
        <source>筛选:昵称、客户标签、备注……</source>
        <translation>Filter: nickname, customer tags, notes…</translation>
    </message>
</context>
<context>
    <name>WordListDialog</name>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="396" />
        <source>导入禁用词表</source>
        <translation>Import a forbidden-word list</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="401" />
        <source>每行一个词,可以在后面用 Tab 或逗号加上:级别、原因、建议用语、例外(用顿号分隔)。以 re: 开头的是正则表达式;# 开头的行会被忽略。</source>
        <translation>One word per line, optionally followed (tab or comma separated) by: severity, reason, suggested wording, exceptions (separated by 、). A word starting with re: is a regular expression; lines starting with # are ignored.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="408" />
        <source>最好	禁止	广告法禁止绝对化用语	口碑很好
第一	提醒
秒杀</source>
        <translation>最好	禁止	广告法禁止绝对化用语	口碑很好
第一	提醒
秒杀</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="409" />
        <source>从文件载入…</source>
        <translation>Load from file…</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="415" />
        <source>未写级别时</source>
        <translation>Default severity</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="416" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="417" />
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="423" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="442" />
        <source>载入词表</source>
        <translation>Load word list</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="442" />
        <source>文本文件 (*.txt *.csv *.tsv);;所有文件 (*)</source>
        <translation>Text files (*.txt *.csv *.tsv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="484" />
        <source>将添加 {0} 条规则(禁止 {1} 条,提醒 {2} 条)。</source>
        <translation>{0} rules will be added ({1} block, {2} warn).</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="490" />
        <source>还没有可导入的词。</source>
        <translation>Nothing to import yet.</translation>
    </message>
    <message>
        <location filename="../../csdesk/gui/manage/rules_page.py" line="490" />
        <source>没有可导入的词。</source>
        <translation>Nothing to import.</translation>
    </message>
</context>
<context>
    <name>Thumbnails</name>
    <message>
        <source>视频</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>Image</translation>
    </message>
</context>
</TS>