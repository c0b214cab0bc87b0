import { Button, Form, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocale } from '../../app/locale';
import { orgKindLabels, orgKinds } from '../../../domain/orgs/org-kinds';
import { useReorgT } from './reorg.i18n';

/**
 * The new parts a split founds (form field `newOrgs`): name, code and kind of each. They are
 * founded under the split org's parent; the preview then offers them as destinations.
 */
export function NewPartsField() {
  const { r } = useReorgT();
  const { label } = useLocale();
  const required = (field: string) => [{ required: true, message: field }];
  return (
    <Form.Item label={r('newParts')}>
      <Form.List name="newOrgs">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div
                key={f.key}
                style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}
                data-testid={`new-part-${i}`}
              >
                <Form.Item name={[f.name, 'name']} rules={required(r('newName'))} style={{ flex: 2, minWidth: 220 }}>
                  <Input
                    placeholder={r('newName')}
                    aria-label={`${r('newName')} ${i + 1}`}
                    maxLength={200}
                    data-testid={`new-part-name-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'code']} rules={required(r('newCode'))} style={{ minWidth: 140 }}>
                  <Input
                    placeholder={r('newCode')}
                    aria-label={`${r('newCode')} ${i + 1}`}
                    maxLength={40}
                    data-testid={`new-part-code-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'kind']} style={{ minWidth: 200 }}>
                  <Select
                    aria-label={`${r('newKind')} ${i + 1}`}
                    options={orgKinds.map((k) => ({ value: k, label: label(orgKindLabels[k]) }))}
                    data-testid={`new-part-kind-${i}`}
                  />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={r('removePart')} title={r('removePart')} onClick={() => remove(f.name)} />
              </div>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'grassroots' })} data-testid="add-new-part">
                {r('addNewPart')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
