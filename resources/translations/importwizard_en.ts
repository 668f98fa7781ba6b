<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>ExportDialog</name>
    <message>
      <source>导出话术</source>
      <translation>Export replies</translation>
    </message>
    <message>
      <source>格式</source>
      <translation>Format</translation>
    </message>
    <message>
      <source>店铺</source>
      <translation>Shops</translation>
    </message>
    <message>
      <source>包含客户资料(昵称、标签、备注,请注意隐私)</source>
      <translation>Include customer data (nicknames, tags, notes; mind their privacy)</translation>
    </message>
    <message>
      <source>另存为…</source>
      <translation>Save as…</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>导出到</source>
      <translation>Export to</translation>
    </message>
    <message>
      <source>请至少选择一个店铺。</source>
      <translation>Choose at least one shop.</translation>
    </message>
    <message>
      <source>正在导出…</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>已导出 %1 条到 %2</source>
      <translation>Exported %1 entries to %2</translation>
    </message>
    <message>
      <source>提醒:</source>
      <translation>Warnings:</translation>
    </message>
    <message>
      <source>已导出 %1 条,每个店铺一个文件:</source>
      <translation>Exported %1 entries, one file per shop:</translation>
    </message>
  </context>
  <context>
    <name>ImportPreviewModel</name>
    <message>
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>位置</source>
      <translation>Where</translation>
    </message>
    <message>
      <source>店铺</source>
      <translation>Shop</translation>
    </message>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>Added</translation>
    </message>
    <message>
      <source>更新</source>
      <translation>Updated</translation>
    </message>
    <message>
      <source>未变</source>
      <translation>Unchanged</translation>
    </message>
    <message>
      <source>跳过</source>
      <translation>Skipped</translation>
    </message>
    <message>
      <source>冲突</source>
      <translation>Conflict</translation>
    </message>
    <message>
      <source>移入回收站</source>
      <translation>To trash</translation>
    </message>
    <message>
      <source>错误</source>
      <translation>Error</translation>
    </message>
    <message>
      <source>提醒</source>
      <translation>Warning</translation>
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
      <source>%1:「%2」(规则 %3)%4</source>
      <translation>%1: '%2' (rule %3) %4</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <source>导入话术</source>
      <translation>Import replies</translation>
    </message>
    <message>
      <source>上一步</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>预览</source>
      <translation>Preview</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>选择要导入的文件</source>
      <translation>Choose the file to import</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>选择文件夹…</source>
      <translation>Choose folder…</translation>
    </message>
    <message>
      <source>Espanso 包是一个文件夹</source>
      <translation>An Espanso package is a folder</translation>
    </message>
    <message>
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <source>自动识别</source>
      <translation>Detect automatically</translation>
    </message>
    <message>
      <source>格式</source>
      <translation>Format</translation>
    </message>
    <message>
      <source>(按文件里的店铺,没有写的放入通用)</source>
      <translation>(shops as in the file; rows without one go to Shared)</translation>
    </message>
    <message>
      <source>文件没有写店铺的行导入到这个店铺;输入新名字会新建店铺</source>
      <translation>Rows of the file without a shop go to this shop; a new name creates a shop</translation>
    </message>
    <message>
      <source>店铺</source>
      <translation>Shop</translation>
    </message>
    <message>
      <source>合并:更新已有条目(按编号、快捷编码、标题匹配),添加新条目</source>
      <translation>Merge: update existing entries (matched by id, shortcut code, title), add new ones</translation>
    </message>
    <message>
      <source>替换:文件里提到的店铺中,文件里没有的条目移入回收站</source>
      <translation>Replace: in the shops the file mentions, entries not in the file go to the trash</translation>
    </message>
    <message>
      <source>跳过:已有的条目不动,只添加新条目</source>
      <translation>Skip: leave existing entries alone, only add new ones</translation>
    </message>
    <message>
      <source>方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>正在导入…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>话术文件</source>
      <translation>Reply files</translation>
    </message>
    <message>
      <source>选择 Espanso 包文件夹</source>
      <translation>Choose the Espanso package folder</translation>
    </message>
    <message>
      <source>识别为:%1</source>
      <translation>Detected: %1</translation>
    </message>
    <message>
      <source>正在读取文件…</source>
      <translation>Reading the file…</translation>
    </message>
    <message>
      <source>文件里有 %1 处错误,改正后才能导入。没有导入任何内容。</source>
      <translation>The file has %1 errors; fix them to import. Nothing was imported.</translation>
    </message>
    <message>
      <source>正在导入…(可以取消,取消后话术库保持原样)</source>
      <translation>Importing… (you can cancel; the library then stays as it was)</translation>
    </message>
    <message>
      <source>导入已取消,话术库没有任何改动。</source>
      <translation>Import cancelled; the library was not changed.</translation>
    </message>
    <message>
      <source>正在取消…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>已写入话术库,正在更新搜索索引…</source>
      <translation>Written to the library; updating the search index…</translation>
    </message>
  </context>
</TS>