-- Party building from the member registry (issue 13): membership events are the record,
-- candidates carry their admission steps, enterprises hold the party and union orgs founded in
-- them; per-org counts of the events are kept by statement triggers so a province's figures
-- for a term add up org rows, never event rows.

-- Removal, expulsion and resignation take a member off the rolls without deleting the history.
ALTER TABLE members DROP CONSTRAINT IF EXISTS members_status_check;
ALTER TABLE members ADD CONSTRAINT members_status_check
  CHECK (status IN ('official','probationary','transferred','deceased','removed'));
-- Personal data shown only to managers of the member's subtree and to the member (ID card number).
ALTER TABLE members ADD COLUMN id_number text;

CREATE TABLE enterprises (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The party committee that keeps the enterprise on its register (scope of who sees it).
  org_id      bigint NOT NULL REFERENCES orgs(id),
  name        text NOT NULL,
  tax_code    text NOT NULL,
  ownership   text NOT NULL CHECK (ownership IN ('state','non_state','foreign')),
  -- The party organization in the enterprise, once founded (an org of the tree).
  party_org_id        bigint REFERENCES orgs(id),
  party_org_founded   date,
  trade_union_founded date,
  youth_union_founded date,
  is_sample   boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX enterprises_tax_code_key ON enterprises (tax_code);
CREATE INDEX enterprises_org_idx ON enterprises (org_id);

ALTER TABLE members ADD COLUMN enterprise_id bigint REFERENCES enterprises(id);

CREATE TABLE membership_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id     bigint NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  -- The cell where the event happened: the admitting cell, the sending cell of a transfer out,
  -- the receiving cell of a transfer in. Scope and counts follow it.
  org_id        bigint NOT NULL REFERENCES orgs(id),
  kind          text NOT NULL CHECK (kind IN ('admission','official','transfer_out','transfer_in','removal','expulsion','resignation','death','exemption')),
  event_date    date NOT NULL,
  decision      text NOT NULL,
  transfer_mode text CHECK (transfer_mode IN ('official','temporary')),
  -- The code the receiving cell enters; unique among transfers out.
  transfer_code text,
  destination   text,
  -- A transfer in names the transfer out it received.
  transfer_out_id bigint REFERENCES membership_events(id),
  -- Facts frozen on the event's day so counts never re-read the member: in a non-state
  -- enterprise, young (not over 30), female.
  is_non_state  boolean NOT NULL DEFAULT false,
  is_young      boolean NOT NULL DEFAULT false,
  is_female     boolean NOT NULL DEFAULT false,
  is_sample     boolean NOT NULL DEFAULT false,
  created_by    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'transfer_out') = (transfer_code IS NOT NULL))
);
CREATE INDEX membership_events_member_idx ON membership_events (member_id, event_date, id);
-- Edge days of a period (not whole months) are counted from events, per org by date.
CREATE INDEX membership_events_org_date_idx ON membership_events (org_id, event_date);
CREATE UNIQUE INDEX membership_events_transfer_code_key ON membership_events (transfer_code) WHERE transfer_code IS NOT NULL;
-- At most one transfer in per transfer out: a code cannot be received twice, even concurrently.
CREATE UNIQUE INDEX membership_events_transfer_in_key ON membership_events (transfer_out_id) WHERE transfer_out_id IS NOT NULL;
-- Probationary members awaiting review: admissions, found by date.
CREATE INDEX membership_events_admission_idx ON membership_events (event_date) WHERE kind = 'admission';

-- Counts per org and month (bucket = first day of the month) and per org and year (bucket =
-- 1 January): a term's figure adds whole years, a quarter adds months, and only the edge days
-- of an odd period read events.
CREATE TABLE registry_counts (
  org_id    bigint NOT NULL REFERENCES orgs(id),
  grain     char(1) NOT NULL CHECK (grain IN ('m','y')),
  bucket    date NOT NULL,
  admitted        integer NOT NULL DEFAULT 0,
  admitted_nse    integer NOT NULL DEFAULT 0,
  admitted_young  integer NOT NULL DEFAULT 0,
  admitted_female integer NOT NULL DEFAULT 0,
  made_official   integer NOT NULL DEFAULT 0,
  transfers_in    integer NOT NULL DEFAULT 0,
  transfers_out   integer NOT NULL DEFAULT 0,
  removed         integer NOT NULL DEFAULT 0,
  expelled        integer NOT NULL DEFAULT 0,
  resigned        integer NOT NULL DEFAULT 0,
  died            integer NOT NULL DEFAULT 0,
  exempted        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, grain, bucket)
);
CREATE INDEX registry_counts_bucket_idx ON registry_counts (grain, bucket);

