-- A target keeps the comparator its text wrote: "trên 1.500" (>) and "ít nhất 1.500" (>=) are
-- different promises, as are "dưới 3%" (<) and "không quá 3%" (<=). Existing rows keep their
-- comparator; only the set of allowed values grows.
ALTER TABLE document_items DROP CONSTRAINT document_items_comparator_check;
ALTER TABLE document_items ADD CONSTRAINT document_items_comparator_check
  CHECK (comparator IN ('=','>','>=','<','<=','range','approx','increase_by','decrease_by','reduce_to','increase_to'));
