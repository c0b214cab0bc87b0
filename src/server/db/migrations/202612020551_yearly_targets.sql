-- Yearly targets (issue 12): "hằng năm có 100% các chi, đảng bộ cơ sở được xếp loại hoàn thành tốt
-- nhiệm vụ" promises every year, not an average over the term nor a level reached at its end.
-- Such a target is judged year by year (src/domain/targets/target-status.ts, eachYear).
ALTER TABLE document_items ADD COLUMN each_year boolean NOT NULL DEFAULT false;

-- The resolution's own words decide when the writer did not: a target whose text says "hằng năm",
-- "hàng năm" or "mỗi năm" is yearly, unless it is a yearly average ("bình quân", per_year), whose
-- years are averaged. On insert only: an item edited later keeps what it was given.
CREATE FUNCTION document_items_each_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'target' AND NOT NEW.per_year AND NOT NEW.each_year
     AND vn_fold(NEW.text) ~ '(^|[^a-z])(hang|moi) nam([^a-z]|$)' AND vn_fold(NEW.text) !~ 'binh quan' THEN
    NEW.each_year := true;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER document_items_each_year BEFORE INSERT ON document_items
  FOR EACH ROW EXECUTE FUNCTION document_items_each_year();

UPDATE document_items SET each_year = true
 WHERE kind = 'target' AND NOT per_year
   AND vn_fold(text) ~ '(^|[^a-z])(hang|moi) nam([^a-z]|$)' AND vn_fold(text) !~ 'binh quan';