-- The statement that adds `sign` times the events of the transition table `src` to both
-- grains. The triggers EXECUTE it: a transition table is visible to dynamic SQL in its trigger,
-- and a bulk load (COPY of millions of events) is counted in one pass without copying rows.
CREATE OR REPLACE FUNCTION registry_counts_sql(src text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  INSERT INTO registry_counts AS c (org_id, grain, bucket, admitted, admitted_nse, admitted_young, admitted_female, made_official,
                                    transfers_in, transfers_out, removed, expelled, resigned, died, exempted)
  SELECT org_id, g.grain, CASE g.grain WHEN 'm' THEN date_trunc('month', event_date)::date ELSE date_trunc('year', event_date)::date END,
         %2$s * count(*) FILTER (WHERE kind = 'admission'),
         %2$s * count(*) FILTER (WHERE kind = 'admission' AND is_non_state),
         %2$s * count(*) FILTER (WHERE kind = 'admission' AND is_young),
         %2$s * count(*) FILTER (WHERE kind = 'admission' AND is_female),
         %2$s * count(*) FILTER (WHERE kind = 'official'),
         %2$s * count(*) FILTER (WHERE kind = 'transfer_in'),
         %2$s * count(*) FILTER (WHERE kind = 'transfer_out'),
         %2$s * count(*) FILTER (WHERE kind = 'removal'),
         %2$s * count(*) FILTER (WHERE kind = 'expulsion'),
         %2$s * count(*) FILTER (WHERE kind = 'resignation'),
         %2$s * count(*) FILTER (WHERE kind = 'death'),
         %2$s * count(*) FILTER (WHERE kind = 'exemption')
    FROM %1$I CROSS JOIN (VALUES ('m'), ('y')) AS g(grain)
   GROUP BY 1, 2, 3
  ON CONFLICT (org_id, grain, bucket) DO UPDATE SET
    admitted = c.admitted + EXCLUDED.admitted, admitted_nse = c.admitted_nse + EXCLUDED.admitted_nse,
    admitted_young = c.admitted_young + EXCLUDED.admitted_young, admitted_female = c.admitted_female + EXCLUDED.admitted_female,
    made_official = c.made_official + EXCLUDED.made_official, transfers_in = c.transfers_in + EXCLUDED.transfers_in,
    transfers_out = c.transfers_out + EXCLUDED.transfers_out, removed = c.removed + EXCLUDED.removed,
    expelled = c.expelled + EXCLUDED.expelled, resigned = c.resigned + EXCLUDED.resigned,
    died = c.died + EXCLUDED.died, exempted = c.exempted + EXCLUDED.exempted$q$, src, sign)
$f$;

CREATE OR REPLACE FUNCTION membership_events_count_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE registry_counts_sql('new_rows', 1);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION membership_events_count_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE registry_counts_sql('old_rows', -1);
  RETURN NULL;
END $$;
-- An edited event (its date, its cell, its facts) leaves its old bucket and enters the new one.
CREATE OR REPLACE FUNCTION membership_events_count_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE registry_counts_sql('old_rows', -1);
  EXECUTE registry_counts_sql('new_rows', 1);
  RETURN NULL;
END $$;
CREATE TRIGGER membership_events_count_ins AFTER INSERT ON membership_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_events_count_ins();
CREATE TRIGGER membership_events_count_del AFTER DELETE ON membership_events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_events_count_del();
CREATE TRIGGER membership_events_count_upd AFTER UPDATE ON membership_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_events_count_upd();

CREATE TABLE admission_candidates (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES orgs(id),
  full_name   text NOT NULL,
  gender      text NOT NULL CHECK (gender IN ('male','female')),
  birth_date  date,
  enterprise_id bigint REFERENCES enterprises(id),
  is_non_state_enterprise boolean NOT NULL DEFAULT false,
  course_date date,
  introduction_date date,
  introducer_ids bigint[] NOT NULL DEFAULT '{}',
  cell_decision_date date,
  cell_decision text,
  committee_decision_date date,
  committee_decision text,
  ceremony_date date,
  member_id   bigint REFERENCES members(id),
  status      text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','admitted','dropped')),
  is_sample   boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admission_candidates_org_idx ON admission_candidates (org_id, status);
