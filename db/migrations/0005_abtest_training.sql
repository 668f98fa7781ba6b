-- Wording A/B tests and training (issue 16). Numbered 0006, well above 0001, so helpers adding migrations at the
-- same time do not collide; versions are applied in order and gaps are allowed.

-- One A/B test on one entry. arms: JSON [{"key": "A", "variant_id": null | "<uuid>", "label": "...", "weight": 50}]
-- (variant_id null = the entry's own reply). shops: JSON list of shop ids ([] = every shop).
CREATE TABLE ab_tests (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,          -- stable across the team folder
    entry_id     TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    arms         TEXT NOT NULL,
    shops        TEXT NOT NULL DEFAULT '[]',
    customer_tag TEXT NOT NULL DEFAULT '',      -- '' = all customers
    goal         TEXT NOT NULL DEFAULT 'deal' CHECK (goal IN ('deal', 'resolved', 'praise')),
    end_date     TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD, '' = none
    end_sample   INTEGER NOT NULL DEFAULT 0,    -- chats in all, 0 = none
    status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ended')),
    started_at   TEXT NOT NULL,
    started_by   TEXT NOT NULL DEFAULT '',
    ended_at     TEXT NOT NULL DEFAULT '',
    ended_by     TEXT NOT NULL DEFAULT '',
    winner       TEXT NOT NULL DEFAULT '',      -- arm key promoted ('' = none)
    result       TEXT NOT NULL DEFAULT '',      -- JSON summary frozen when the test ended
    promoted_version INTEGER                    -- the entry version the promotion made
);
CREATE INDEX ab_tests_entry ON ab_tests(entry_id, status);

-- Every copy made under a test (the wording the customer saw) and the outcome the agent or an order CSV gave it.
CREATE TABLE ab_copies (
    id        INTEGER PRIMARY KEY,
    test_id   INTEGER NOT NULL REFERENCES ab_tests(id) ON DELETE CASCADE,
    arm       TEXT NOT NULL,
    ts        TEXT NOT NULL,
    customer  TEXT NOT NULL DEFAULT '',
    agent     TEXT NOT NULL DEFAULT '',
    shop_id   INTEGER,
    outcome   INTEGER,                          -- NULL unknown, 1 goal met, 0 not met
    outcome_ts     TEXT NOT NULL DEFAULT '',
    outcome_source TEXT NOT NULL DEFAULT ''     -- agent | csv
);
CREATE INDEX ab_copies_test ON ab_copies(test_id, customer);

-- Quiz settings live in the settings table; each finished quiz is one row, each question one JSON item.
CREATE TABLE quiz_results (
    id         INTEGER PRIMARY KEY,
    agent      TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    mode       TEXT NOT NULL DEFAULT 'search',  -- search | choice | drill | retry
    shop_id    INTEGER,
    total      INTEGER NOT NULL,
    correct    INTEGER NOT NULL,
    pass_mark  INTEGER NOT NULL,                -- percent
    passed     INTEGER NOT NULL,
    seconds    REAL NOT NULL DEFAULT 0,
    items      TEXT NOT NULL DEFAULT '[]'       -- [{"entry_id", "prompt", "answer_id", "correct", "seconds"}]
);
CREATE INDEX quiz_results_agent ON quiz_results(agent, finished_at);
