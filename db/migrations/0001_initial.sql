-- csdesk schema, version 1.
-- SQLite is the truth; the Whoosh index under <home>/index is derived from it and rebuilt when stale.
-- Times are ISO-8601 UTC strings. Entry, variant and asset ids are UUID strings (stable across export/import).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Library-level settings the core needs (agent name, team library folder …); JSON values.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE shops (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    platform   TEXT NOT NULL DEFAULT '',
    is_shared  INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    shop_id    INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES categories(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX categories_unique_name ON categories(shop_id, COALESCE(parent_id, 0), name);

CREATE TABLE entries (
    id          TEXT PRIMARY KEY,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    title       TEXT NOT NULL DEFAULT '',
    code        TEXT NOT NULL DEFAULT '',
    reply       TEXT NOT NULL DEFAULT '',
    question    TEXT NOT NULL DEFAULT '',
    similar     TEXT NOT NULL DEFAULT '[]',   -- JSON array of similar questions (相似问法)
    scenario    TEXT NOT NULL DEFAULT '',
    guidance    TEXT NOT NULL DEFAULT '',     -- 回复思路, never sent to the customer
    basis       TEXT NOT NULL DEFAULT '',     -- 依据
    enabled     INTEGER NOT NULL DEFAULT 1,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    origin      TEXT NOT NULL DEFAULT 'library',  -- library | personal | team | import | demo
    origin_ref  TEXT NOT NULL DEFAULT '',     -- e.g. the imported file or team-library version
    created_at  TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    updated_by  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT                          -- not NULL: in the trash
);
CREATE INDEX entries_shop ON entries(shop_id, deleted_at);
CREATE INDEX entries_category ON entries(category_id);
-- A shortcut code is unique per shop among live entries.
CREATE UNIQUE INDEX entries_code_unique ON entries(shop_id, lower(code)) WHERE code != '' AND deleted_at IS NULL;

CREATE TABLE entry_tags (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
);
CREATE INDEX entry_tags_tag ON entry_tags(tag);

-- Every saved state of an entry (history, restore).
CREATE TABLE entry_versions (
    id         INTEGER PRIMARY KEY,
    entry_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    action     TEXT NOT NULL,      -- create | update | delete | restore | import
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL       -- JSON snapshot of the entry
);
CREATE INDEX entry_versions_entry ON entry_versions(entry_id, version);

CREATE TABLE variants (
    id         TEXT PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    label      TEXT NOT NULL DEFAULT '',
    reply      TEXT NOT NULL,
    target_tag TEXT NOT NULL DEFAULT '',
    ab_group   TEXT NOT NULL DEFAULT '',
    enabled    INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX variants_entry ON variants(entry_id);

CREATE TABLE examples (
    id       INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('good', 'bad')),
    dialogue TEXT NOT NULL,
    comment  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX examples_entry ON examples(entry_id);

CREATE TABLE assets (
    id         TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL,
    folder     TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    filename   TEXT NOT NULL DEFAULT '',
    mime       TEXT NOT NULL DEFAULT 'application/octet-stream',
    size       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
CREATE INDEX assets_sha ON assets(sha256);

CREATE TABLE asset_folders (
    name       TEXT PRIMARY KEY,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entry_assets (
    entry_id   TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    asset_id   TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entry_id, asset_id)
);

CREATE TABLE tag_groups (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    color      TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES tag_groups(id) ON DELETE CASCADE,
    name        TEXT NOT NULL UNIQUE,
    color       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    shop_id    INTEGER REFERENCES shops(id) ON DELETE CASCADE,
    nickname   TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT '',
    birthday   TEXT NOT NULL DEFAULT '',
    after_sale TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX customers_unique ON customers(COALESCE(shop_id, 0), nickname);

CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
);

CREATE TABLE rules (
    id          INTEGER PRIMARY KEY,
    pattern     TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'word' CHECK (kind IN ('word', 'regex')),
    severity    TEXT NOT NULL DEFAULT 'warn' CHECK (severity IN ('block', 'warn')),
    reason      TEXT NOT NULL DEFAULT '',
    suggestion  TEXT NOT NULL DEFAULT '',
    exceptions  TEXT NOT NULL DEFAULT '[]',  -- JSON array
    source      TEXT NOT NULL DEFAULT 'shop', -- adlaw | platform | shop
    shop_id     INTEGER REFERENCES shops(id) ON DELETE CASCADE,
    enabled     INTEGER NOT NULL DEFAULT 1,
    builtin     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE placeholders (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sops (
    id          INTEGER PRIMARY KEY,
    shop_id     INTEGER REFERENCES shops(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sop_steps (
    id          INTEGER PRIMARY KEY,
    sop_id      INTEGER NOT NULL REFERENCES sops(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    instruction TEXT NOT NULL,
    entry_id    TEXT REFERENCES entries(id) ON DELETE SET NULL
);

-- What was copied (with the query that led to it) and what was searched; queries are masked before storing.
CREATE TABLE usage_log (
    id          INTEGER PRIMARY KEY,
    ts          TEXT NOT NULL,
    entry_id    TEXT NOT NULL,
    variant_id  TEXT,
    query       TEXT NOT NULL DEFAULT '',
    shop_id     INTEGER,
    customer    TEXT NOT NULL DEFAULT '',
    agent       TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL DEFAULT 'copy',  -- copy | override (block rule overridden)
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX usage_log_entry ON usage_log(entry_id, ts);

CREATE TABLE search_log (
    id        INTEGER PRIMARY KEY,
    ts        TEXT NOT NULL,
    query     TEXT NOT NULL,
    shop_id   INTEGER,
    hits      INTEGER NOT NULL DEFAULT 0,
    copied    INTEGER NOT NULL DEFAULT 0,
    agent     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX search_log_ts ON search_log(ts);
