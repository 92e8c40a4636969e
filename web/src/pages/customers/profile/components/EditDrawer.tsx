import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../api/error-text';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { useTagCounts, useUpdateCustomer } from '../../api';
import { type CustomerProfile, consentChannels, genderList, type Revealed } from '../../types';
import { type EditValues, toEditValues, toPatch, validBirthday } from '../edit-values';
import { PreferenceFields } from './PreferenceFields';

// The server's own rule for a phone number (customerPatchSchema), so the form refuses what it would.
const PHONE = /^\+?[\d*\- ]{5,20}$/;

interface EditDrawerProps {
  readonly open: boolean;
  readonly profile: CustomerProfile;
  readonly revealed: Revealed | undefined;
  readonly onClose: () => void;
}

/** Edits every field a person may change; saves only what changed. */
export function EditDrawer({ open, profile, revealed, onClose }: EditDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const update = useUpdateCustomer(store.id, profile.id);
  const tags = useTagCounts(store.id);
  const [form] = Form.useForm<EditValues>();
  const failure = update.isError ? errorText(update.error, t, currentLanguage()) : undefined;
  const locked = profile.personalDataMasked && !revealed;
  const tooLong = (n: number) => ({ max: n, message: t('customers.edit.tooLong', { n }) });

  const close = () => {
    update.reset();
    onClose();
  };
  const submit = (values: EditValues) => {
    const patch = toPatch(profile, revealed, values);
    if (Object.keys(patch).length === 0) {
      void message.info(t('customers.edit.noChanges'));
      close();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        void message.success(t('customers.edit.saved'));
        close();
      },
    });
  };
  const text = (name: keyof EditValues, label: string, max: number, disabled = false) => (
    <Form.Item label={label} name={name} rules={[tooLong(max)]}>
      <Input maxLength={max} disabled={disabled} />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      title={t('customers.edit.title')}
      size={640}
      onClose={close}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
            {t('customers.edit.submit')}
          </Button>
        </Flex>
      }
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={`${t('customers.edit.failed')}: ${failure.title}`}
          description={failure.detail}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={toEditValues(profile, revealed)}
        onFinish={submit}
        disabled={update.isPending}
        preserve={false}
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('customers.edit.sections.basic')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>{text('name', t('customers.fields.name'), 60)}</Col>
          <Col span={12}>
            <Form.Item label={t('customers.fields.gender')} name="gender">
              <Radio.Group
                optionType="button"
                options={[...genderList, 'unknown' as const].map((gender) => ({
                  value: gender,
                  label: t(`customers.genders.${gender}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('customers.fields.birthday')} style={{ marginBottom: 0 }}>
          <Flex gap={8}>
            <Form.Item name="birthYear" style={{ flex: 2 }}>
              <InputNumber
                min={1900}
                max={2100}
                precision={0}
                placeholder={t('customers.edit.birthYear')}
                aria-label={t('customers.edit.birthYear')}
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item name="birthMonth" style={{ flex: 1 }}>
              <InputNumber
                min={1}
                max={12}
                precision={0}
                placeholder={t('customers.edit.birthMonth')}
                aria-label={t('customers.edit.birthMonth')}
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item
              name="birthDay"
              style={{ flex: 1 }}
              dependencies={['birthYear', 'birthMonth']}
              rules={[
                {
                  validator: async (_, day: number | null | undefined) => {
                    const month = form.getFieldValue('birthMonth') as number | null | undefined;
                    const year = form.getFieldValue('birthYear') as number | null | undefined;
                    const none = (value: unknown) => value === null || value === undefined;
                    if (none(day) && none(month) && none(year)) return;
                    if (none(day) || none(month) || !validBirthday(year, month ?? 0, day ?? 0))
                      throw new Error(t('customers.edit.birthdayInvalid'));
                  },
                },
              ]}
            >
              <InputNumber
                min={1}
                max={31}
                precision={0}
                placeholder={t('customers.edit.birthDay')}
                aria-label={t('customers.edit.birthDay')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>{text('occupation', t('customers.fields.occupation'), 60)}</Col>
          <Col span={12}>{text('creditLevel', t('customers.fields.creditLevel'), 40)}</Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.edit.sections.contact')}
        </Divider>
        {locked && (
          <Alert type="info" showIcon title={t('customers.edit.maskedHint')} style={{ marginBottom: 16 }} />
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label={t('customers.fields.phone')}
              name="phone"
              rules={[{ pattern: PHONE, message: t('customers.edit.phoneInvalid') }]}
            >
              <Input maxLength={20} disabled={locked} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={t('customers.fields.email')}
              name="email"
              rules={[{ type: 'email', message: t('customers.edit.emailInvalid') }, tooLong(200)]}
            >
              <Input maxLength={200} inputMode="email" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>{text('province', t('customers.fields.province'), 40)}</Col>
          <Col span={8}>{text('city', t('customers.fields.city'), 40)}</Col>
          <Col span={8}>{text('district', t('customers.fields.district'), 40)}</Col>
        </Row>
        {text('address', t('customers.fields.address'), 300, locked)}

        <Divider titlePlacement="start" plain>
          {t('customers.edit.sections.preferences')}
        </Divider>
        <PreferenceFields />

        <Divider titlePlacement="start" plain>
          {t('customers.edit.sections.consent')}
        </Divider>
        <Row gutter={16}>
          {consentChannels.map((channel) => (
            <Col span={12} key={channel}>
              <Form.Item label={t(`customers.consent.channels.${channel}`)} name={['consent', channel]}>
                <Radio.Group
                  optionType="button"
                  size="small"
                  options={(['allowed', 'refused', 'unknown'] as const).map((choice) => ({
                    value: choice,
                    label: t(`customers.consent.${choice}`),
                  }))}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.edit.sections.other')}
        </Divider>
        <Form.Item
          label={t('customers.fields.tags')}
          name="tags"
          rules={[
            {
              validator: async (_, value: readonly string[] | undefined) => {
                if ((value?.length ?? 0) > 50) throw new Error(t('customers.edit.tagLimit'));
                if ((value ?? []).some((tag) => tag.trim().length > 40))
                  throw new Error(t('customers.edit.tooLong', { n: 40 }));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder={t('customers.edit.tagsPlaceholder')}
            options={(tags.data ?? []).map((entry) => ({ value: entry.tag, label: entry.tag }))}
          />
        </Form.Item>
        <Form.Item label={t('customers.fields.notes')} name="notes" rules={[tooLong(5_000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5_000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
