-- Study and dissemination: study sessions (online conferences with bridge points), attendance
-- by QR check-in, coverage of each document per org, reflections and pledges.
--
-- Documents live in the 01xx migrations of the documents feature. When this file was written
-- their table did not exist yet, so `document_id` carries no foreign key here; 0201 adds them
-- where they cost nothing at check-in peak.

CREATE TABLE study_sessions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The organizer: scope checks use its path.
  org_id        bigint NOT NULL REFERENCES orgs(id),
  title         text NOT NULL,
  mode          text NOT NULL DEFAULT 'online' CHECK (mode IN ('online','in_person','hybrid')),
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  -- Check-in opens this many minutes before the start and closes this many after the end.
  checkin_open_minutes  integer NOT NULL DEFAULT 60 CHECK (checkin_open_minutes BETWEEN 0 AND 1440),
  checkin_close_minutes integer NOT NULL DEFAULT 30 CHECK (checkin_close_minutes BETWEEN 0 AND 1440),
  -- The video conference the session uses; the app hosts no video.
  video_url     text,
  agenda        jsonb NOT NULL DEFAULT '[]',
  -- [{ fullName, title }]: báo cáo viên.
  presenters    jsonb NOT NULL DEFAULT '[]',
  -- [{ kind: 'link'|'file'|'slides'|'video', title, url }]
  materials     jsonb NOT NULL DEFAULT '[]',
  -- A make-up session for those who missed `makeup_of`; attending it counts for coverage too.
  makeup_of     bigint REFERENCES study_sessions(id),
  status        text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','cancelled')),
  is_sample     boolean NOT NULL DEFAULT false,
  version       integer NOT NULL DEFAULT 1,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT study_sessions_range CHECK (ends_at > starts_at)
);
CREATE INDEX study_sessions_org_idx ON study_sessions (org_id, starts_at DESC);
CREATE INDEX study_sessions_makeup_idx ON study_sessions (makeup_of) WHERE makeup_of IS NOT NULL;

CREATE TABLE study_session_documents (
  session_id  bigint NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
  document_id bigint NOT NULL,
  PRIMARY KEY (session_id, document_id)
);
CREATE INDEX study_session_documents_doc_idx ON study_session_documents (document_id);

CREATE TABLE bridge_points (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id    bigint NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
  -- The org hosting the point (a ward committee, a grassroots organization).
  org_id        bigint NOT NULL REFERENCES orgs(id),
  name          text NOT NULL,
  place         text,
  host_name     text,
  host_user_id  bigint REFERENCES users(id),
  -- Expected attendees: every member in the subtree of expected_org_id ('subtree'), or the
  -- members listed in bridge_point_members ('list'). Listed members are also allowed at a
  -- 'subtree' point: that is how a host lets in a guest.
  expected_kind   text NOT NULL DEFAULT 'subtree' CHECK (expected_kind IN ('subtree','list')),
  expected_org_id bigint REFERENCES orgs(id),
  is_main       boolean NOT NULL DEFAULT false,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT bridge_points_subtree_org CHECK (expected_kind = 'list' OR expected_org_id IS NOT NULL)
);
CREATE INDEX bridge_points_session_idx ON bridge_points (session_id);
CREATE INDEX bridge_points_org_idx ON bridge_points (org_id);
CREATE UNIQUE INDEX bridge_points_session_org_key ON bridge_points (session_id, org_id);
-- A member's invitations: the points expecting one of their ancestor orgs.
CREATE INDEX bridge_points_expected_org_idx ON bridge_points (expected_org_id);

CREATE TABLE bridge_point_members (
  point_id   bigint NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
  member_id  bigint NOT NULL REFERENCES members(id),
  PRIMARY KEY (point_id, member_id)
);
CREATE INDEX bridge_point_members_member_idx ON bridge_point_members (member_id);

