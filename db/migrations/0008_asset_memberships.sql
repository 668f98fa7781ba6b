-- One asset, several folders: the same file added to two folders is one asset (stored once, named once, linked
-- once) that is a member of both. assets.folder stays as the asset's first folder, for older readers.
CREATE TABLE asset_memberships (
    asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    folder   TEXT NOT NULL,
    PRIMARY KEY (asset_id, folder)
);
CREATE INDEX asset_memberships_folder ON asset_memberships(folder);
INSERT INTO asset_memberships(asset_id, folder) SELECT id, folder FROM assets WHERE folder != '';

-- An asset merged into another with the same content keeps its old id here: versions, bundles and team updates
-- that name the old id find the asset it became.
CREATE TABLE asset_aliases (
    old_id   TEXT PRIMARY KEY,
    asset_id TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE
);

-- Earlier programs stored the same file in two folders as two assets: merge them into the oldest one.
INSERT INTO asset_aliases(old_id, asset_id)
SELECT a.id, (SELECT b.id FROM assets b WHERE b.sha256 = a.sha256 AND b.deleted_at IS NULL
              ORDER BY b.created_at, b.rowid LIMIT 1)
FROM assets a WHERE a.deleted_at IS NULL;
DELETE FROM asset_aliases WHERE old_id = asset_id;
INSERT OR IGNORE INTO asset_memberships(asset_id, folder)
SELECT x.asset_id, m.folder FROM asset_aliases x JOIN asset_memberships m ON m.asset_id = x.old_id;
INSERT OR IGNORE INTO entry_assets(entry_id, asset_id, sort_order)
SELECT ea.entry_id, x.asset_id, ea.sort_order FROM entry_assets ea JOIN asset_aliases x ON x.old_id = ea.asset_id;
DELETE FROM entry_assets WHERE asset_id IN (SELECT old_id FROM asset_aliases);
DELETE FROM asset_memberships WHERE asset_id IN (SELECT old_id FROM asset_aliases);
DELETE FROM assets WHERE id IN (SELECT old_id FROM asset_aliases);
