<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>TeamLibrary</name>
    <message>
      <source>发布人:%1</source>
      <translation>Published by: %1</translation>
    </message>
    <message>
      <source>说明:%1</source>
      <translation>Note: %1</translation>
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
  </context>
  <context>
    <name>PublishDialog</name>
    <message>
      <source>这一版改了什么(客服更新时会看到)</source>
      <translation>What this version changes (agents see it with the update)</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Note</translation>
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
</TS>
