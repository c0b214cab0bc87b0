import { useEffect, useState } from 'react';
import { Breadcrumb, Card, Col, DatePicker, Progress, Row, Select, Statistic, Table, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { fetchCoverage, fetchNotStudied, fetchStudiedDocuments, studyKeys, type CoverageOrg } from './study.api';
import { formatCount, useStudyT } from './study.i18n';

const pct = (n: number) => `${formatCount(n)}%`;

/**
 * "100% đảng viên được học tập": for a document, the share of members who studied it, for an
 * org and each of its children, as of a date; drill down by clicking a child, and see who is
 * still to reach, by cell. The figures come from counts kept at check-in, so they move as
 * members scan.
 */
export function CoveragePage({ documentId, orgId }: { documentId?: number; orgId?: number }) {
  const { s } = useStudyT();
  const navigate = useNavigate();
  const docs = useQuery({ queryKey: studyKeys.documents, queryFn: fetchStudiedDocuments });
  const [asOf, setAsOf] = useState<string | undefined>();
  const [trail, setTrail] = useState<{ orgId: number; name: string }[]>([]);
  const [page, setPage] = useState(1);
  const docId = documentId ?? docs.data?.[0]?.id;
  const q = { documentId: docId ?? 0, orgId, asOf };
  const coverage = useQuery({ queryKey: studyKeys.coverage(q), queryFn: () => fetchCoverage(q), enabled: !!docId, refetchInterval: 1500 });
  const missing = useQuery({
    queryKey: studyKeys.missing({ ...q, page }),
    queryFn: () => fetchNotStudied({ ...q, page, pageSize: 20 }),
    enabled: !!docId,
  });
  useEffect(() => setPage(1), [docId, orgId, asOf]);
  const go = (next: { documentId?: number; orgId?: number }) =>
    void navigate({ to: '/study/coverage', search: { documentId: next.documentId ?? docId, orgId: next.orgId } });

  if (docs.isPending) return <Loading />;
  if (docs.isError) return <ErrorState error={docs.error} />;
  if (!docId) return <EmptyState text={s('noStudiedDocs')} />;
  const c = coverage.data;
  return (
    <div>
      <div className="coverage-head">
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          {s('coverageTitle')}
        </Typography.Title>
        {/* On a phone the selectors take the whole width, one under the other; a fixed 360 px
            picker beside the date made the page 750 px wide. */}
        <div className="coverage-selectors">
          <Select
            className="coverage-document"
            popupClassName="coverage-document-popup"
            value={docId}
            onChange={(v) => {
              setTrail([]);
              go({ documentId: v });
            }}
            aria-label={s('document')}
            options={docs.data.map((d) => ({ value: d.id, label: `${d.symbol} — ${d.title}` }))}
            data-testid="coverage-document"
          />
          <DatePicker
            format="DD/MM/YYYY"
            placeholder={s('untilToday')}
            value={asOf ? dayjs(asOf) : null}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            aria-label={s('asOfDay')}
          />
        </div>
      </div>
      {coverage.isError && <ErrorState error={coverage.error} />}
      {c && (
        <>
          <Breadcrumb
            style={{ margin: '12px 0' }}
            items={[...trail, { orgId: c.org.orgId, name: c.org.name }].map((t, i, all) => ({
              title:
                i < all.length - 1 ? (
                  <a
                    onClick={() => {
                      setTrail(trail.slice(0, i));
                      go({ orgId: t.orgId });
                    }}
                  >
                    {t.name}
                  </a>
                ) : (
                  t.name
                ),
            }))}
          />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Progress
                  aria-label={`${c.org.name}: ${s('rate')}`}
                  type="dashboard"
                  percent={c.org.percent}
                  format={() => pct(c.org.percent)}
                  strokeColor={c.org.percent >= 100 ? '#389e0d' : '#b71c1c'}
                />
                <div data-testid="coverage-percent" style={{ display: 'none' }}>
                  {c.org.percent}
                </div>
                <Statistic
                  title={s('studiedMembers')}
                  value={c.org.studied}
                  suffix={`/ ${formatCount(c.org.members)}`}
                  groupSeparator="."
                  data-testid="coverage-studied"
                />
                <Typography.Text type="secondary">{s('coverageNote', { day: dayjs(c.asOf).format('DD/MM/YYYY') })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card size="small" title={s('byChildOrg')}>
                <Table<CoverageOrg>
                  size="small"
                  rowKey="orgId"
                  dataSource={c.children}
                  pagination={{ pageSize: 12, hideOnSinglePage: true }}
                  onRow={(r) => ({
                    onClick: () => {
                      if (!r.hasChildren) return;
                      setTrail([...trail, { orgId: c.org.orgId, name: c.org.name }]);
                      go({ orgId: r.orgId });
                    },
                    style: { cursor: r.hasChildren ? 'pointer' : 'default' },
                  })}
                  columns={[
                    { title: s('unit'), dataIndex: 'name', render: (n: string, r) => (r.hasChildren ? <a>{n}</a> : n) },
                    { title: s('studied'), dataIndex: 'studied', width: 90, align: 'right', render: (v: number) => formatCount(v) },
                    { title: s('members'), dataIndex: 'members', width: 100, align: 'right', render: (v: number) => formatCount(v) },
                    {
                      title: s('rate'),
                      dataIndex: 'percent',
                      width: 180,
                      sorter: (a, b) => a.percent - b.percent,
                      render: (v: number, row) => (
                        <Progress aria-label={`${row.name}: ${s('rate')}`} percent={v} size="small" format={() => pct(v)} />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={`${s('notStudiedTitle')}${missing.data ? ` (${formatCount(missing.data.total)})` : ''}`}
      >
        {missing.data && missing.data.cells.length > 0 && (
          <Typography.Paragraph type="secondary">
            {s('mostIn', {
              list: missing.data.cells
                .slice(0, 6)
                .map((x) => `${x.name} (${x.missing})`)
                .join('; '),
            })}
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          rowKey="memberId"
          loading={missing.isPending}
          dataSource={missing.data?.items}
          pagination={{ current: page, pageSize: 20, total: missing.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: s('code'), dataIndex: 'code', width: 140 },
            { title: s('fullName'), dataIndex: 'fullName' },
            { title: s('cell'), dataIndex: 'orgName' },
          ]}
        />
      </Card>
    </div>
  );
}
