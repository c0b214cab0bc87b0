import type { ReactNode } from 'react';
import { Button, Form, Modal, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

type Props<T> = {
  title: ReactNode;
  open: boolean;
  form: FormInstance<T>;
  onCancel: () => void;
  onFinish: (values: T) => void | Promise<void>;
  isSaving?: boolean;
  submitText?: string;
  isDanger?: boolean;
  width?: number;
  initialValues?: Partial<T>;
  children: ReactNode;
  testId?: string;
};

/**
 * A dialog holding one form whose buttons sit inside the <form>, so Enter in any field submits
 * it; antd moves focus into the dialog and back to the opener when it closes.
 */
export function FormModal<T extends object>(props: Props<T>) {
  const { t } = useTranslation();
  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={props.onCancel}
      footer={null}
      destroyOnHidden
      width={props.width ?? 560}
      maskClosable={!props.isSaving}
      data-testid={props.testId}
    >
      <Form<T>
        name={props.testId}
        form={props.form}
        layout="vertical"
        onFinish={(v) => void props.onFinish(v)}
        initialValues={props.initialValues}
        disabled={props.isSaving}
        scrollToFirstError
      >
        {props.children}
        <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
          <Space>
            <Button onClick={props.onCancel} disabled={false}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" danger={props.isDanger} htmlType="submit" loading={props.isSaving}>
              {props.submitText ?? t('common.save')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
