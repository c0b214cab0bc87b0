-- Each recommendation of a sent conclusion becomes a row of `tasks`: led by its owner org,
-- assigned by the committee that ran the inspection, due on its deadline. It then shows in the
-- subject's task list and its periodic reports, and the task's status IS the follow-up's
-- progress: there is no status column of its own any more. What stays on the recommendation is
-- what the conclusion says (text, owner, deadline as issued) and the commission's verdict
-- (`decision`), which a task does not know.
ALTER TABLE inspection_recommendations
  ADD COLUMN task_id  bigint REFERENCES tasks(id),
  ADD COLUMN decision text CHECK (decision IN ('accepted','reopened'));
CREATE UNIQUE INDEX inspection_recommendations_task_key ON inspection_recommendations (task_id) WHERE task_id IS NOT NULL;

-- Files whose conclusion was already sent get their tasks now, their state carried over.
DO $$
DECLARE
  r record;
  new_task bigint;
BEGIN
  FOR r IN
    SELECT rec.id, rec.text, rec.status, rec.deadline, x.org_id, ro.path AS run_path, rec.owner_org_id, oo.path AS owner_path, x.conclusion_symbol
      FROM inspection_recommendations rec JOIN inspections x ON x.id = rec.inspection_id
      JOIN orgs ro ON ro.id = x.org_id JOIN orgs oo ON oo.id = rec.owner_org_id
     WHERE x.conclusion_sent_at IS NOT NULL ORDER BY rec.id
  LOOP
    INSERT INTO tasks (org_id, org_path, title, lead_org_id, lead_org_path, due_date, status, progress)
    VALUES (r.org_id, r.run_path, 'Thực hiện kiến nghị theo Thông báo kết luận ' || COALESCE(r.conclusion_symbol, '') || ': ' || r.text,
            r.owner_org_id, r.owner_path, r.deadline,
            CASE WHEN r.status IN ('reported','accepted') THEN 'done' WHEN r.status = 'reopened' THEN 'in_progress' ELSE 'not_started' END,
            CASE WHEN r.status IN ('reported','accepted') THEN 100 ELSE 0 END)
    RETURNING id INTO new_task;
    UPDATE inspection_recommendations SET task_id = new_task WHERE id = r.id;
  END LOOP;
END $$;
UPDATE inspection_recommendations SET decision = CASE status WHEN 'accepted' THEN 'accepted' WHEN 'reopened' THEN 'reopened' END;
ALTER TABLE inspection_recommendations DROP COLUMN status;

-- The follow-up as every reader sees it: the state from the task (done: reported, or accepted
-- once the commission accepted it; reopened when the commission asked again and the task is
-- not done) and the due date the task carries (the commission may extend it on the task).
CREATE VIEW recommendation_follow_up AS
SELECT r.id, r.inspection_id, r.position, r.text, r.owner_org_id, r.task_id,
       COALESCE(t.due_date, r.deadline) AS deadline,
       CASE WHEN t.status = 'done' AND r.decision = 'accepted' THEN 'accepted'
            WHEN t.status = 'done' THEN 'reported'
            WHEN r.decision = 'reopened' THEN 'reopened'
            ELSE 'open' END AS status,
       t.status AS task_status, r.evidence, r.reported_at, r.decided_note, r.decided_at, r.escalated_on, r.decision, r.version
  FROM inspection_recommendations r LEFT JOIN tasks t ON t.id = r.task_id;

-- Overdue follow-ups: tasks not done past their due date, found from the task side.
CREATE INDEX tasks_open_due_idx ON tasks (due_date) WHERE status NOT IN ('done','cancelled');
