-- The documents table exists now (0100): tie the study records that name a document to it.
-- document_studies and document_study_counts stay without one: they are written at check-in
-- peak, only by triggers that copy the ids from study_session_documents, which is checked here.
ALTER TABLE study_session_documents
  ADD CONSTRAINT study_session_documents_document_fkey FOREIGN KEY (document_id) REFERENCES documents(id);
ALTER TABLE reflections
  ADD CONSTRAINT reflections_document_fkey FOREIGN KEY (document_id) REFERENCES documents(id);
ALTER TABLE pledges
  ADD CONSTRAINT pledges_document_fkey FOREIGN KEY (document_id) REFERENCES documents(id);
