<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>BackupDialog</name>
    <message>
        <source>备份与恢复…</source>
        <translation>Backups and restore…</translation>
    </message>
    <message>
        <source>恢复备份会替换整个话术库,需要主管模式。</source>
        <translation>Restoring a backup replaces the whole library: supervisor mode is needed.</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backups and restore</translation>
    </message>
    <message>
        <source>csdesk 在启动时、使用中定时、导入和团队更新前自动备份话术库(数据库和素材文件)。恢复前会先备份当前状态,恢复后可以再恢复那份「恢复前」的备份来撤销。</source>
        <translation>csdesk backs up the library (database and asset files) at start, at intervals while in use, and before imports and team updates. A restore first backs up the current state: restore that 'before a restore' backup to undo it.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>恢复所选备份…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <source>正在备份……</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已备份。</source>
        <translation>Backed up.</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>把话术库恢复到 %1 的状态?
当前状态会先备份(可以撤销)。</source>
        <translation>Restore the library to its state of %1?
The current state is backed up first (so this can be undone).</translation>
    </message>
    <message>
        <source>正在恢复……</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>已恢复。要撤销,请恢复最新的「恢复前」备份。</source>
        <translation>Restored. To undo, restore the newest 'before a restore' backup.</translation>
    </message>
</context>
</TS>