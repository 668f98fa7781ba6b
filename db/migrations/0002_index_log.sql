-- The durable record of which entries each generation changed: any program that can take the index's writer lock
-- brings the index up to the database from it, so an edit whose index update could not run (another program held
-- the lock, the program was killed) is never lost. entry_id '*' means "everything": a rebuild is due.
CREATE TABLE index_log (
    generation INTEGER NOT NULL,
    entry_id   TEXT    NOT NULL
);
CREATE INDEX index_log_generation ON index_log(generation);
