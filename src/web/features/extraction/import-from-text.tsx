import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Col, Input, Modal, Row, Space, Spin, Tabs, Tag, Typography, Upload } from 'antd';
import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale } from '../../app/locale';
import { ApiError } from '../../lib/api';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { EmptyState } from '../../components/states';
import { documentKeys, fetchIndicators } from '../documents/documents.api';
import { extractDocx, extractText, importExtracted, type Proposal } from './extraction.api';
import { acceptAllRows, isRowValid, rowOfField, toAccepted, toRows, type ReviewRow } from './review-rows';
import { ReviewTable } from './review-table';
import { SourceText } from './source-text';
import { fill, X } from './labels';
import './extraction.css';

type Source = { kind: 'text'; text: string } | { kind: 'docx'; file: File };

/**
 * "Nhập từ văn bản" in the document editor: paste a passage (or upload a .docx), review what
 * was read beside the source text, fix, drop or accept each item, and add the accepted ones to
 * the draft in one go.
 */
export function ImportFromTextButton({ documentId }: { documentId: number }) {
  const { label } = useLocale();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={() => setIsOpen(true)} data-testid="import-from-text">
        {label(X.open)}
      </Button>
      {isOpen && <ImportFromTextModal documentId={documentId} onClose={() => setIsOpen(false)} />}
    </>
  );
}

