-- Quiz questions from imported chat records (issue 16, csdesk.core.chatquiz): a customer's message (masked) that an
-- agent answered with a library reply, and that entry. No customer name, no agent reply is kept. Self-contained: if
-- another helper also adds a 0006, the lead renumbers this file at merge.
CREATE TABLE quiz_chat_questions (
    id       INTEGER PRIMARY KEY,
    text     TEXT NOT NULL,             -- the customer's message, masked (csdesk.core.masking.mask_query)
    entry_id TEXT NOT NULL,             -- the entry whose reply (or variant) the agent sent next
    source   TEXT NOT NULL DEFAULT '',  -- the chat record's file name
    added_at TEXT NOT NULL,
    UNIQUE (text, entry_id)
);
