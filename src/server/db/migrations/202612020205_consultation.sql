-- Issue 16, drafting and consultation (xin ý kiến dự thảo): the editorial group of a draft, the
-- versions it issues, their circulation to orgs and people, comments and their dispositions,
-- the group's private notes, and the conference that adopts the document.

-- The editorial group (Tổ biên tập): the only people who edit a draft under consultation.
CREATE TABLE consultation_team_members (
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  user_id     bigint NOT NULL REFERENCES users(id),
  role        text NOT NULL CHECK (role IN ('head','member','secretary')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, user_id)
);
-- "Which drafts am I on the group of": the inbox asks it for every page load.
CREATE INDEX consultation_team_user_idx ON consultation_team_members (user_id);

-- An issued draft version: a snapshot of the items, keyed by their stable keys, so comments
-- anchor to an item across reordering and editing, and two versions compare item by item.
CREATE TABLE consultation_versions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version_no  integer NOT NULL CHECK (version_no > 0),
  note        text,
  issued_by   bigint REFERENCES users(id),
  issued_at   timestamptz NOT NULL DEFAULT now(),
  is_sample   boolean NOT NULL DEFAULT false,
  UNIQUE (document_id, version_no)
);

CREATE TABLE consultation_version_items (
  version_id  bigint NOT NULL REFERENCES consultation_versions(id) ON DELETE CASCADE,
  stable_key  uuid NOT NULL,
  parent_key  uuid,
  kind        text NOT NULL,
  -- Depth-first order of the item in the version: the draft's reading order and line order.
  ord         integer NOT NULL,
  depth       integer NOT NULL,
  text        text NOT NULL,
  value       numeric,
  value_min   numeric,
  value_max   numeric,
  unit        text,
  PRIMARY KEY (version_id, stable_key)
);

-- One circulation of a version (xin ý kiến) with its deadline.
CREATE TABLE consultation_rounds (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version_id  bigint NOT NULL REFERENCES consultation_versions(id) ON DELETE CASCADE,
  deadline    date NOT NULL,
  message     text,
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  is_sample   boolean NOT NULL DEFAULT false
);
CREATE INDEX consultation_rounds_doc_idx ON consultation_rounds (document_id);

-- Who a round was sent to: an org (answers in its name, after its leader approves) or a person.
CREATE TABLE consultation_recipients (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id    bigint NOT NULL REFERENCES consultation_rounds(id) ON DELETE CASCADE,
  org_id      bigint REFERENCES orgs(id),
  user_id     bigint REFERENCES users(id),
  answered_at timestamptz,
  CHECK ((org_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX consultation_recipients_org_key ON consultation_recipients (round_id, org_id) WHERE org_id IS NOT NULL;
CREATE UNIQUE INDEX consultation_recipients_user_key ON consultation_recipients (round_id, user_id) WHERE user_id IS NOT NULL;
-- A recipient's inbox: rounds sent to my orgs or to me.
CREATE INDEX consultation_recipients_org_idx ON consultation_recipients (org_id) WHERE org_id IS NOT NULL;
CREATE INDEX consultation_recipients_user_idx ON consultation_recipients (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE consultation_comments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id     bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version_id      bigint NOT NULL REFERENCES consultation_versions(id) ON DELETE CASCADE,
  recipient_id    bigint REFERENCES consultation_recipients(id) ON DELETE CASCADE,
  -- NULL: a comment on the whole document.
  item_key        uuid,
  author_id       bigint REFERENCES users(id),
  -- Set when the comment is made in an org's name.
  org_id          bigint REFERENCES orgs(id),
  source          text NOT NULL CHECK (source IN ('written','conference')),
  speaker_name    text,
  speaker_title   text,
  body            text NOT NULL,
  proposed_text   text,
  proposed_value  numeric,
  status          text NOT NULL CHECK (status IN ('pending_approval','sent')),
  approved_by     bigint REFERENCES users(id),
  sent_at         timestamptz,
  disposition     text CHECK (disposition IN ('accepted','explained','rejected')),
  disposition_reason text,
  disposed_by     bigint REFERENCES users(id),
  disposed_at     timestamptz,
  is_sample       boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (source <> 'conference' OR speaker_name IS NOT NULL)
);
-- The group's grouped view reads a document's comments by item; the partial index answers
-- "is any sent comment without a disposition" when a version is issued.
CREATE INDEX consultation_comments_doc_item_idx ON consultation_comments (document_id, item_key, id);
CREATE INDEX consultation_comments_open_idx ON consultation_comments (document_id) WHERE status = 'sent' AND disposition IS NULL;
CREATE INDEX consultation_comments_recipient_idx ON consultation_comments (recipient_id);

-- Whether the synthesis (báo cáo tổng hợp) is published to every recipient, and the adoption.
CREATE TABLE consultation_documents (
  document_id          bigint PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  synthesis_published_at timestamptz,
  meeting_date         date,
  meeting_name         text,
  meeting_mode         text CHECK (meeting_mode IN ('in_person','online','hybrid')),
  bridge_points        text[] NOT NULL DEFAULT '{}',
  attendance           integer CHECK (attendance >= 0),
  votes_for            integer CHECK (votes_for >= 0),
  votes_against        integer CHECK (votes_against >= 0),
  votes_abstain        integer CHECK (votes_abstain >= 0),
  adopted_version_id   bigint REFERENCES consultation_versions(id),
  version              integer NOT NULL DEFAULT 1
);

-- The group's working notes: never shown outside the group.
CREATE TABLE consultation_notes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  author_id   bigint REFERENCES users(id),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consultation_notes_doc_idx ON consultation_notes (document_id, id);
