import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DATE_FORMAT, formatDateTime, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import type { Dayjs } from 'dayjs';
import {
  circulate,
  consultationKeys,
  draftDocxUrl,
  fetchChildOrgs,
  fetchPeople,
  issueVersion,
  reviseItem,
  type Workspace,
} from './consultation.api';
import { itemKindLabels } from './labels';

type Draft = Workspace['draft'][number];

function ItemEditor({ documentId, item, onDone }: { documentId: number; item: Draft; onDone: () => void }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ text: string; value?: number | null }>();
  const save = useMutation({
    mutationFn: (v: { text: string; value?: number | null }) =>
      reviseItem(documentId, item.stableKey, { text: v.text, value: item.hasValue ? (v.value ?? null) : undefined, version: item.version }),
    onSuccess: () => {
      void message.success('Đã sửa mục của dự thảo.');
      void qc.invalidateQueries({ queryKey: consultationKeys.workspace(documentId) });
      onDone();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ text: item.text, value: item.value }} onFinish={(v) => save.mutate(v)}>
      <Form.Item name="text" label="Nội dung" rules={[{ required: true, whitespace: true, message: 'Nội dung mục không được để trống.' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      {item.hasValue && (
        <Form.Item name="value" label="Giá trị chỉ tiêu">
          <InputNumber decimalSeparator="," />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu
        </Button>
        <Button onClick={onDone}>Hủy</Button>
      </Space>
    </Form>
  );
}

type CirculateValues = { versionId: number; deadline: Dayjs; orgIds?: number[]; userIds?: number[]; message?: string };

/** The draft as it stands, its issued versions (each in Word), and the form that circulates a version. */
export function DraftPanel({ workspace: ws }: { workspace: Workspace }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const documentId = ws.document.id;
  const [editing, setEditing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [form] = Form.useForm<CirculateValues>();
  const [personQuery, setPersonQuery] = useState('');
  const people = useQuery({
    queryKey: ['consultation', 'people', documentId, personQuery],
    queryFn: () => fetchPeople(documentId, personQuery),
    enabled: ws.abilities.circulate,
  });
  const orgs = useQuery({
    queryKey: ['consultation', 'orgs', ws.document.orgId],
    queryFn: () => fetchChildOrgs(ws.document.orgId),
    enabled: ws.abilities.circulate,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: consultationKeys.all });
  const issue = useMutation({
    mutationFn: () => issueVersion(documentId, note.trim() || null),
    onSuccess: (v) => {
      void message.success(`Đã phát hành dự thảo lần ${v.versionNo}.`);
      setNote('');
      refresh();
    },
    onError: (e) => onError(e),
  });
  const send = useMutation({
    mutationFn: (v: CirculateValues) =>
      circulate(v.versionId, {
        deadline: toIsoDate(v.deadline) ?? '',
        orgIds: v.orgIds ?? [],
        userIds: v.userIds ?? [],
        message: v.message ?? null,
      }),
    onSuccess: (r) => {
      void message.success(`Đã gửi xin ý kiến ${r.total} nơi.`);
      form.resetFields();
      refresh();
    },
    onError: (e) => onError(e, { form }),
  });
  const latest = ws.versions.at(-1);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="Các lần phát hành">
        <List
          dataSource={ws.versions}
          locale={{ emptyText: 'Chưa phát hành dự thảo lần nào.' }}
          renderItem={(v) => (
            <List.Item
              key={v.id}
              actions={[
                <a key="docx" href={draftDocxUrl(v.id)} download>
                  Tải Word
                </a>,
                <a key="lines" href={draftDocxUrl(v.id, true)} download>
                  Word có đánh số dòng
                </a>,
              ]}
            >
              <Typography.Text>
                Dự thảo lần {v.versionNo} · {v.itemCount} mục · {formatDateTime(v.issuedAt)}
                {v.note ? ` · ${v.note}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
        {ws.abilities.issue && (
          <Space wrap style={{ marginTop: 8 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Ghi chú phát hành" aria-label="Ghi chú phát hành" />
            <Button type="primary" loading={issue.isPending} onClick={() => issue.mutate()}>
              Phát hành dự thảo lần {(latest?.versionNo ?? 0) + 1}
            </Button>
          </Space>
        )}
      </Card>
      {ws.abilities.circulate && latest && (
        <Card size="small" title="Gửi xin ý kiến">
          <Form
            form={form}
            layout="vertical"
            initialValues={{ versionId: latest.id }}
            onFinish={(v) => send.mutate(v)}
            style={{ maxWidth: 720 }}
          >
            <Form.Item name="versionId" label="Dự thảo" rules={[{ required: true }]}>
              <Select options={ws.versions.map((v) => ({ value: v.id, label: `Dự thảo lần ${v.versionNo}` }))} />
            </Form.Item>
            <Form.Item name="orgIds" label="Tổ chức được xin ý kiến">
              <Select
                mode="multiple"
                loading={orgs.isPending}
                optionFilterProp="label"
                options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                aria-label="Tổ chức được xin ý kiến"
              />
            </Form.Item>
            <Form.Item name="userIds" label="Cá nhân được xin ý kiến (ủy viên Ban Chấp hành…)">
              <Select
                mode="multiple"
                showSearch
                filterOption={false}
                onSearch={setPersonQuery}
                loading={people.isFetching}
                options={(people.data?.items ?? []).map((p) => ({ value: p.userId, label: `${p.fullName} · ${p.orgNames}` }))}
                notFoundContent="Không tìm thấy người nào trong tổ chức này."
                aria-label="Cá nhân được xin ý kiến"
              />
            </Form.Item>
            <Form.Item name="deadline" label="Hạn góp ý" rules={[{ required: true, message: 'Hãy chọn hạn góp ý.' }]}>
              <DatePicker format={DATE_FORMAT} />
            </Form.Item>
            <Form.Item name="message" label="Lời đề nghị">
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={send.isPending}>
              Gửi xin ý kiến
            </Button>
          </Form>
        </Card>
      )}
      {ws.draft.length > 0 && (
        <Card size="small" title="Dự thảo đang soạn">
          <List
            dataSource={ws.draft}
            renderItem={(i) => (
              <List.Item key={i.stableKey} style={{ display: 'block' }}>
                {editing === i.stableKey ? (
                  <ItemEditor documentId={documentId} item={i} onDone={() => setEditing(null)} />
                ) : (
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap size={4}>
                      <Tag>{itemKindLabels[i.kind] ?? i.kind}</Tag>
                    </Space>
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Text>
                    {ws.abilities.edit && (
                      <Button size="small" onClick={() => setEditing(i.stableKey)} aria-label={`Sửa mục: ${i.text.slice(0, 60)}`}>
                        Sửa
                      </Button>
                    )}
                  </Space>
                )}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