-- One row per member and session, whatever they retry: the primary key is what makes a
-- duplicate scan a no-op. `org_id` is the member's cell at check-in time, for per-org reports.
--
-- No foreign keys on this table and the two below it, deliberately: they take the peak of a
-- national conference, and a row-level FK check costs a lookup and a row lock per row (every
-- check-in of a session share-locking the one session row). The only writers are the check-in
-- batch, which joins the session, point and member it writes, and the study services, which
-- check the same in their transaction. Deleting a session deletes its rows (trigger below).
CREATE TABLE attendances (
  session_id    bigint NOT NULL,
  member_id     bigint NOT NULL,
  point_id      bigint,
  org_id        bigint NOT NULL,
  status        text NOT NULL CHECK (status IN ('present','excused','absent')),
  reason        text,
  method        text NOT NULL CHECK (method IN ('qr','manual','import')),
  recorded_by   bigint,
  -- A global, increasing cursor: the host's live list asks for rows after the last it saw.
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, member_id)
);
-- Few indexes on purpose: each one is written at check-in peak. Reports per org read a
-- session's rows through the primary key's session prefix.
CREATE INDEX attendances_point_seq_idx ON attendances (point_id, seq);
CREATE INDEX attendances_member_idx ON attendances (member_id);

-- Who has studied which document, once per member whatever the number of sessions attended.
CREATE TABLE document_studies (
  document_id bigint NOT NULL,
  member_id   bigint NOT NULL,
  -- The member's cell, kept along with members.org_id (see members_study_move): the count
  -- triggers then never join the million-row members table.
  org_id      bigint NOT NULL,
  session_id  bigint NOT NULL,
  studied_on  date NOT NULL,
  -- Member first: "what has this member studied" and "has this member studied it" both use
  -- it, and no second index is written at check-in peak.
  PRIMARY KEY (member_id, document_id)
);

-- Members who studied each document, per cell and per day (Vietnam time). Coverage of a
-- subtree as of a date sums these rows (thousands) instead of counting attendance (millions).
CREATE TABLE document_study_counts (
  document_id bigint NOT NULL,
  org_id      bigint NOT NULL,
  day         date NOT NULL,
  studied     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, org_id, day)
);

