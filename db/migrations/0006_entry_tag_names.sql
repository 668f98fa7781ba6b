-- Managed entry tags (issue 13): the names entry tags are chosen from. A name exists here once it is created on
-- purpose (the workbench's 新建条目标签, the editor's 「新建标签」 choice) or put on an entry by any path (import,
-- team update, restore: the triggers below), and stays when its last entry drops it, so an unused tag is listed
-- (with 0 entries) until a supervisor deletes it. Who created it and who last renamed or merged into it are kept.
CREATE TABLE entry_tag_names (
    name       TEXT PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT ''
);

INSERT OR IGNORE INTO entry_tag_names(name, created_at, created_by)
SELECT t.tag, MIN(e.created_at), '' FROM entry_tags t JOIN entries e ON e.id = t.entry_id GROUP BY t.tag;

CREATE TRIGGER entry_tag_names_on_insert AFTER INSERT ON entry_tags BEGIN
    INSERT OR IGNORE INTO entry_tag_names(name, created_at, created_by)
    VALUES (NEW.tag, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
            COALESCE((SELECT updated_by FROM entries WHERE id = NEW.entry_id), ''));
END;

CREATE TRIGGER entry_tag_names_on_update AFTER UPDATE OF tag ON entry_tags BEGIN
    INSERT OR IGNORE INTO entry_tag_names(name, created_at, created_by)
    VALUES (NEW.tag, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
            COALESCE((SELECT updated_by FROM entries WHERE id = NEW.entry_id), ''));
END;
