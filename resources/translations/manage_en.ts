<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>CategoriesPage</name>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="236" />
      <source>店铺:</source>
      <translation>Shop:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="253" />
      <source>拖动分类可以移到另一个分类下,或调整先后顺序。</source>
      <translation>Drag a category onto another to move it there, or between two to change the order.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="257" />
      <source>新建分类…</source>
      <translation>New category…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="258" />
      <source>新建子分类…</source>
      <translation>New sub-category…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="259" />
      <source>改名…</source>
      <translation>Rename…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="260" />
      <source>合并到…</source>
      <translation>Merge into…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="261" />
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="335" />
      <source>新建子分类</source>
      <translation>New sub-category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="335" />
      <source>新建分类</source>
      <translation>New category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="336" />
      <source>分类名:</source>
      <translation>Category name:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="354" />
      <source>分类改名</source>
      <translation>Rename category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="354" />
      <source>新名称:</source>
      <translation>New name:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="381" />
      <source>合并分类</source>
      <translation>Merge category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="382" />
      <source>把「%1」的条目和子分类并入:</source>
      <translation>Merge the entries and sub-categories of “%1” into:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="408" />
      <source>删除分类</source>
      <translation>Delete category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="408" />
      <source>分类下还有条目。请先把条目移到别的分类,或者用「合并到…」。</source>
      <translation>The category still holds entries. Move them to another category first, or use “Merge into…”.</translation>
    </message>
  </context>
  <context>
    <name>CategoryTreeModel</name>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="144" />
      <source>分类</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/categories.py" line="144" />
      <source>条目</source>
      <translation>Entries</translation>
    </message>
  </context>
  <context>
    <name>EntriesPage</name>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="97" />
      <source>新建条目</source>
      <translation>New entry</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="107" />
      <source>正在载入条目…</source>
      <translation>Loading entries…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="100" />
      <source>店铺:</source>
      <translation>Shop:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="102" />
      <source>筛选:</source>
      <translation>Filter:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="111" />
      <location filename="../../csdesk/gui/manage/workbench.py" line="293" />
      <source>移动到分类…</source>
      <translation>Move to category…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="112" />
      <location filename="../../csdesk/gui/manage/workbench.py" line="294" />
      <source>加标签…</source>
      <translation>Add tags…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="113" />
      <location filename="../../csdesk/gui/manage/workbench.py" line="295" />
      <source>去标签…</source>
      <translation>Remove tag…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="114" />
      <location filename="../../csdesk/gui/manage/workbench.py" line="296" />
      <source>启用</source>
      <translation>Enable</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="115" />
      <location filename="../../csdesk/gui/manage/workbench.py" line="297" />
      <source>停用</source>
      <translation>Disable</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="116" />
      <location filename="../../csdesk/gui/manage/workbench.py" line="298" />
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="191" />
      <source>全部店铺</source>
      <translation>All shops</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="217" />
      <source>%1 / %2 条</source>
      <translation>%1 / %2 entries</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="277" />
      <source>已选 %1 条:</source>
      <translation>%1 selected:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="277" />
      <source>选中多行可批量操作:</source>
      <translation>Select several rows for bulk actions:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="305" />
      <source>历史版本…</source>
      <translation>History…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="323" />
      <source>移动到分类</source>
      <translation>Move to category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="324" />
      <source>把 %1 个条目移到分类(可输入新路径,如 售后/退款):</source>
      <translation>Move %1 entries to the category (type a new path to create it, e.g. 售后/退款):</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="332" />
      <source>移动 %1 个条目到「%2」</source>
      <translation>Move %1 entries to “%2”</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="346" />
      <source>加标签</source>
      <translation>Add tags</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="347" />
      <source>给 %1 个条目加上标签(用顿号分隔):</source>
      <translation>Add tags to %1 entries (separate with 、):</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="355" />
      <source>去标签</source>
      <translation>Remove tag</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="355" />
      <source>从所选条目去掉标签:</source>
      <translation>Remove this tag from the selected entries:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="366" />
      <source>启用 %1 个条目</source>
      <translation>Enable %1 entries</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="366" />
      <source>停用 %1 个条目</source>
      <translation>Disable %1 entries</translation>
    </message>
    <message>
      <source>加条目标签…</source>
      <translation>Add entry tags…</translation>
    </message>
    <message>
      <source>去条目标签…</source>
      <translation>Remove entry tag…</translation>
    </message>
    <message>
      <source>给 %1 个条目加上条目标签(从已有的条目标签中选,或选「新建标签」):</source>
      <translation>Add entry tags to %1 entries (pick existing entry tags, or choose 'New tag'):</translation>
    </message>
    <message>
      <source>去条目标签</source>
      <translation>Remove entry tag</translation>
    </message>
    <message>
      <source>从所选条目去掉条目标签:</source>
      <translation>Remove this entry tag from the selected entries:</translation>
    </message>
  </context>
  <context>
    <name>EntryEditor</name>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="432" />
      <source>留空时用问题或回复的第一行</source>
      <translation>Leave empty to use the question or the reply's first line</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="434" />
      <source>如 cm、tk;在千牛里输入 / 加编码即可调出</source>
      <translation>e.g. cm, tk; in Qianniu type / and the code to insert it</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="440" />
      <source>如 售前/尺码;不存在时保存会新建</source>
      <translation>e.g. 售前/尺码; created on save when missing</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="442" />
      <source>发给客户的回复。可用占位符,如 {客户昵称}、{订单号}</source>
      <translation>The reply sent to the customer. Placeholders such as {客户昵称} or {订单号} are filled in.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="455" />
      <source>启用(停用后客服搜不到)</source>
      <translation>Enabled (agents cannot find a disabled entry)</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="460" />
      <source>排序:</source>
      <translation>Order:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="462" />
      <source>标题:</source>
      <translation>Title:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="463" />
      <source>快捷编码:</source>
      <translation>Shortcut code:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="464" />
      <source>店铺:</source>
      <translation>Shop:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="465" />
      <source>分类:</source>
      <translation>Category:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="466" />
      <source>回复:</source>
      <translation>Reply:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="469" />
      <source>预览:</source>
      <translation>Preview:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="471" />
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="532" />
      <source>回复</source>
      <translation>Reply</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="477" />
      <source>客户的典型问法,如:衣服偏大还是偏小?</source>
      <translation>How customers typically ask, e.g. “Does it run large or small?”</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="479" />
      <source>其他问法,每行一个</source>
      <translation>Other ways to ask, one per line</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="483" />
      <source>给客服看的回复思路,不会发给客户</source>
      <translation>How to answer, for the agent; never sent to the customer</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="486" />
      <source>依据:平台规则、商品详情页、质检报告…</source>
      <translation>Basis: platform rules, product page, quality report…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="488" />
      <source>问题:</source>
      <translation>Question:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="489" />
      <source>相似问法:</source>
      <translation>Similar questions:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="490" />
      <source>场景:</source>
      <translation>Scenario:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="491" />
      <source>回复思路:</source>
      <translation>Guidance:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="492" />
      <source>依据:</source>
      <translation>Basis:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="493" />
      <source>问答</source>
      <translation>Q &amp;&amp; A</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="500" />
      <source>用顿号或逗号分隔,如:尺码、连衣裙</source>
      <translation>Separate with 、 or commas, e.g. 尺码、连衣裙</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="505" />
      <source>标签:</source>
      <translation>Tags:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="507" />
      <source>关联的素材(客服复制回复时可一起发送):</source>
      <translation>Linked assets (agents can send them together with the reply):</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="509" />
      <source>文件夹</source>
      <translation>Folder</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="509" />
      <source>素材</source>
      <translation>Assets</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="509" />
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="517" />
      <source>关联</source>
      <translation>Link</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="518" />
      <source>取消关联</source>
      <translation>Unlink</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="525" />
      <source>标签与素材</source>
      <translation>Tags &amp;&amp; assets</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="530" />
      <source>同一条目的其他说法:面向某个客户标签,或参加 A/B 测试。</source>
      <translation>Other wordings of this entry: for customers with a tag, or for an A/B test.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="532" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="532" />
      <source>面向标签</source>
      <translation>For tag</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="532" />
      <source>A/B 分组</source>
      <translation>A/B group</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="532" />
      <source>启用</source>
      <translation>Enabled</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="541" />
      <source>添加变体…</source>
      <translation>Add variant…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="542" />
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="571" />
      <source>编辑…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="543" />
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="572" />
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="592" />
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="551" />
      <source>变体</source>
      <translation>Variants</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="556" />
      <source>好的和坏的对话案例,用于培训新客服。</source>
      <translation>Good and bad example dialogues, for training new agents.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="558" />
      <source>类型</source>
      <translation>Kind</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="558" />
      <source>对话</source>
      <translation>Dialogue</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="558" />
      <source>点评</source>
      <translation>Comment</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="560" />
      <source>好</source>
      <translation>Good</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="560" />
      <source>坏</source>
      <translation>Bad</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="570" />
      <source>添加案例…</source>
      <translation>Add example…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="580" />
      <source>案例</source>
      <translation>Examples</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="587" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="589" />
      <source>保存 (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="590" />
      <source>放弃修改</source>
      <translation>Discard changes</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="591" />
      <source>历史版本…</source>
      <translation>History…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="662" />
      <source>未选择条目</source>
      <translation>No entry selected</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="669" />
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="945" />
      <source>新条目</source>
      <translation>New entry</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="744" />
      <source>只读:这是话术库的条目,进入主管模式后才能修改。你自己新建的个人条目随时可以改。</source>
      <translation>Read-only: this is a library entry; switch to supervisor mode to edit it. Personal entries you created yourself can be edited at any time.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="811" />
      <source>快捷编码「%1」在本店已被「%2」使用。</source>
      <translation>The code “%1” is already used by “%2” in this shop.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="821" />
      <source>回复有 %1 字,超过%2快捷短语上限 %3 字,发送时会被截断。</source>
      <translation>The reply has %1 characters, over the %2 quick-phrase limit of %3; it would be cut off.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="831" />
      <source>未知占位符 %1:不会被替换,会原样发给客户。</source>
      <translation>Unknown placeholder %1: it is not filled in and would be sent as written.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="836" />
      <source>有 %1 处红线用语(其中 %2 处禁止),鼠标移到标色的字上查看原因和建议。</source>
      <translation>%1 red-line words (%2 forbidden). Hover over the marked words for the reason and a better wording.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="844" />
      <source>%1 字</source>
      <translation>%1 chars</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="846" />
      <source>%1 / %2 字</source>
      <translation>%1 / %2 chars</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="944" />
      <source>保存修改?</source>
      <translation>Save changes?</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="945" />
      <source>条目「%1」有未保存的修改。</source>
      <translation>The entry “%1” has unsaved changes.</translation>
    </message>
    <message>
      <source>回复预览会显示在这里</source>
      <translation>The reply preview shows here</translation>
    </message>
    <message>
      <source>学到的问法:</source>
      <translation>Learned phrasings:</translation>
    </message>
    <message>
      <source>只读:这是团队话术库的条目,用团队主管的 PIN 进入主管模式后才能修改。</source>
      <translation>Read-only: this entry comes from the team library; unlock supervisor mode with the team supervisor's PIN to change it.</translation>
    </message>
  </context>
  <context>
    <name>ExampleDialog</name>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="345" />
      <source>编辑案例</source>
      <translation>Edit example</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="345" />
      <source>添加案例</source>
      <translation>Add example</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="348" />
      <source>好案例</source>
      <translation>Good example</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="349" />
      <source>坏案例</source>
      <translation>Bad example</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="353" />
      <source>客户:……
客服:……</source>
      <translation>Customer: …
Agent: …</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="356" />
      <source>类型:</source>
      <translation>Kind:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="357" />
      <source>对话:</source>
      <translation>Dialogue:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="358" />
      <source>点评:</source>
      <translation>Comment:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="362" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="363" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>HistoryDialog</name>
    <message>
      <location filename="../../csdesk/gui/manage/history.py" line="137" />
      <source>「%1」的历史版本</source>
      <translation>History of “%1”</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/history.py" line="155" />
      <source>恢复此版本</source>
      <translation>Restore this version</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/history.py" line="156" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/history.py" line="182" />
      <source>恢复旧版本需要主管模式。</source>
      <translation>Restoring an old version needs supervisor mode.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/history.py" line="189" />
      <source>第 %1 版 · %2 · %3 · %4</source>
      <translation>Version %1 · %2 · %3 · %4</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/history.py" line="191" />
      <source>(未署名)</source>
      <translation>(unsigned)</translation>
    </message>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>快捷编码</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>回复</source>
      <translation>Reply</translation>
    </message>
    <message>
      <source>问题</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>相似问法</source>
      <translation>Similar questions</translation>
    </message>
    <message>
      <source>场景</source>
      <translation>Scenario</translation>
    </message>
    <message>
      <source>回复思路</source>
      <translation>Guidance</translation>
    </message>
    <message>
      <source>依据</source>
      <translation>Basis</translation>
    </message>
    <message>
      <source>标签</source>
      <translation>Tags</translation>
    </message>
    <message>
      <source>启用</source>
      <translation>Enabled</translation>
    </message>
    <message>
      <source>排序</source>
      <translation>Order</translation>
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
      <source>素材</source>
      <translation>Assets</translation>
    </message>
    <message>
      <source>新建</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>修改</source>
      <translation>Edited</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>恢复</source>
      <translation>Restored</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Imported</translation>
    </message>
    <message>
      <source>示例</source>
      <translation>Demo</translation>
    </message>
    <message>
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <source>版本</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>修改人</source>
      <translation>Changed by</translation>
    </message>
    <message>
      <source>字段没有变化(可能改了变体、案例或状态)。</source>
      <translation>No field changed (variants, examples or the state may have).</translation>
    </message>
    <message>
      <source>字段</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>之前</source>
      <translation>Before</translation>
    </message>
    <message>
      <source>之后</source>
      <translation>After</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>针对的客户标签</source>
      <translation>Customer tag aimed at</translation>
    </message>
    <message>
      <source>A/B 组</source>
      <translation>A/B group</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>对话</source>
      <translation>Dialogue</translation>
    </message>
    <message>
      <source>点评</source>
      <translation>Comment</translation>
    </message>
    <message>
      <source>变体</source>
      <translation>Variants</translation>
    </message>
    <message>
      <source>案例</source>
      <translation>Examples</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>added</translation>
    </message>
    <message>
      <source>调整顺序</source>
      <translation>reordered</translation>
    </message>
    <message>
      <source>好案例</source>
      <translation>good example</translation>
    </message>
    <message>
      <source>坏案例</source>
      <translation>bad example</translation>
    </message>
    <message>
      <source>(空)</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>改动</source>
      <translation>Changes</translation>
    </message>
    <message>
      <source>(内容相同)</source>
      <translation>(same content)</translation>
    </message>
    <message>
      <source>恢复此版本…</source>
      <translation>Restore this version…</translation>
    </message>
    <message>
      <source>恢复第 %1 版</source>
      <translation>Restore version %1</translation>
    </message>
    <message>
      <source>恢复第 %1 版会改动以下 %2 处(之后可以撤销):</source>
      <translation>Restoring version %1 changes these %2 things (you can undo it afterwards):</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>第 %1 版与现在的内容相同,无需恢复。</source>
      <translation>Version %1 is the same as the entry now; nothing to restore.</translation>
    </message>
    <message>
      <source>已恢复第 %1 版(可撤销)。</source>
      <translation>Version %1 restored (undoable).</translation>
    </message>
    <message>
      <source>这一版与上一版内容相同(例如只是重新导入)。</source>
      <translation>This version has the same content as the one before (for example, a re-import).</translation>
    </message>
  </context>
  <context>
    <name>ManageWorkbench</name>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="431" />
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="433" />
      <source>重做</source>
      <translation>Redo</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="445" />
      <source>修改 PIN…</source>
      <translation>Change PIN…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="468" />
      <source>条目</source>
      <translation>Entries</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="469" />
      <source>分类</source>
      <translation>Categories</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="470" />
      <source>店铺</source>
      <translation>Shops</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="476" />
      <source>回收站</source>
      <translation>Trash</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="541" />
      <source>主管模式:可以修改话术库。空闲一段时间后自动锁定。</source>
      <translation>Supervisor mode: you can edit the library. It locks again after some idle time.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="542" />
      <source>锁定</source>
      <translation>Lock</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="544" />
      <source>只读:修改话术库需要进入主管模式。个人条目可以随时新建和修改。</source>
      <translation>Read-only: editing the library needs supervisor mode. Your personal entries can be created and edited at any time.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="546" />
      <source>进入主管模式…</source>
      <translation>Supervisor mode…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="546" />
      <source>设置主管 PIN…</source>
      <translation>Set supervisor PIN…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="563" />
      <source>撤销:%1 (Ctrl+Z)</source>
      <translation>Undo: %1 (Ctrl+Z)</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="563" />
      <source>撤销 (Ctrl+Z)</source>
      <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="566" />
      <source>重做:%1 (Ctrl+Shift+Z)</source>
      <translation>Redo: %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/workbench.py" line="568" />
      <source>重做 (Ctrl+Shift+Z)</source>
      <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <source>素材</source>
      <translation>Assets</translation>
    </message>
    <message>
      <source>标签与客户</source>
      <translation>Tags &amp; customers</translation>
    </message>
    <message>
      <source>红线规则</source>
      <translation>Red lines</translation>
    </message>
    <message>
      <source>流程与案例</source>
      <translation>SOPs &amp; examples</translation>
    </message>
    <message>
      <source>发布到团队库…</source>
      <translation>Publish to team library…</translation>
    </message>
    <message>
      <source>把话术库发布到团队话术库文件夹,客服的 csdesk 会自动更新(主管模式)</source>
      <translation>Publish the library to the team library folder; agents' csdesk updates by itself (supervisor mode)</translation>
    </message>
    <message>
      <source>导入会修改话术库(「替换」还会把条目移入回收站),需要主管模式。</source>
      <translation>Importing changes the library (Replace also moves entries to the trash); it needs supervisor mode.</translation>
    </message>
    <message>
      <source>新条目</source>
      <translation>New entry</translation>
    </message>
    <message>
      <source>恢复未保存的修改?</source>
      <translation>Restore unsaved changes?</translation>
    </message>
    <message>
      <source>主管模式锁定时,条目「%1」有未保存的修改,已为你保留。要恢复到编辑器里继续修改吗?</source>
      <translation>When supervisor mode locked, the entry '%1' had unsaved changes; they were kept for you. Restore them to the editor and continue?</translation>
    </message>
    <message>
      <source>无法恢复</source>
      <translation>Cannot restore</translation>
    </message>
    <message>
      <source>这个条目已经被删除,未保存的修改无法恢复。</source>
      <translation>This entry has been deleted; the unsaved changes cannot be restored.</translation>
    </message>
    <message>
      <source>已锁定:未保存的条目修改已保留,进入主管模式后可以恢复。</source>
      <translation>Locked: the unsaved entry changes were kept; enter supervisor mode to restore them.</translation>
    </message>
    <message>
      <source>数据</source>
      <translation>Data</translation>
    </message>
  </context>
  <context>
    <name>PinDialog</name>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="169" />
      <source>设置主管 PIN</source>
      <translation>Set supervisor PIN</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="170" />
      <source>进入主管模式</source>
      <translation>Supervisor mode</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="171" />
      <source>修改主管 PIN</source>
      <translation>Change supervisor PIN</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="177" />
      <source>第一次使用主管模式,请设置一个 4–12 位数字的 PIN。
只有知道 PIN 的人才能修改话术库。</source>
      <translation>First use of supervisor mode: set a PIN of 4–12 digits.
Only people who know the PIN can change the library.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="179" />
      <source>输入主管 PIN 以修改话术库。</source>
      <translation>Enter the supervisor PIN to edit the library.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="180" />
      <source>输入原 PIN 和新的 PIN(4–12 位数字)。</source>
      <translation>Enter the current PIN and the new one (4–12 digits).</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="188" />
      <source>PIN:</source>
      <translation>PIN:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="190" />
      <source>原 PIN:</source>
      <translation>Current PIN:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="192" />
      <source>新 PIN:</source>
      <translation>New PIN:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="193" />
      <source>再输一次:</source>
      <translation>Repeat:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="203" />
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="203" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="205" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="226" />
      <source>PIN 错误。请等 %1 秒后再试。</source>
      <translation>Wrong PIN. Wait %1 s before trying again.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="233" />
      <source>可以再试一次。</source>
      <translation>You can try again.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/supervisor.py" line="241" />
      <source>两次输入的新 PIN 不一致。</source>
      <translation>The two new PINs do not match.</translation>
    </message>
  </context>
  <context>
    <name>ShopDialog</name>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="90" />
      <source>修改店铺</source>
      <translation>Edit shop</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="90" />
      <source>添加店铺</source>
      <translation>Add shop</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="99" />
      <source>店铺名:</source>
      <translation>Shop name:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="100" />
      <source>平台:</source>
      <translation>Platform:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="104" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="105" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>ShopTableModel</name>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="66" />
      <source>店铺</source>
      <translation>Shop</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="66" />
      <source>平台</source>
      <translation>Platform</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="66" />
      <source>条目数</source>
      <translation>Entries</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="66" />
      <source>回复字数上限</source>
      <translation>Reply length limit</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="75" />
      <source>(所有店铺共用)</source>
      <translation> (shared by all shops)</translation>
    </message>
  </context>
  <context>
    <name>ShopsPage</name>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="125" />
      <source>一个话术库可以服务多家店铺;「通用」里的条目在每家店铺都能搜到。平台决定回复的字数上限。</source>
      <translation>One library can serve several shops; entries in “通用” (shared) are found in every shop. The platform decides the reply length limit.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="139" />
      <source>添加店铺…</source>
      <translation>Add shop…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="140" />
      <source>改名 / 平台…</source>
      <translation>Rename / platform…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="141" />
      <source>删除店铺…</source>
      <translation>Delete shop…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="203" />
      <source>删除店铺</source>
      <translation>Delete shop</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/shops.py" line="204" />
      <source>删除店铺「%1」和它的 %2 个条目、全部分类?
这一步不能撤销,建议先导出备份。</source>
      <translation>Delete the shop “%1” with its %2 entries and all its categories?
This cannot be undone; export a backup first.</translation>
    </message>
    <message>
      <source>删除店铺「%1」和它的空分类?可以撤销。</source>
      <translation>Delete the shop '%1' and its empty categories? This can be undone.</translation>
    </message>
  </context>
  <context>
    <name>TrashModel</name>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="65" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="66" />
      <source>店铺</source>
      <translation>Shop</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="67" />
      <source>分类</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="68" />
      <source>删除时间</source>
      <translation>Deleted at</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="69" />
      <source>删除人</source>
      <translation>Deleted by</translation>
    </message>
  </context>
  <context>
    <name>TrashPage</name>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="113" />
      <source>恢复所选</source>
      <translation>Restore selected</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="114" />
      <source>历史版本…</source>
      <translation>History…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="115" />
      <source>彻底删除所选…</source>
      <translation>Delete selected for good…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="116" />
      <source>清空回收站…</source>
      <translation>Empty trash…</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="135" />
      <source>回收站里有 %1 个条目。恢复后条目回到原来的店铺和分类。</source>
      <translation>%1 entries in the trash. Restored entries go back to their shop and category.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="137" />
      <source>回收站是空的。</source>
      <translation>The trash is empty.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="171" />
      <source>彻底删除 %1 个条目?删除后无法恢复,也不能撤销。</source>
      <translation>Delete %1 entries for good? They cannot be restored and this cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="180" />
      <source>清空回收站,彻底删除全部 %1 个条目?删除后无法恢复,也不能撤销。</source>
      <translation>Empty the trash and delete all %1 entries for good? They cannot be restored and this cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/trash.py" line="187" />
      <source>彻底删除</source>
      <translation>Delete for good</translation>
    </message>
  </context>
  <context>
    <name>VariantDialog</name>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="304" />
      <source>编辑变体</source>
      <translation>Edit variant</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="304" />
      <source>添加变体</source>
      <translation>Add variant</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="307" />
      <source>如:送小样版</source>
      <translation>e.g. free-sample wording</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="313" />
      <source>同一组的变体轮流使用,用来比较哪种说法效果好</source>
      <translation>Variants of one group take turns, to compare which wording works better</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="315" />
      <source>启用</source>
      <translation>Enabled</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="317" />
      <source>名称:</source>
      <translation>Name:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="318" />
      <source>面向标签:</source>
      <translation>For customer tag:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="319" />
      <source>A/B 分组:</source>
      <translation>A/B group:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="320" />
      <source>回复:</source>
      <translation>Reply:</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="325" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../csdesk/gui/manage/entry_editor.py" line="326" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>面向客户标签:</source>
      <translation>For customer tag:</translation>
    </message>
  </context>
  <context>
    <name>EntryTableModel</name>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>快捷编码</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>分类</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>店铺</source>
      <translation>Shop</translation>
    </message>
    <message>
      <source>标签</source>
      <translation>Tags</translation>
    </message>
    <message>
      <source>启用</source>
      <translation>Enabled</translation>
    </message>
    <message>
      <source>使用次数</source>
      <translation>Uses</translation>
    </message>
    <message>
      <source>最近使用</source>
      <translation>Last used</translation>
    </message>
    <message>
      <source>更新时间</source>
      <translation>Updated</translation>
    </message>
    <message>
      <source>更新人</source>
      <translation>Updated by</translation>
    </message>
    <message>
      <source>从未</source>
      <translation>never</translation>
    </message>
    <message>
      <source>全部字段</source>
      <translation>All fields</translation>
    </message>
    <message>
      <source>筛选标题、编码、分类、标签、回复…</source>
      <translation>Filter title, code, category, tags, reply…</translation>
    </message>
    <message>
      <source>按分类</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>分类路径包含…(如 售后/退款)</source>
      <translation>Category path contains… (e.g. 售后/退款)</translation>
    </message>
    <message>
      <source>按标签</source>
      <translation>Tag</translation>
    </message>
    <message>
      <source>标签名…</source>
      <translation>Tag name…</translation>
    </message>
    <message>
      <source>按快捷编码</source>
      <translation>Shortcut code</translation>
    </message>
    <message>
      <source>编码开头…</source>
      <translation>Code starts with…</translation>
    </message>
    <message>
      <source>最近用过</source>
      <translation>Used recently</translation>
    </message>
    <message>
      <source>天数(默认 30)</source>
      <translation>Days (default 30)</translation>
    </message>
    <message>
      <source>从未使用</source>
      <translation>Never used</translation>
    </message>
    <message>
      <source>再按文字筛选…</source>
      <translation>Filter by text as well…</translation>
    </message>
    <message>
      <source>已停用</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>条目标签</source>
      <translation>Entry tags</translation>
    </message>
    <message>
      <source>按条目标签</source>
      <translation>By entry tag</translation>
    </message>
    <message>
      <source>条目标签名…</source>
      <translation>Entry tag name…</translation>
    </message>
    <message>
      <source>筛选标题、编码、分类、条目标签、回复…</source>
      <translation>Filter title, code, category, entry tags, reply…</translation>
    </message>
  </context>
  <context>
    <name>ManageCommands</name>
    <message>
      <source>新建条目</source>
      <translation>New entry</translation>
    </message>
    <message>
      <source>编辑条目「%1」</source>
      <translation>Edit entry “%1”</translation>
    </message>
    <message>
      <source>删除「%1」</source>
      <translation>Delete “%1”</translation>
    </message>
    <message>
      <source>删除 %1 个条目</source>
      <translation>Delete %1 entries</translation>
    </message>
    <message>
      <source>从回收站恢复 %1 个条目</source>
      <translation>Restore %1 entries from the trash</translation>
    </message>
    <message>
      <source>添加标签「%1」</source>
      <translation>Add tags “%1”</translation>
    </message>
    <message>
      <source>移除标签「%1」</source>
      <translation>Remove tags “%1”</translation>
    </message>
    <message>
      <source>恢复「%1」的第 %2 版</source>
      <translation>Restore version %2 of “%1”</translation>
    </message>
    <message>
      <source>添加变体</source>
      <translation>Add variant</translation>
    </message>
    <message>
      <source>编辑变体</source>
      <translation>Edit variant</translation>
    </message>
    <message>
      <source>删除变体</source>
      <translation>Delete variant</translation>
    </message>
    <message>
      <source>添加案例</source>
      <translation>Add example</translation>
    </message>
    <message>
      <source>删除案例</source>
      <translation>Delete example</translation>
    </message>
    <message>
      <source>编辑案例</source>
      <translation>Edit example</translation>
    </message>
    <message>
      <source>关联素材「%1」</source>
      <translation>Link asset “%1”</translation>
    </message>
    <message>
      <source>取消关联素材「%1」</source>
      <translation>Unlink asset “%1”</translation>
    </message>
    <message>
      <source>新建分类「%1」</source>
      <translation>New category “%1”</translation>
    </message>
    <message>
      <source>分类改名为「%1」</source>
      <translation>Rename category to “%1”</translation>
    </message>
    <message>
      <source>移动分类「%1」</source>
      <translation>Move category “%1”</translation>
    </message>
    <message>
      <source>合并分类「%1」到「%2」</source>
      <translation>Merge category “%1” into “%2”</translation>
    </message>
    <message>
      <source>删除分类「%1」</source>
      <translation>Delete category “%1”</translation>
    </message>
    <message>
      <source>添加店铺「%1」</source>
      <translation>Add shop “%1”</translation>
    </message>
    <message>
      <source>修改店铺「%1」</source>
      <translation>Edit shop “%1”</translation>
    </message>
    <message>
      <source>删除店铺「%1」</source>
      <translation>Delete shop '%1'</translation>
    </message>
    <message>
      <source>把「%1」设为相似问法</source>
      <translation>Make '%1' a similar question</translation>
    </message>
    <message>
      <source>删除学到的问法「%1」</source>
      <translation>Delete the learned phrasing '%1'</translation>
    </message>
    <message>
      <source>添加条目标签「%1」</source>
      <translation>Add entry tag '%1'</translation>
    </message>
    <message>
      <source>移除条目标签「%1」</source>
      <translation>Remove entry tag '%1'</translation>
    </message>
  </context>
  <context>
    <name>ReplyEdit</name>
    <message>
      <source>禁止</source>
      <translation>Forbidden</translation>
    </message>
    <message>
      <source>注意</source>
      <translation>Caution</translation>
    </message>
    <message>
      <source>建议:</source>
      <translation>Suggestion: </translation>
    </message>
    <message>
      <source>回复含有禁止词</source>
      <translation>Reply contains blocked words</translation>
    </message>
    <message>
      <source>这条回复含有禁止发送的红线词:%1。
客服复制时会被拦下。仍然保存吗?</source>
      <translation>This reply contains block-level red-line words: %1.
Agents will be stopped when they copy it. Save anyway?</translation>
    </message>
  </context>
  <context>
    <name>AgentNameDialog</name>
    <message>
      <source>你的名字</source>
      <translation>Your name</translation>
    </message>
    <message>
      <source>修改话术库时,每个条目会记下是谁改的。请输入你的名字(以后可以在「设置」里修改)。</source>
      <translation>Every entry records who changed it. Please enter your name (you can change it later in Settings).</translation>
    </message>
    <message>
      <source>如:主管-林</source>
      <translation>e.g. Supervisor Lin</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>以后再说</source>
      <translation>Later</translation>
    </message>
  </context>
  <context>
    <name>AssetFiles</name>
    <message>
      <source>只读模式:请先进入主管模式再添加素材</source>
      <translation>Read-only: unlock supervisor mode to add assets</translation>
    </message>
    <message>
      <source>添加素材</source>
      <translation>Add assets</translation>
    </message>
    <message>
      <source>图片、视频和 PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.mp4 *.mov *.webm *.avi *.pdf);;所有文件 (*)</source>
      <translation>Images, videos and PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.mp4 *.mov *.webm *.avi *.pdf);;All files (*)</translation>
    </message>
    <message>
      <source>正在添加 {0} 个文件…</source>
      <translation>Adding {0} files…</translation>
    </message>
    <message>
      <source>添加素材「{0}」</source>
      <translation>Add asset "{0}"</translation>
    </message>
    <message>
      <source>添加 {0} 个素材</source>
      <translation>Add {0} assets</translation>
    </message>
    <message>
      <source>已添加 {0} 个素材。</source>
      <translation>Added {0} assets.</translation>
    </message>
    <message>
      <source>未归类</source>
      <translation>Unfiled</translation>
    </message>
    <message>
      <source>「{0}」已存在(「{1}」,{2}),未重复保存。</source>
      <translation>"{0}" already exists ("{1}", {2}); not stored again.</translation>
    </message>
    <message>
      <source>{0} 个文件未添加。</source>
      <translation>{0} files were not added.</translation>
    </message>
    <message>
      <source>未能添加素材</source>
      <translation>Could not add assets</translation>
    </message>
    <message>
      <source>新建文件夹</source>
      <translation>New folder</translation>
    </message>
    <message>
      <source>文件夹名称(例如:尺码表、安装视频):</source>
      <translation>Folder name (e.g. size charts, install videos):</translation>
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
      <source>新建文件夹…</source>
      <translation>New folder…</translation>
    </message>
    <message>
      <source>文件夹改名…</source>
      <translation>Rename folder…</translation>
    </message>
    <message>
      <source>删除空文件夹</source>
      <translation>Delete empty folder</translation>
    </message>
    <message>
      <source>「{0}」与已有素材「{1}」({2})内容相同,已把它也放进「{3}」,没有另存一份。</source>
      <translation>'{0}' has the same content as the asset '{1}' ({2}); that asset was put into '{3}' too, nothing was stored twice.</translation>
    </message>
    <message>
      <source>把 {0} 个已有素材放进「{1}」</source>
      <translation>Put {0} existing asset(s) into '{1}'</translation>
    </message>
  </context>
  <context>
    <name>EntryForm</name>
    <message>
      <source>留空时用问题或回复的第一行</source>
      <translation>Leave empty to use the question or the reply's first line</translation>
    </message>
    <message>
      <source>如 cm、tk;在千牛里输入 / 加编码即可调出</source>
      <translation>e.g. cm, tk; in Qianniu type / and the code to insert it</translation>
    </message>
    <message>
      <source>如 售前/尺码;不存在时保存会新建</source>
      <translation>e.g. 售前/尺码; created on save when missing</translation>
    </message>
    <message>
      <source>发给客户的回复。可用占位符,如 {客户昵称}、{订单号}</source>
      <translation>The reply sent to the customer. Placeholders such as {客户昵称} or {订单号} are filled in.</translation>
    </message>
    <message>
      <source>启用(停用后客服搜不到)</source>
      <translation>Enabled (agents cannot find a disabled entry)</translation>
    </message>
    <message>
      <source>排序:</source>
      <translation>Order:</translation>
    </message>
    <message>
      <source>标题:</source>
      <translation>Title:</translation>
    </message>
    <message>
      <source>快捷编码:</source>
      <translation>Shortcut code:</translation>
    </message>
    <message>
      <source>店铺:</source>
      <translation>Shop:</translation>
    </message>
    <message>
      <source>分类:</source>
      <translation>Category:</translation>
    </message>
    <message>
      <source>回复:</source>
      <translation>Reply:</translation>
    </message>
    <message>
      <source>预览:</source>
      <translation>Preview:</translation>
    </message>
    <message>
      <source>回复</source>
      <translation>Reply</translation>
    </message>
    <message>
      <source>客户的典型问法,如:衣服偏大还是偏小?</source>
      <translation>How customers typically ask, e.g. “Does it run large or small?”</translation>
    </message>
    <message>
      <source>其他问法,每行一个</source>
      <translation>Other ways to ask, one per line</translation>
    </message>
    <message>
      <source>给客服看的回复思路,不会发给客户</source>
      <translation>How to answer, for the agent; never sent to the customer</translation>
    </message>
    <message>
      <source>依据:平台规则、商品详情页、质检报告…</source>
      <translation>Basis: platform rules, product page, quality report…</translation>
    </message>
    <message>
      <source>问题:</source>
      <translation>Question:</translation>
    </message>
    <message>
      <source>相似问法:</source>
      <translation>Similar questions:</translation>
    </message>
    <message>
      <source>场景:</source>
      <translation>Scenario:</translation>
    </message>
    <message>
      <source>回复思路:</source>
      <translation>Guidance:</translation>
    </message>
    <message>
      <source>依据:</source>
      <translation>Basis:</translation>
    </message>
    <message>
      <source>问答</source>
      <translation>Q &amp;&amp; A</translation>
    </message>
    <message>
      <source>用顿号或逗号分隔,如:尺码、连衣裙</source>
      <translation>Separate with 、 or commas, e.g. 尺码、连衣裙</translation>
    </message>
    <message>
      <source>标签:</source>
      <translation>Tags:</translation>
    </message>
    <message>
      <source>关联的素材(客服复制回复时可一起发送):</source>
      <translation>Linked assets (agents can send them together with the reply):</translation>
    </message>
    <message>
      <source>文件夹</source>
      <translation>Folder</translation>
    </message>
    <message>
      <source>素材</source>
      <translation>Assets</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <source>关联</source>
      <translation>Link</translation>
    </message>
    <message>
      <source>取消关联</source>
      <translation>Unlink</translation>
    </message>
    <message>
      <source>标签与素材</source>
      <translation>Tags &amp;&amp; assets</translation>
    </message>
    <message>
      <source>同一条目的其他说法:面向某个客户标签,或参加 A/B 测试。</source>
      <translation>Other wordings of this entry: for customers with a tag, or for an A/B test.</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>面向标签</source>
      <translation>For tag</translation>
    </message>
    <message>
      <source>A/B 分组</source>
      <translation>A/B group</translation>
    </message>
    <message>
      <source>启用</source>
      <translation>Enable</translation>
    </message>
    <message>
      <source>添加变体…</source>
      <translation>Add variant…</translation>
    </message>
    <message>
      <source>编辑…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>变体</source>
      <translation>Variants</translation>
    </message>
    <message>
      <source>好的和坏的对话案例,用于培训新客服。</source>
      <translation>Good and bad example dialogues, for training new agents.</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>对话</source>
      <translation>Dialogue</translation>
    </message>
    <message>
      <source>点评</source>
      <translation>Comment</translation>
    </message>
    <message>
      <source>好</source>
      <translation>Good</translation>
    </message>
    <message>
      <source>坏</source>
      <translation>Bad</translation>
    </message>
    <message>
      <source>添加案例…</source>
      <translation>Add example…</translation>
    </message>
    <message>
      <source>案例</source>
      <translation>Examples</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>保存 (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>放弃修改</source>
      <translation>Discard changes</translation>
    </message>
    <message>
      <source>历史版本…</source>
      <translation>History…</translation>
    </message>
    <message>
      <source>学到的问法:</source>
      <translation>Learned phrasings:</translation>
    </message>
    <message>
      <source>条目标签:</source>
      <translation>Entry tags:</translation>
    </message>
    <message>
      <source>面向客户标签</source>
      <translation>For customer tag</translation>
    </message>
  </context>
  <context>
    <name>ExamplesTab</name>
    <message>
      <source>选择其他条目…</source>
      <translation>Choose another entry…</translation>
    </message>
    <message>
      <source>有案例的条目</source>
      <translation>Entries with examples</translation>
    </message>
    <message>
      <source>新建案例…</source>
      <translation>New example…</translation>
    </message>
    <message>
      <source>编辑…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>选择一个条目查看它的案例</source>
      <translation>Choose an entry to see its examples</translation>
    </message>
    <message>
      <source>「{0}」的案例 — {1}</source>
      <translation>Examples of "{0}" — {1}</translation>
    </message>
    <message>
      <source>给哪个条目添加案例</source>
      <translation>Which entry to add an example to</translation>
    </message>
    <message>
      <source>新建案例</source>
      <translation>New example</translation>
    </message>
    <message>
      <source>修改案例</source>
      <translation>Edit example</translation>
    </message>
    <message>
      <source>删除案例</source>
      <translation>Delete example</translation>
    </message>
    <message>
      <source>删除这个案例?</source>
      <translation>Delete this example?</translation>
    </message>
  </context>
  <context>
    <name>LearnedPhrasingsBox</name>
    <message>
      <source>客服搜索后复制了这条话术时用的说法,按店铺计数</source>
      <translation>What agents searched before copying this entry, counted per shop</translation>
    </message>
    <message>
      <source>设为相似问法</source>
      <translation>Make it a similar question</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
  </context>
  <context>
    <name>CustomerDialog</name>
    <message>
      <source>客户标签</source>
      <translation>Customer tags</translation>
    </message>
  </context>
  <context>
    <name>CustomerModel</name>
    <message>
      <source>客户标签</source>
      <translation>Customer tags</translation>
    </message>
  </context>
  <context>
    <name>EntryTagModel</name>
    <message>
      <source>条目标签</source>
      <translation>Entry tag</translation>
    </message>
    <message>
      <source>条目数</source>
      <translation>Entries</translation>
    </message>
    <message>
      <source>回收站中</source>
      <translation>In trash</translation>
    </message>
    <message>
      <source>创建</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>最近改名或合并</source>
      <translation>Last renamed or merged</translation>
    </message>
  </context>
  <context>
    <name>EntryTagsTab</name>
    <message>
      <source>筛选条目标签……</source>
      <translation>Filter entry tags…</translation>
    </message>
    <message>
      <source>新建条目标签…</source>
      <translation>New entry tag…</translation>
    </message>
    <message>
      <source>删除未用的</source>
      <translation>Delete unused</translation>
    </message>
    <message>
      <source>只能删除没有任何条目(含回收站)使用的标签</source>
      <translation>Only a tag no entry uses (trash included) can be deleted</translation>
    </message>
    <message>
      <source>重命名…</source>
      <translation>Rename…</translation>
    </message>
    <message>
      <source>用这个条目标签的条目会一起改名</source>
      <translation>Entries with this entry tag follow the rename</translation>
    </message>
    <message>
      <source>合并到…</source>
      <translation>Merge into…</translation>
    </message>
    <message>
      <source>把选中的条目标签并入另一个:这些条目都改用那个标签(例如「价格敏感」并入「价格敏感型」)</source>
      <translation>Fold the selected entry tags into another: their entries get that tag (e.g. 价格敏感 into 价格敏感型)</translation>
    </message>
    <message>
      <source>条目标签给条目分类归档;客户标签(上一个标签页)描述客户。两者同名时,搜索会优先给该类客户的条目。</source>
      <translation>Entry tags label entries; customer tags (the previous tab) describe customers. Where the two share a name, search ranks that customer's entries first.</translation>
    </message>
    <message>
      <source>新建条目标签「{0}」</source>
      <translation>New entry tag '{0}'</translation>
    </message>
    <message>
      <source>合并条目标签</source>
      <translation>Merge entry tags</translation>
    </message>
    <message>
      <source>条目标签「{0}」已存在。把「{1}」合并到「{0}」吗?用「{1}」的条目都会改用「{0}」。</source>
      <translation>The entry tag '{0}' exists. Merge '{1}' into '{0}'? Entries with '{1}' will get '{0}'.</translation>
    </message>
    <message>
      <source>条目标签「{0}」改名为「{1}」</source>
      <translation>Rename entry tag '{0}' to '{1}'</translation>
    </message>
    <message>
      <source>把条目标签「{0}」合并到「{1}」</source>
      <translation>Merge entry tag '{0}' into '{1}'</translation>
    </message>
    <message>
      <source>删除条目标签「{0}」</source>
      <translation>Delete entry tag '{0}'</translation>
    </message>
    <message>
      <source>新建条目标签</source>
      <translation>New entry tag</translation>
    </message>
    <message>
      <source>条目标签名(例如:尺码、大促、易售后):</source>
      <translation>Entry tag name (e.g. 尺码, 大促, 易售后):</translation>
    </message>
    <message>
      <source>重命名条目标签</source>
      <translation>Rename entry tag</translation>
    </message>
    <message>
      <source>新名称(用「{0}」的条目会一起改;填已有的标签名则合并到它):</source>
      <translation>New name (entries with '{0}' follow; an existing tag's name merges into it):</translation>
    </message>
    <message>
      <source>把「{0}」合并到:</source>
      <translation>Merge '{0}' into:</translation>
    </message>
    <message>
      <source>删除条目标签</source>
      <translation>Delete entry tag</translation>
    </message>
    <message>
      <source>删除没有条目使用的条目标签「{0}」?</source>
      <translation>Delete the unused entry tag '{0}'?</translation>
    </message>
  </context>
  <context>
    <name>TagModel</name>
    <message>
      <source>客户标签</source>
      <translation>Customer tag</translation>
    </message>
  </context>
  <context>
    <name>TagPickDialog</name>
    <message>
      <source>加条目标签</source>
      <translation>Add entry tags</translation>
    </message>
    <message>
      <source>加上</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>TagPicker</name>
    <message>
      <source>输入查找条目标签,从列表中选择</source>
      <translation>Type to find an entry tag, pick from the list</translation>
    </message>
    <message>
      <source>新建的条目标签「{0}」,保存条目后加入列表。点一下去掉</source>
      <translation>New entry tag '{0}': joins the list when the entry is saved. Click to remove</translation>
    </message>
    <message>
      <source>点一下从这个条目去掉条目标签「{0}」</source>
      <translation>Click to remove the entry tag '{0}' from this entry</translation>
    </message>
    <message>
      <source>新建标签「{0}」</source>
      <translation>New tag '{0}'</translation>
    </message>
    <message>
      <source>作为新的条目标签加到这个条目上</source>
      <translation>Add it to this entry as a new entry tag</translation>
    </message>
    <message>
      <source>「{0}」不是已有的条目标签:从列表中选一个相近的,或选「新建标签「{0}」」。</source>
      <translation>'{0}' is not an existing entry tag: pick a close one from the list, or choose "New tag '{0}'".</translation>
    </message>
  </context>
</TS>