-- "100% tổ chức đảng được kiểm tra, giám sát": the indicator whose targets take their actual
-- values from the oversight feature's conclusions (coverage-series.service), the way
-- ORG_GOOD_RATE takes them from grading. A rate: numerator and denominator are kept.
INSERT INTO indicators (code, name, unit, direction, aggregation, description)
SELECT 'ORG_OVERSIGHT_RATE', 'Tỷ lệ tổ chức đảng được kiểm tra, giám sát', '%', 'higher_better', 'rate',
       'Tính tự động từ các cuộc kiểm tra, giám sát đã có thông báo kết luận; không nhập trong báo cáo.'
WHERE NOT EXISTS (SELECT 1 FROM indicators WHERE upper(code) = 'ORG_OVERSIGHT_RATE');
