-- The supervisor's statistics (csdesk.core.insight).
--
-- Daily roll-ups kept by triggers: a year of a 20-agent team is 2 million copies and 3 million searches, too many
-- rows to count each time the 数据 page opens; the roll-ups hold one row per day and entry (and per day and agent),
-- so a year is summed in milliseconds. Days are Beijing days (UTC+8): the shops' and the platforms' day.
--
-- Team usage files (csdesk.core.insight.teamusage) bring other agents' rows with their machine (source) and their
-- row id there (source_id); the unique indexes make a file read twice count once.

ALTER TABLE usage_log ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_log ADD COLUMN source_id INTEGER;
ALTER TABLE search_log ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE search_log ADD COLUMN source_id INTEGER;
CREATE UNIQUE INDEX usage_log_source ON usage_log(source, source_id) WHERE source != '';
CREATE UNIQUE INDEX search_log_source ON search_log(source, source_id) WHERE source != '';
CREATE INDEX usage_log_agent ON usage_log(agent, ts);
CREATE INDEX usage_log_ts ON usage_log(ts);
CREATE INDEX usage_log_override ON usage_log(entry_id, ts) WHERE action = 'override';  -- the reasons given

CREATE TABLE usage_daily (
    day      TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    shop_id  INTEGER NOT NULL DEFAULT 0,
    action   TEXT NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, entry_id, shop_id, action)
) WITHOUT ROWID;

-- The same per month (day = 'YYYY-MM'): a year's entry figures sum 12 rows per entry and shop instead of 250.
CREATE TABLE usage_monthly (
    month    TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    shop_id  INTEGER NOT NULL DEFAULT 0,
    action   TEXT NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, entry_id, shop_id, action)
) WITHOUT ROWID;

CREATE TABLE usage_daily_agent (
    day      TEXT NOT NULL,
    agent    TEXT NOT NULL,
    shop_id  INTEGER NOT NULL DEFAULT 0,
    action   TEXT NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, agent, shop_id, action)
) WITHOUT ROWID;

CREATE TABLE search_daily (
    day     TEXT NOT NULL,
    agent   TEXT NOT NULL,
    shop_id INTEGER NOT NULL DEFAULT 0,
    failed  INTEGER NOT NULL,  -- 1: found nothing; 0: found something, nothing copied
    n       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, agent, shop_id, failed)
) WITHOUT ROWID;

INSERT INTO usage_daily(day, entry_id, shop_id, action, n)
    SELECT date(ts, '+8 hours'), entry_id, COALESCE(shop_id, 0), action, COUNT(*) FROM usage_log GROUP BY 1, 2, 3, 4;
INSERT INTO usage_monthly(month, entry_id, shop_id, action, n)
    SELECT substr(day, 1, 7), entry_id, shop_id, action, SUM(n) FROM usage_daily GROUP BY 1, 2, 3, 4;
INSERT INTO usage_daily_agent(day, agent, shop_id, action, n)
    SELECT date(ts, '+8 hours'), agent, COALESCE(shop_id, 0), action, COUNT(*) FROM usage_log GROUP BY 1, 2, 3, 4;
INSERT INTO search_daily(day, agent, shop_id, failed, n)
    SELECT date(ts, '+8 hours'), agent, COALESCE(shop_id, 0), hits = 0, COUNT(*) FROM search_log GROUP BY 1, 2, 3, 4;

CREATE TRIGGER usage_log_daily_insert AFTER INSERT ON usage_log BEGIN
    INSERT INTO usage_daily(day, entry_id, shop_id, action, n)
        VALUES (date(NEW.ts, '+8 hours'), NEW.entry_id, COALESCE(NEW.shop_id, 0), NEW.action, 1)
        ON CONFLICT(day, entry_id, shop_id, action) DO UPDATE SET n = n + 1;
    INSERT INTO usage_monthly(month, entry_id, shop_id, action, n)
        VALUES (substr(date(NEW.ts, '+8 hours'), 1, 7), NEW.entry_id, COALESCE(NEW.shop_id, 0), NEW.action, 1)
        ON CONFLICT(month, entry_id, shop_id, action) DO UPDATE SET n = n + 1;
    INSERT INTO usage_daily_agent(day, agent, shop_id, action, n)
        VALUES (date(NEW.ts, '+8 hours'), NEW.agent, COALESCE(NEW.shop_id, 0), NEW.action, 1)
        ON CONFLICT(day, agent, shop_id, action) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER usage_log_daily_delete AFTER DELETE ON usage_log BEGIN
    UPDATE usage_daily SET n = n - 1
        WHERE day = date(OLD.ts, '+8 hours') AND entry_id = OLD.entry_id AND shop_id = COALESCE(OLD.shop_id, 0)
          AND action = OLD.action;
    UPDATE usage_monthly SET n = n - 1
        WHERE month = substr(date(OLD.ts, '+8 hours'), 1, 7) AND entry_id = OLD.entry_id
          AND shop_id = COALESCE(OLD.shop_id, 0) AND action = OLD.action;
    UPDATE usage_daily_agent SET n = n - 1
        WHERE day = date(OLD.ts, '+8 hours') AND agent = OLD.agent AND shop_id = COALESCE(OLD.shop_id, 0)
          AND action = OLD.action;
END;

CREATE TRIGGER search_log_daily_insert AFTER INSERT ON search_log BEGIN
    INSERT INTO search_daily(day, agent, shop_id, failed, n)
        VALUES (date(NEW.ts, '+8 hours'), NEW.agent, COALESCE(NEW.shop_id, 0), NEW.hits = 0, 1)
        ON CONFLICT(day, agent, shop_id, failed) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER search_log_daily_delete AFTER DELETE ON search_log BEGIN
    UPDATE search_daily SET n = n - 1
        WHERE day = date(OLD.ts, '+8 hours') AND agent = OLD.agent AND shop_id = COALESCE(OLD.shop_id, 0)
          AND failed = (OLD.hits = 0);
END;

-- Knowledge gaps the supervisor has dealt with (made into an entry or a similar question): wordings searched up to
-- done_at are no longer shown as a gap.
CREATE TABLE insight_gaps_done (
    wording  TEXT PRIMARY KEY,  -- the normalised wording (csdesk.core.insight.grouping.normalise)
    entry_id TEXT NOT NULL DEFAULT '',
    done_at  TEXT NOT NULL
);
