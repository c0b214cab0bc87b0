import { Alert, Button, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { fetchPoint, fetchWholeRoll, studyKeys, type AttendanceRow } from './study.api';
import { useStudyT } from './study.i18n';

/**
 * The host's printed sheet of personal check-in codes: everyone expected at the point, with the
 * code a member types after scanning the QR code when they have lost their invitation. The
 * server sends the codes only to those who manage the point; others see that they are hidden.
 */
export function PointCodesPage({ id }: { id: number }) {
  const { s } = useStudyT();
  const point = useQuery({ queryKey: studyKeys.point(id), queryFn: () => fetchPoint(id) });
  const roll = useQuery({ queryKey: ['study', 'roll', id, 'whole'], queryFn: () => fetchWholeRoll(id) });
  if (point.isError) return <ErrorState error={point.error} />;
  if (roll.isError) return <ErrorState error={roll.error} />;
  if (!point.data || !roll.data) return <Loading />;
  const rows = roll.data;
  const hasCodes = rows.some((r) => r.personalCode);
  return (
    <div className="printable-sheet" data-testid="point-codes">
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Link to="/study/points/$id" params={{ id: String(id) }}>
          {s('backToPoint')}
        </Link>
        {hasCodes && (
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {s('printSheet')}
          </Button>
        )}
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {s('codesTitle', { name: point.data.name })}
      </Typography.Title>
      {hasCodes ? (
        <>
          <Typography.Paragraph type="secondary">{s('codesHint')}</Typography.Paragraph>
          <Table<AttendanceRow & { no: number }>
            size="small"
            rowKey="memberId"
            pagination={false}
            bordered
            dataSource={rows.map((r, i) => ({ ...r, no: i + 1 }))}
            columns={[
              { title: s('orderNo'), dataIndex: 'no', width: 56, align: 'right' },
              // On a phone the name and the personal code are what the desk reads out.
              { title: s('code'), dataIndex: 'code', width: 120, responsive: ['sm'] },
              { title: s('fullName'), dataIndex: 'fullName' },
              { title: s('cell'), dataIndex: 'orgName', responsive: ['md'] },
              {
                title: s('personalCode'),
                dataIndex: 'personalCode',
                width: 130,
                render: (v: string) => (
                  <span className="personal-code" data-testid="sheet-personal-code">
                    {v}
                  </span>
                ),
              },
              { title: s('signature'), key: 'sign', width: 110, responsive: ['md'] },
            ]}
          />
        </>
      ) : (
        <Alert type="info" showIcon title={s('codesHidden')} />
      )}
    </div>
  );
}
