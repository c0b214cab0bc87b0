import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, List, Result, Select, Space, Steps, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  commitCarry,
  fetchCandidates,
  fetchDocumentChoices,
  previewCarry,
  termsKeys,
  type Candidate,
  type CarryPreview,
  type CarryResult,
  type DocumentChoice,
} from './terms.api';

const termText = (term: string) => term.replace('-', '–');
const docLabel = (d: Pick<DocumentChoice, 'symbol' | 'title' | 'term' | 'orgName'>) =>
  `${d.symbol} · ${d.title} · ${d.orgName} · nhiệm kỳ ${termText(d.term)}`;
const statusColor: Record<string, string> = {
  off_track: 'red',
  at_risk: 'orange',
  not_assessable: 'default',
  on_track: 'blue',
  overdue: 'red',
  in_progress: 'blue',
  not_started: 'default',
};

/**
 * Guided carry-over at the end of a term: pick the old term's document, tick the targets not
 * reached and the tasks left unfinished, pick the new term's draft resolution or program, look
 * at the preview, confirm. Everything is written in one transaction, linked back to its source.
 */
export function CarryOverPage() {
  const [step, setStep] = useState(0);
  const [sourceId, setSourceId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [targetId, setTargetId] = useState<number | null>(null);
  const [preview, setPreview] = useState<CarryPreview | null>(null);
  const [result, setResult] = useState<CarryResult | null>(null);
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const documents = useQuery({ queryKey: termsKeys.documents, queryFn: fetchDocumentChoices });
  const candidates = useQuery({
    queryKey: termsKeys.candidates(sourceId ?? 0),
    queryFn: () => fetchCandidates(sourceId!),
    enabled: sourceId !== null,
  });
  const source = documents.data?.find((d) => d.id === sourceId);
  // A later term's drafts the caller may edit: adopted documents are locked (amend them first).
  const targets = useMemo(() => {
    const endYear = source ? Number(source.term.slice(5)) : 0;
    return (documents.data ?? []).filter(
      (d) => d.id !== sourceId && d.status === 'draft' && d.abilities.update && Number(d.term.slice(0, 4)) >= endYear,
    );
  }, [documents.data, source, sourceId]);
  const input = () => ({ sourceDocumentId: sourceId!, targetDocumentId: targetId!, itemIds: chosen });
  const doPreview = useMutation({
    mutationFn: () => previewCarry(input()),
    onSuccess: (p) => {
      setPreview(p);
      setStep(3);
    },
    onError: (e) => onError(e),
  });
  const doCommit = useMutation({
    mutationFn: () => commitCarry(input()),
    onSuccess: (r) => {
      setResult(r);
      void message.success(`Đã chuyển tiếp ${r.created.length} mục vào ${r.target.symbol}.`);
      void qc.invalidateQueries({ queryKey: ['terms'] });
    },
    onError: (e) => onError(e),
  });

  if (documents.isPending) return <Loading />;
  if (documents.isError) return <ErrorState error={documents.error} onRetry={() => documents.refetch()} />;
  if (result) {
    return (
      <Result
        status="success"
        title={`Đã chuyển tiếp ${result.created.length} mục sang ${result.target.symbol} (nhiệm kỳ ${termText(result.target.term)})`}
        subTitle={`Mỗi mục mới ghi rõ nguồn: ${result.source.symbol}, nhiệm kỳ ${termText(result.source.term)}.`}
        extra={[
          <Link key="open" to="/documents/$id" params={{ id: String(result.target.id) }}>
            <Button type="primary" data-testid="open-target">
              Mở văn bản {result.target.symbol}
            </Button>
          </Link>,
          <Button
            key="again"
            onClick={() => {
              setResult(null);
              setPreview(null);
              setChosen([]);
              setStep(1);
            }}
          >
            Chuyển tiếp thêm
          </Button>,
        ]}
      />
    );
  }

  const toggle = (id: number, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  const group = (title: string, items: Candidate[], testId: string) => (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={testId}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có mục nào." />
      ) : (
        <List
          dataSource={items}
          renderItem={(c) => {
            const carried = c.carriedInto.length > 0;
            return (
              <List.Item data-testid={`candidate-${c.itemId}`}>
                <Space align="start" style={{ width: '100%' }}>
                  <Checkbox
                    aria-label={c.text}
                    checked={chosen.includes(c.itemId)}
                    disabled={carried && c.carriedInto.some((x) => x.documentId === targetId)}
                    onChange={(e) => toggle(c.itemId, e.target.checked)}
                  />
                  <div>
                    <Typography.Text>{c.text}</Typography.Text>
                    {c.statement && <Typography.Text strong> {c.statement}</Typography.Text>}
                    <div>
                      <Tag color={statusColor[c.status] ?? 'default'}>{c.statusText}</Tag>
                      {c.reason && <Typography.Text type="secondary">{c.reason}</Typography.Text>}
                      {c.carriedInto.map((x) => (
                        <Tag key={x.newItemId} color="green">
                          Đã chuyển vào {x.symbol}
                        </Tag>
                      ))}
                    </div>
                  </div>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );

  return (
    <div style={{ maxWidth: 1080 }}>
      <Typography.Title level={1} className="page-title">
        Chuyển tiếp sang nhiệm kỳ mới
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Chọn nghị quyết, chương trình của nhiệm kỳ trước; đánh dấu các chỉ tiêu chưa đạt và nhiệm vụ chưa hoàn thành cần đưa vào văn bản của
        nhiệm kỳ mới. Mỗi mục mới được liên kết ngược về nguồn.
      </Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[{ title: 'Văn bản nhiệm kỳ trước' }, { title: 'Chọn nội dung' }, { title: 'Văn bản nhận' }, { title: 'Xác nhận' }]}
      />
      {step === 0 && (
        <Card size="small">
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            placeholder="Chọn nghị quyết hoặc chương trình của nhiệm kỳ trước"
            aria-label="Chọn nghị quyết hoặc chương trình của nhiệm kỳ trước"
            data-testid="source-select"
            value={sourceId ?? undefined}
            onChange={(v: number) => {
              setSourceId(v);
              setChosen([]);
              setTargetId(null);
            }}
            options={documents.data.map((d) => ({ value: d.id, label: docLabel(d) }))}
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={sourceId === null}
            onClick={() => setStep(1)}
            data-testid="to-checklist"
          >
            Tiếp tục
          </Button>
        </Card>
      )}
      {step === 1 &&
        (candidates.isPending ? (
          <Loading />
        ) : candidates.isError ? (
          <ErrorState error={candidates.error} onRetry={() => candidates.refetch()} />
        ) : (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${candidates.data.document.symbol} · ${candidates.data.document.orgName} · nhiệm kỳ ${termText(candidates.data.document.term)}`}
              description={`Đánh giá đến ngày ${formatDate(candidates.data.asOf)}.`}
            />
            {group(`Chỉ tiêu chưa đạt (${candidates.data.targets.length})`, candidates.data.targets, 'group-targets')}
            {group(`Nhiệm vụ chưa hoàn thành (${candidates.data.tasks.length})`, candidates.data.tasks, 'group-tasks')}
            <Space>
              <Button onClick={() => setStep(0)}>Quay lại</Button>
              <Button type="primary" disabled={chosen.length === 0} onClick={() => setStep(2)} data-testid="to-target">
                Tiếp tục ({chosen.length} mục)
              </Button>
            </Space>
          </>
        ))}
      {step === 2 && (
        <Card size="small">
          {targets.length === 0 ? (
            <Alert
              type="warning"
              showIcon
              message="Chưa có dự thảo nghị quyết hoặc chương trình của nhiệm kỳ sau mà bạn được sửa. Hãy tạo dự thảo trước (văn bản đã ban hành không nhận thêm nội dung)."
            />
          ) : (
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              placeholder="Chọn dự thảo nghị quyết, chương trình của nhiệm kỳ mới"
              aria-label="Chọn dự thảo nghị quyết, chương trình của nhiệm kỳ mới"
              data-testid="target-select"
              value={targetId ?? undefined}
              onChange={(v: number) => setTargetId(v)}
              options={targets.map((d) => ({ value: d.id, label: docLabel(d) }))}
            />
          )}
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => setStep(1)}>Quay lại</Button>
            <Button
              type="primary"
              disabled={targetId === null}
              loading={doPreview.isPending}
              onClick={() => doPreview.mutate()}
              data-testid="to-preview"
            >
              Xem trước
            </Button>
          </Space>
        </Card>
      )}
      {step === 3 && preview && (
        <Card
          size="small"
          title={`Sẽ thêm ${preview.items.length} mục vào ${preview.target.symbol} (nhiệm kỳ ${termText(preview.target.term)})`}
          data-testid="preview"
        >
          <List
            dataSource={preview.items}
            renderItem={(i) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <span>
                    <Tag>{i.kind === 'target' ? 'Chỉ tiêu' : 'Nhiệm vụ'}</Tag>
                    {i.text}
                    {i.statement && <Typography.Text strong> {i.statement}</Typography.Text>}
                  </span>
                  <Typography.Text type="secondary">
                    Nguồn: {preview.source.symbol}, nhiệm kỳ {termText(preview.source.term)} · {i.sourceStatus}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => setStep(2)}>Quay lại</Button>
            <Button type="primary" loading={doCommit.isPending} onClick={() => doCommit.mutate()} data-testid="confirm-carry">
              Xác nhận chuyển tiếp
            </Button>
          </Space>
        </Card>
      )}
    </div>
  );
}
