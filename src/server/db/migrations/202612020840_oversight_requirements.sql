-- A conclusion notice (thông báo kết luận) asks for two different things: recommendations
-- (kiến nghị), which the subject weighs and carries out, and requirements (yêu cầu), which it
-- must carry out. Both are followed up the same way (an owner, a deadline, a task), so they
-- stay rows of one table told apart by their kind; the notice lists them under two headings.
ALTER TABLE inspection_recommendations
  ADD COLUMN kind text NOT NULL DEFAULT 'recommendation' CHECK (kind IN ('recommendation','requirement'));

-- The follow-up view carries the kind (appended: CREATE OR REPLACE keeps the columns before it).
CREATE OR REPLACE VIEW recommendation_follow_up AS
SELECT r.id, r.inspection_id, r.position, r.text, r.owner_org_id, r.task_id,
       COALESCE(t.due_date, r.deadline) AS deadline,
       CASE WHEN t.status = 'done' AND r.decision = 'accepted' THEN 'accepted'
            WHEN t.status = 'done' THEN 'reported'
            WHEN r.decision = 'reopened' THEN 'reopened'
            ELSE 'open' END AS status,
       t.status AS task_status, r.evidence, r.reported_at, r.decided_note, r.decided_at, r.escalated_on, r.decision, r.version,
       r.kind
  FROM inspection_recommendations r LEFT JOIN tasks t ON t.id = r.task_id;