CREATE OR REPLACE FUNCTION vn_today(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;

-- Attendance that becomes 'present' records the session's documents as studied; attendance
-- that stops being 'present' (a host's correction) withdraws them unless another present
-- attendance still covers the document. Statement-level with transition tables: one
-- check-in batch of hundreds of rows runs each statement once.
CREATE OR REPLACE FUNCTION attendances_study_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_studies (document_id, member_id, org_id, session_id, studied_on)
  SELECT d.document_id, n.member_id, n.org_id, n.session_id, vn_today(n.at)
    FROM new_rows n JOIN study_session_documents d ON d.session_id = n.session_id
   WHERE n.status = 'present'
   ORDER BY n.member_id, d.document_id
  ON CONFLICT (member_id, document_id) DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION attendances_study_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Withdrawn: rows that were present and no longer are.
  DELETE FROM document_studies ds
   USING old_rows o JOIN new_rows n ON n.session_id = o.session_id AND n.member_id = o.member_id
   WHERE o.status = 'present' AND n.status <> 'present'
     AND ds.member_id = o.member_id AND ds.session_id = o.session_id;
  -- Re-credit from any other present attendance, and credit the newly present.
  INSERT INTO document_studies (document_id, member_id, org_id, session_id, studied_on)
  SELECT DISTINCT ON (d.document_id, a.member_id) d.document_id, a.member_id, m.org_id, a.session_id, vn_today(a.at)
    FROM (SELECT DISTINCT n.member_id FROM old_rows o JOIN new_rows n ON n.session_id = o.session_id AND n.member_id = o.member_id
           WHERE (o.status = 'present') <> (n.status = 'present')) c
    JOIN members m ON m.id = c.member_id
    JOIN attendances a ON a.member_id = c.member_id AND a.status = 'present'
    JOIN study_session_documents d ON d.session_id = a.session_id
   ORDER BY d.document_id, a.member_id, a.at
  ON CONFLICT (member_id, document_id) DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER attendances_study_ins AFTER INSERT ON attendances REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION attendances_study_ins();
CREATE TRIGGER attendances_study_upd AFTER UPDATE ON attendances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION attendances_study_upd();

-- document_studies feeds the per-cell counts. Rows are taken in key order so that two batches
-- committing at once lock the same count rows in the same order and never deadlock.
CREATE OR REPLACE FUNCTION document_studies_count_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_study_counts AS c (document_id, org_id, day, studied)
  SELECT n.document_id, n.org_id, n.studied_on, count(*)
    FROM new_rows n
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (document_id, org_id, day) DO UPDATE SET studied = c.studied + EXCLUDED.studied;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION document_studies_count_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE document_study_counts c SET studied = c.studied - d.n
    FROM (SELECT o.document_id, o.org_id, o.studied_on, count(*) n
            FROM old_rows o GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) d
   WHERE c.document_id = d.document_id AND c.org_id = d.org_id AND c.day = d.studied_on;
  RETURN NULL;
END $$;
CREATE TRIGGER document_studies_count_ins AFTER INSERT ON document_studies REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION document_studies_count_ins();
CREATE TRIGGER document_studies_count_del AFTER DELETE ON document_studies REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION document_studies_count_del();

-- A member who changes cells takes what they studied along, so the old cell's coverage does
-- not count someone it no longer has.
CREATE OR REPLACE FUNCTION members_study_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT o.id, o.org_id AS from_org, n.org_id AS to_org
      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.org_id <> n.org_id
  ), d AS (
    UPDATE document_studies ds SET org_id = mv.to_org
      FROM moved mv WHERE ds.member_id = mv.id
    RETURNING ds.document_id, ds.studied_on, mv.from_org, mv.to_org
  ), dec AS (
    UPDATE document_study_counts c SET studied = c.studied - x.n
      FROM (SELECT document_id, from_org, studied_on, count(*) n FROM d GROUP BY 1, 2, 3) x
     WHERE c.document_id = x.document_id AND c.org_id = x.from_org AND c.day = x.studied_on
  )
  INSERT INTO document_study_counts AS c (document_id, org_id, day, studied)
  SELECT document_id, to_org, studied_on, count(*) FROM d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (document_id, org_id, day) DO UPDATE SET studied = c.studied + EXCLUDED.studied;
  RETURN NULL;
END $$;
CREATE TRIGGER members_study_move AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION members_study_move();

-- What the missing foreign keys would have cascaded: a deleted session takes its attendance
-- (and through the triggers above, what it credited) with it; a deleted point leaves its rows
-- without a point.
CREATE OR REPLACE FUNCTION study_sessions_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM attendances a USING old_rows o WHERE a.session_id = o.id;
  RETURN NULL;
END $$;
CREATE TRIGGER study_sessions_cleanup AFTER DELETE ON study_sessions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION study_sessions_cleanup();
CREATE OR REPLACE FUNCTION bridge_points_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE attendances a SET point_id = NULL FROM old_rows o WHERE a.point_id = o.id;
  RETURN NULL;
END $$;
CREATE TRIGGER bridge_points_cleanup AFTER DELETE ON bridge_points REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bridge_points_cleanup();

-- Invitations are not stored: a member is invited to every point whose expected subtree holds
-- their cell or whose list names them, which stays true when members move or points change.

-- Bài thu hoạch: written in the app or uploaded; the cell's secretary accepts it or asks for a rewrite.
CREATE TABLE reflections (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id    bigint NOT NULL REFERENCES members(id),
  document_id  bigint NOT NULL,
  session_id   bigint REFERENCES study_sessions(id) ON DELETE SET NULL,
  body         text NOT NULL DEFAULT '',
  file_name    text,
  file_type    text,
  file_data    bytea,
  status       text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','accepted','rewrite')),
  review_note  text,
  reviewed_by  bigint REFERENCES users(id),
  reviewed_at  timestamptz,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, document_id)
);
CREATE INDEX reflections_document_idx ON reflections (document_id, status);

-- Kế hoạch cá nhân / cam kết: commitments a member makes to carry the resolution out.
CREATE TABLE pledges (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id    bigint NOT NULL REFERENCES members(id),
  document_id  bigint NOT NULL,
  year         integer NOT NULL,
  commitments  jsonb NOT NULL DEFAULT '[]',
  -- Filled in at the yearly evaluation.
  self_review  text,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, document_id, year)
);
