-- Indicators read from a pasted text that match nothing in the catalog (issue 17). Importing
-- them does not add them to the shared catalog any more: each is a proposal that lives with
-- the document that proposed it (its targets point at it, and that document's Excel sheet
-- knows its code), and is left out of the catalog list, the other documents' Excel guides and
-- matching, until an administrator over the document's org accepts it (perhaps renamed) or
-- merges it into an indicator the catalog already has.
ALTER TABLE indicators
  ADD COLUMN proposed_in_document_id bigint REFERENCES documents(id) ON DELETE CASCADE,
  ADD COLUMN proposed_by bigint REFERENCES users(id),
  ADD COLUMN proposed_at timestamptz;
CREATE INDEX indicators_proposed_idx ON indicators (proposed_in_document_id) WHERE proposed_in_document_id IS NOT NULL;
