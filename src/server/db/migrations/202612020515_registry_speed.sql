-- Registry figures at national size (issue 13): 1,000,000 members and 5,000,000 events.
-- A province's figures sum one kept row per org and bucket (twelve thousand orgs, up to
-- twenty buckets for an odd period): reading them from a covering index in bucket order
-- avoids a heap visit per row. The edge days of a period read events by date from a covering
-- index (a few days of events of the whole province), not org by org.
CREATE INDEX registry_counts_bucket_cover_idx ON registry_counts (grain, bucket, org_id)
  INCLUDE (admitted, admitted_nse, admitted_young, admitted_female, made_official, transfers_in, transfers_out,
           removed, expelled, resigned, died, exempted);
DROP INDEX registry_counts_bucket_idx;
CREATE INDEX membership_events_date_cover_idx ON membership_events (event_date)
  INCLUDE (org_id, kind, is_non_state, is_young, is_female);

-- Probations: one row per admission with its review date and the day the probation closed
-- (the member's first official, removal, expulsion, resignation or death event), kept by
-- statement triggers. A member is overdue on day d when review_due < d < closed_on (`overdue_span`): a
-- range that a GiST index finds without reading every admission of the province. No foreign key:
-- the delete trigger removes a row with its admission (a member's deletion cascades there).
CREATE TABLE registry_probations (
  admission_id bigint PRIMARY KEY,
  member_id    bigint NOT NULL,
  admitted_on  date NOT NULL,
  review_due   date NOT NULL,
  closed_on    date,
  -- The days on which the member is overdue (after the review date, before the close); empty
  -- when the probation closed by the review date (a removal or a death in the first year).
  overdue_span daterange GENERATED ALWAYS AS (
    daterange(review_due, CASE WHEN closed_on IS NULL THEN NULL ELSE GREATEST(review_due, closed_on) END, '()')) STORED
);
CREATE INDEX registry_probations_member_idx ON registry_probations (member_id);
CREATE INDEX registry_probations_overdue_idx ON registry_probations USING gist (overdue_span);

-- Recomputes the closing day of the probations of the members in the transition table `src`
-- (EXECUTEd, as registry_counts_sql: one pass for a bulk load, an index probe for one event).
CREATE OR REPLACE FUNCTION registry_probations_close_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  UPDATE registry_probations p SET closed_on = c.closed_on
    FROM (SELECT t.member_id, min(e.event_date) FILTER (WHERE e.kind IN ('official','removal','expulsion','resignation','death')) AS closed_on
            FROM (SELECT DISTINCT member_id FROM %1$I) t JOIN membership_events e ON e.member_id = t.member_id
           GROUP BY t.member_id) c
   WHERE p.member_id = c.member_id AND p.closed_on IS DISTINCT FROM c.closed_on$q$, src)
$f$;

CREATE OR REPLACE FUNCTION registry_probations_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registry_probations (admission_id, member_id, admitted_on, review_due)
  SELECT id, member_id, event_date, (event_date + interval '1 year')::date FROM new_rows WHERE kind = 'admission';
  EXECUTE registry_probations_close_sql('new_rows');
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION registry_probations_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registry_probations p USING old_rows o WHERE p.admission_id = o.id;
  EXECUTE registry_probations_close_sql('old_rows');
  RETURN NULL;
END $$;
-- An edited admission (its date) is taken out and put back; an edited closing event moves the close.
CREATE OR REPLACE FUNCTION registry_probations_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registry_probations p USING old_rows o WHERE p.admission_id = o.id;
  INSERT INTO registry_probations (admission_id, member_id, admitted_on, review_due)
  SELECT id, member_id, event_date, (event_date + interval '1 year')::date FROM new_rows WHERE kind = 'admission';
  EXECUTE registry_probations_close_sql('old_rows');
  EXECUTE registry_probations_close_sql('new_rows');
  RETURN NULL;
END $$;
CREATE TRIGGER membership_events_probation_ins AFTER INSERT ON membership_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION registry_probations_ins();
CREATE TRIGGER membership_events_probation_del AFTER DELETE ON membership_events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION registry_probations_del();
CREATE TRIGGER membership_events_probation_upd AFTER UPDATE ON membership_events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION registry_probations_upd();

-- The probations of the events already recorded.
INSERT INTO registry_probations (admission_id, member_id, admitted_on, review_due)
SELECT id, member_id, event_date, (event_date + interval '1 year')::date FROM membership_events WHERE kind = 'admission';
UPDATE registry_probations p SET closed_on = c.closed_on
  FROM (SELECT member_id, min(event_date) AS closed_on FROM membership_events
         WHERE kind IN ('official','removal','expulsion','resignation','death') GROUP BY member_id) c
 WHERE p.member_id = c.member_id;
