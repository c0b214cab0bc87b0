-- Explanation requests as a thread (issue 12): the asking side replies ('comment'), either side
-- attaches files, and closing takes a note (a 'close' message, and the note on the request).

ALTER TABLE explanation_messages DROP CONSTRAINT explanation_messages_kind_check;
ALTER TABLE explanation_messages ADD CONSTRAINT explanation_messages_kind_check
  CHECK (kind IN ('question','answer','comment','close'));

ALTER TABLE explanation_requests ADD COLUMN closed_note text, ADD COLUMN closed_at timestamptz;

-- A file belongs to the message it was sent with. It counts against the storage quota of the
-- request's org (lib/attachments checkOrgQuota), like reports' files: the thread is that org's.
CREATE TABLE explanation_files (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  bigint NOT NULL REFERENCES explanation_requests(id) ON DELETE CASCADE,
  message_id  bigint NOT NULL REFERENCES explanation_messages(id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES orgs(id),
  file_name   text NOT NULL,
  mime_type   text NOT NULL,
  size_bytes  integer NOT NULL,
  content     bytea NOT NULL,
  uploaded_by bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX explanation_files_request_idx ON explanation_files (request_id, message_id);
-- The quota sums an org's files on every upload.
CREATE INDEX explanation_files_org_idx ON explanation_files (org_id) INCLUDE (size_bytes);
