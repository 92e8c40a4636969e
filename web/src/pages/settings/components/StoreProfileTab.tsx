import { App, Button, Divider, Form, Input, Select, Skeleton, Switch } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currencies } from '../../../../../src/shared/money';
import { type Platform, platforms } from '../../../api/types';
import { LoadError } from '../../../components/LoadError';
import { useNotifyError } from '../../../components/use-notify-error';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useStoreDetail, useUpdateStore } from '../api';
import type { StoreChanges, StoreDetail } from '../types';
import { OwnerOnlyNotice } from './OwnerOnlyNotice';

interface ProfileValues {
  readonly name: string;
  readonly platform: Platform;
  readonly currency: string;
  readonly timeZone: string;
  readonly serviceSeesPersonalData: boolean;
}

const toValues = (detail: StoreDetail): ProfileValues => ({
  name: detail.name,
  platform: detail.platform,
  currency: detail.currency,
  timeZone: detail.timeZone,
  serviceSeesPersonalData: detail.settings.serviceSeesPersonalData,
});

// Only what changed is sent, so the audit log records exactly that.
function changesBetween(before: ProfileValues, after: ProfileValues): StoreChanges {
  return {
    ...(after.name.trim() !== before.name ? { name: after.name.trim() } : {}),
    ...(after.platform !== before.platform ? { platform: after.platform } : {}),
    ...(after.currency !== before.currency ? { currency: after.currency } : {}),
    ...(after.timeZone !== before.timeZone ? { timeZone: after.timeZone } : {}),
    ...(after.serviceSeesPersonalData !== before.serviceSeesPersonalData
      ? { settings: { serviceSeesPersonalData: after.serviceSeesPersonalData } }
      : {}),
  };
}

function useTimeZoneOptions(current: string | undefined) {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    if (current && !zones.includes(current)) zones.unshift(current);
    return zones.map((zone) => ({ value: zone, label: zone }));
  }, [current]);
}

/** The store's name, platform, currency, time zone and privacy setting; editable by owners. */
export function StoreProfileTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const detail = useStoreDetail(store.id);
  const update = useUpdateStore(store.id);
  const [form] = Form.useForm<ProfileValues>();
  const editable = can(store.role, 'store.manage');
  const language = currentLanguage();
  const timeZones = useTimeZoneOptions(detail.data?.timeZone);
  const currencyNames = useMemo(() => new Intl.DisplayNames(language, { type: 'currency' }), [language]);

  useEffect(() => {
    if (detail.data) form.setFieldsValue(toValues(detail.data));
  }, [detail.data, form]);

  if (detail.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;

  const save = (values: ProfileValues) => {
    const changes = changesBetween(toValues(detail.data), values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('settings.profile.saved'));
      return;
    }
    update.mutate(changes, {
      onSuccess: () => void message.success(t('settings.profile.saved')),
      onError: notifyError,
    });
  };

  return (
    <div style={{ maxWidth: 560 }}>
      {!editable && <OwnerOnlyNotice role={store.role} />}
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        initialValues={toValues(detail.data)}
        onFinish={save}
        disabled={!editable || update.isPending}
      >
        <Form.Item
          label={t('settings.profile.name')}
          name="name"
          rules={[
            {
              required: true,
              whitespace: true,
              max: 100,
              message: t('common.required', { field: t('settings.profile.name') }),
            },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('settings.profile.platform')} name="platform">
          <Select
            options={platforms.map((platform) => ({ value: platform, label: t(`platforms.${platform}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('settings.profile.currency')}
          name="currency"
          extra={t('settings.profile.currencyHint')}
        >
          <Select
            options={Object.keys(currencies).map((code) => ({
              value: code,
              label: `${code} · ${currencyNames.of(code) ?? code}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('settings.profile.timeZone')}
          name="timeZone"
          extra={t('settings.profile.timeZoneHint')}
        >
          <Select showSearch options={timeZones} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('settings.profile.privacy')}
        </Divider>
        <Form.Item
          label={t('settings.profile.serviceSeesPersonalData')}
          name="serviceSeesPersonalData"
          valuePropName="checked"
          extra={t('settings.profile.serviceSeesPersonalDataHint')}
        >
          <Switch />
        </Form.Item>
        {editable && (
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
            <Button style={{ marginLeft: 8 }} onClick={() => form.setFieldsValue(toValues(detail.data))}>
              {t('common.reset')}
            </Button>
          </Form.Item>
        )}
      </Form>
    </div>
  );
}