function ImportFromTextModal({ documentId, onClose }: { documentId: number; onClose: () => void }) {
  const { label } = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [pasted, setPasted] = useState('');
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [rows, setRows] = useState<ReviewRow[]>([]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [hoverKey, setHoverKey] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const sourceBox = useRef<HTMLDivElement>(null);
  const indicators = useQuery({ queryKey: documentKeys.indicators, queryFn: fetchIndicators });

  const read = useMutation({
    mutationFn: (source: Source) => (source.kind === 'text' ? extractText(source.text) : extractDocx(source.file)),
    onSuccess: (p) => {
      setProposal(p);
      setRows(toRows(p.items));
      setActiveKey(null);
      setServerErrors({});
    },
  });

  const accepted = rows.filter((r) => r.isAccepted && !r.isDropped);
  const hasInvalid = accepted.some((r) => !isRowValid(r));
  const save = useMutation({
    mutationFn: () => importExtracted(documentId, toAccepted(rows)),
    onSuccess: (result) => {
      const created = result.proposedIndicators.length;
      void message.success(
        fill(label(X.added), { n: result.items.length }) + (created > 0 ? fill(label(X.addedIndicators), { n: created }) : ''),
      );
      void qc.invalidateQueries({ queryKey: documentKeys.all });
      void qc.invalidateQueries({ queryKey: documentKeys.indicators });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fields.length > 0) {
        const found: Record<string, string> = {};
        for (const f of e.fields) {
          const hit = rowOfField(f.field, accepted);
          if (hit) found[hit.row.key] = f.message;
        }
        setServerErrors(found);
        const first = Object.keys(found)[0];
        if (first) setActiveKey(first);
      }
      onError(e);
    },
  });

  const change = useCallback((key: string, patch: Partial<ReviewRow>) => {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setServerErrors((errors) => {
      if (!(key in errors)) return errors;
      const { [key]: _gone, ...rest } = errors;
      return rest;
    });
  }, []);

  const activate = useCallback((key: string, scroll: boolean) => {
    setActiveKey(key);
    if (!scroll) return;
    // Scroll only the source box: scrollIntoView would also move the dialog and the page.
    const box = sourceBox.current?.querySelector<HTMLElement>('.extract-source');
    const mark = box?.querySelector<HTMLElement>(`#extract-src-${key}`);
    if (!box || !mark) return;
    const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 40)
      box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: 'smooth' });
  }, []);

  const selectFromText = useCallback((key: string) => {
    setActiveKey(key);
    const row = document.querySelector<HTMLElement>(`.extract-table [data-row-key="${key}"]`);
    row?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    row?.querySelector<HTMLElement>('textarea')?.focus({ preventScroll: true });
  }, []);

  const readPasted = () => {
    if (pasted.trim() !== '') read.mutate({ kind: 'text', text: pasted });
  };

  const counts = useMemo(() => ({ accepted: accepted.length, total: rows.filter((r) => !r.isDropped).length }), [accepted.length, rows]);
  const isReviewing = proposal !== null;

  const footer = isReviewing ? (
    <Space wrap style={{ justifyContent: 'flex-end' }}>
      {hasInvalid && <Typography.Text type="danger">{label(X.invalidRows)}</Typography.Text>}
      {rows.length > 0 && <Tag data-testid="extract-counts">{fill(label(X.counts), counts)}</Tag>}
      <Button onClick={() => setProposal(null)}>{label(X.back)}</Button>
      <Button
        type="primary"
        data-testid="extract-add"
        disabled={accepted.length === 0 || hasInvalid}
        loading={save.isPending}
        onClick={() => save.mutate()}
      >
        {label(X.add)}
        {accepted.length > 0 ? ` (${accepted.length})` : ''}
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose}>{label(X.cancel)}</Button>
      <Button type="primary" data-testid="extract-read" disabled={pasted.trim() === ''} loading={read.isPending} onClick={readPasted}>
        {label(X.read)}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      title={label(X.title)}
      width={isReviewing ? 'min(1600px, 96vw)' : 760}
      onCancel={onClose}
      footer={footer}
      maskClosable={false}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      data-testid="extract-modal"
    >
      {read.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="extract-error"
          message={label(X.readFailed)}
          description={read.error.message}
          action={
            read.variables ? (
              <Button size="small" onClick={() => read.mutate(read.variables)}>
                {label(X.retry)}
              </Button>
            ) : undefined
          }
        />
      )}
      {!isReviewing && (
        <Spin spinning={read.isPending} tip={label(X.reading)}>
          <Tabs
            items={[
              {
                key: 'paste',
                label: label(X.pasteTab),
                children: (
                  <>
                    <Input.TextArea
                      aria-label={label(X.pasteLabel)}
                      data-testid="extract-paste"
                      placeholder={label(X.pastePlaceholder)}
                      value={pasted}
                      autoFocus
                      autoSize={{ minRows: 10, maxRows: 22 }}
                      onChange={(e) => setPasted(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                          e.preventDefault();
                          readPasted();
                        }
                      }}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {label(X.pasteHint)}
                    </Typography.Text>
                  </>
                ),
              },
              {
                key: 'docx',
                label: label(X.docxTab),
                children: (
                  <div data-testid="extract-docx">
                    <Upload.Dragger
                      accept=".docx"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        read.mutate({ kind: 'docx', file });
                        return false;
                      }}
                    >
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{label(X.docxHint)}</p>
                    </Upload.Dragger>
                  </div>
                ),
              },
            ]}
          />
        </Spin>
      )}
      {isReviewing && (
        <Row gutter={16}>
          <Col xs={24} lg={8}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {label(X.source)}
            </Typography.Title>
            <div ref={sourceBox}>
              <SourceText
                text={proposal.text}
                rows={rows}
                activeKey={activeKey}
                hoverKey={hoverKey}
                onSelect={selectFromText}
                onHover={setHoverKey}
                label={label(X.source)}
              />
            </div>
          </Col>
          <Col xs={24} lg={16}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {label(X.proposals)}
            </Typography.Title>
            {rows.length === 0 ? (
              <div data-testid="extract-empty">
                <EmptyState text={label(X.empty)} />
              </div>
            ) : (
              <ReviewTable
                rows={rows}
                indicators={indicators.data ?? []}
                serverErrors={serverErrors}
                activeKey={activeKey}
                hoverKey={hoverKey}
                onChange={change}
                onAcceptAll={(isAccepted) => setRows((all) => acceptAllRows(all, isAccepted))}
                onActivate={activate}
                onHover={setHoverKey}
              />
            )}
          </Col>
        </Row>
      )}
    </Modal>
  );
}
