import { useState } from 'react';
import { Alert, App, Button, List, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { formatDateTime, formatVnNumber } from '../../lib/format';
import { evidenceUrl, oversightKeys, uploadEvidence, type EvidencePart, type Inspection } from './oversight.api';
import { useOversightT, type OversightKey } from './oversight.i18n';

/** The server's multipart limit (app.ts): checked here first so a 60 MB scan fails at once. */
const MAX_FILE_MB = 50;
/** The kinds the server takes as evidence (EVIDENCE_KINDS); it judges the content again. */
const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

/** Why a file cannot be attached, as a message key and its values; null when it can. */
export function evidenceProblem(file: {
  name: string;
  size: number;
}): { key: OversightKey; values: Record<string, string | number> } | null {
  if (!/\.(pdf|docx|xlsx|png|jpe?g)$/i.test(file.name)) return { key: 'fileWrongType', values: { name: file.name } };
  if (file.size === 0) return { key: 'fileEmpty', values: { name: file.name } };
  if (file.size > MAX_FILE_MB * 1024 * 1024) return { key: 'fileTooLarge', values: { name: file.name, max: MAX_FILE_MB } };
  return null;
}

type Target = { part: EvidencePart; findingId?: number; recommendationId?: number };

/**
 * The evidence files of one part of an inspection (a finding, the self-report, a
 * recommendation's follow-up), with an upload button for whoever writes that part. The list
 * comes with the file (only the parts the reader may see); the server decides again on upload.
 */
export function EvidenceFiles({ x, target, canAttach, testId }: { x: Inspection; target: Target; canAttach: boolean; testId: string }) {
  const { o } = useOversightT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const files = x.evidence.filter(
    (f) =>
      f.part === target.part &&
      (target.findingId === undefined || f.findingId === target.findingId) &&
      (target.recommendationId === undefined || f.recommendationId === target.recommendationId),
  );
  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(x.id, target, file),
    onSuccess: (f) => {
      setError(null);
      void message.success(o('uploaded', { name: f.fileName }));
      void qc.invalidateQueries({ queryKey: oversightKeys.inspection(x.id) });
    },
    // The server answers in the request's language; its field messages say what was wrong.
    onError: (e) =>
      setError(
        e instanceof ApiError
          ? [e.message, ...e.fields.map((f) => f.message)].filter((m, i, all) => all.indexOf(m) === i).join(' ')
          : String(e),
      ),
  });
  if (files.length === 0 && !canAttach) return null;
  return (
    <div data-testid={testId} style={{ marginTop: 8, marginBottom: 8 }}>
      {files.length > 0 && (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item style={{ paddingInline: 0 }}>
              <span style={{ overflowWrap: 'anywhere' }}>
                <PaperClipOutlined /> <a href={evidenceUrl(x.id, f.id)}>{f.fileName}</a>{' '}
                <Typography.Text type="secondary">
                  {formatVnNumber(Math.max(1, Math.round(f.sizeBytes / 1024)))} KB · {formatDateTime(String(f.createdAt))}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      )}
      {canAttach && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          multiple={false}
          beforeUpload={(file) => {
            const problem = evidenceProblem(file);
            if (problem) setError(o(problem.key, problem.values));
            else upload.mutate(file);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid={`${testId}-upload`}>
            {o('attach')}
          </Button>
        </Upload>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          style={{ marginTop: 8 }}
          message={error}
          data-testid={`${testId}-error`}
        />
      )}
    </div>
  );
}
