-- Learned phrasings (学到的问法): a search an agent followed by copying an entry is a way customers ask for that
-- entry. Kept per shop with a count; the meaning layer ranks the entry for similar later queries; a supervisor
-- promotes one to a similar question (相似问法) or deletes it in the entry editor. Travels with the team bundle.
CREATE TABLE learned_phrasings (
    id         INTEGER PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    shop_id    INTEGER,
    phrase     TEXT NOT NULL,              -- masked as the search log masks queries
    count      INTEGER NOT NULL DEFAULT 1,
    first_ts   TEXT NOT NULL DEFAULT '',
    last_ts    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX learned_phrasings_unique ON learned_phrasings(entry_id, COALESCE(shop_id, 0), phrase);
CREATE INDEX learned_phrasings_shop ON learned_phrasings(shop_id);
