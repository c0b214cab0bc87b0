-- Evidence as files (minh chứng): attached to a finding (by the team), to the self-report (by
-- the subject) or to the follow-up of one recommendation (by its owner). Judged by content and
-- counted against an org's storage quota like documents' and reports' files (lib/attachments):
-- the running committee's for the team's files, the subject's for what the subject sends.
CREATE TABLE oversight_files (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inspection_id     bigint NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  part              text NOT NULL CHECK (part IN ('finding','self_report','follow_up')),
  finding_id        bigint REFERENCES inspection_findings(id) ON DELETE CASCADE,
  recommendation_id bigint REFERENCES inspection_recommendations(id) ON DELETE CASCADE,
  org_id            bigint NOT NULL REFERENCES orgs(id),
  file_name         text NOT NULL,
  mime_type         text NOT NULL,
  size_bytes        integer NOT NULL,
  content           bytea NOT NULL,
  uploaded_by       bigint REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((part = 'finding') = (finding_id IS NOT NULL)),
  CHECK ((part = 'follow_up') = (recommendation_id IS NOT NULL))
);
CREATE INDEX oversight_files_inspection_idx ON oversight_files (inspection_id, part);
-- The quota sums an org's files on every upload.
CREATE INDEX oversight_files_org_idx ON oversight_files (org_id) INCLUDE (size_bytes);
