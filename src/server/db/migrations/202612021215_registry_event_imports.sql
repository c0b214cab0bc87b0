-- Events imported from a spreadsheet (issue 13): one row per file written, keyed by the file's
-- SHA-256. Two confirms of the same file (a double click, two tabs, two clerks) meet on this
-- primary key: the second waits for the first's transaction and is refused once it commits,
-- so no event is written twice.
CREATE TABLE registry_event_imports (
  file_hash  text PRIMARY KEY,
  user_id    bigint REFERENCES users(id),
  events     integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
