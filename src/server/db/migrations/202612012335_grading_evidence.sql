-- The inspections and supervisions a subject has been sent the conclusion of: evidence for its
-- self-assessment (QĐ 366: "kết quả kiểm tra, giám sát"). Only conclusions already sent count,
-- since nothing else of a file is the subject's to see.
CREATE VIEW grading_inspection_evidence AS
  SELECT i.id, i.subject_org_id AS org_id, i.subject_member_id AS member_id, i.kind, i.theme, i.conclusion_symbol,
         vn_today(i.conclusion_sent_at) AS sent_on, i.strengths, i.limitations, i.shortcomings, i.violations,
         (SELECT count(*)::int FROM recommendation_follow_up r WHERE r.inspection_id = i.id) AS recommendations,
         (SELECT count(*)::int FROM recommendation_follow_up r WHERE r.inspection_id = i.id AND r.status = 'accepted') AS recommendations_done
    FROM inspections i WHERE i.conclusion_sent_at IS NOT NULL;
