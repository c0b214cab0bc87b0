-- Terms (nhiệm kỳ) as records: each org's terms, the congress that opened each, and the
-- carry-over links from items of an old term's documents to items of the new term's.
-- Committees stay in `committees`, keyed by the same term label.

CREATE TABLE terms (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES orgs(id),
  -- "2025-2030": the same label as documents.term and committees.term, so numbering and
  -- committees join to the term without a second key.
  label       text NOT NULL CHECK (label ~ '^\d{4}-\d{4}$'),
  start_date  date NOT NULL,
  end_date    date,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  is_sample   boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, label),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (status = 'open' OR end_date IS NOT NULL)
);
-- One current term per org: opening a term closes the previous one in the same transaction.
CREATE UNIQUE INDEX terms_one_open_per_org ON terms (org_id) WHERE status = 'open';

-- The congress (đại hội) that opened a term: "lần thứ I", its days, delegates and, for an
-- online or hybrid opening, the bridge points it was broadcast to.
CREATE TABLE congresses (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  term_id       bigint NOT NULL UNIQUE REFERENCES terms(id) ON DELETE CASCADE,
  ordinal       integer NOT NULL CHECK (ordinal BETWEEN 1 AND 50),
  start_date    date NOT NULL,
  end_date      date NOT NULL,
  delegates     integer CHECK (delegates > 0),
  mode          text NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person','online','hybrid')),
  bridge_points text[] NOT NULL DEFAULT '{}',
  -- The resolution it adopted; set once the document exists (it is numbered in the new term).
  resolution_document_id bigint REFERENCES documents(id),
  is_sample     boolean NOT NULL DEFAULT false,
  CHECK (end_date >= start_date)
);

-- An item of a new term's document that carries over an unfinished task or a target not
-- reached from an old term's document. Deleting either item deletes the link.
CREATE TABLE carry_overs (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_item_id     bigint NOT NULL REFERENCES document_items(id) ON DELETE CASCADE,
  new_item_id        bigint NOT NULL UNIQUE REFERENCES document_items(id) ON DELETE CASCADE,
  target_document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  -- What the source was when carried: 'off_track', 'overdue: 3/7 nhiệm vụ'…, kept as written.
  source_status      text NOT NULL,
  created_by         bigint REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  -- Carrying the same item twice into one document is refused: the second commit of two
  -- concurrent ones fails here instead of adding a copy.
  UNIQUE (source_item_id, target_document_id)
);
CREATE INDEX carry_overs_target_idx ON carry_overs (target_document_id);

-- Indicators of the targets the 2025–2030 resolutions name (TP.HCM's congress lần thứ I).
INSERT INTO indicators (code, name, unit, direction, aggregation) VALUES
  ('GRDP_PER_CAPITA', 'GRDP bình quân đầu người', 'USD', 'higher_better', 'none'),
  ('RD_SPENDING_SHARE', 'Tỷ lệ chi cho nghiên cứu và phát triển (R&D) so với GRDP', '% GRDP', 'higher_better', 'none'),
  ('STI_BUDGET_SHARE', 'Tỷ lệ chi ngân sách cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số', '%', 'higher_better', 'none')
ON CONFLICT DO NOTHING;
