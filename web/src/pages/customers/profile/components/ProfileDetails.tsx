import { CheckCircleFilled, CloseCircleFilled, EyeOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { regionText } from '../../labels';
import { type CustomerProfile, consentChannels, type Revealed } from '../../types';

// Wide enough for the longest English label (Customer key) on one line.
const LABEL_WIDTH = 120;

interface ProfileDetailsProps {
  readonly profile: CustomerProfile;
  /** The full phone and address once asked for; undefined while masked. */
  readonly revealed: Revealed | undefined;
  readonly onReveal: () => void;
  readonly revealing: boolean;
}

function birthdayText(profile: CustomerProfile, t: TFunction): ReactNode {
  const birthday = profile.birthday;
  if (!birthday) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(birthday.month)}-${pad(birthday.day)}`;
  const text = birthday.year === null ? day : `${birthday.year}-${day}`;
  if (profile.age === null) return text;
  // Two steps: a t() call inside another's options is too deep for TypeScript's key checking.
  const age = t('customers.profile.age', { n: profile.age });
  return t('customers.profile.birthdayAge', { date: text, age });
}

/** Basic information, preferences, contact consent and notes. */
export function ProfileDetails({ profile, revealed, onReveal, revealing }: ProfileDetailsProps) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const show = (value: ReactNode) => (value === null || value === undefined || value === '' ? none : value);
  const masked = profile.personalDataMasked && !revealed;
  const phone = revealed ? revealed.phone : profile.phone;
  const address = revealed ? revealed.address : profile.address;
  const preferences = Object.entries(profile.preferences);

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('customers.profile.basic')}
        extra={
          masked &&
          profile.canReveal && (
            <Tooltip title={t('customers.profile.revealHint')}>
              <Button size="small" icon={<EyeOutlined />} onClick={onReveal} loading={revealing}>
                {t('customers.profile.reveal')}
              </Button>
            </Tooltip>
          )
        }
      >
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: LABEL_WIDTH } }}
          items={[
            { key: 'nick', label: t('customers.profile.nick'), children: show(profile.nick) },
            { key: 'name', label: t('customers.profile.name'), children: show(profile.name) },
            {
              key: 'gender',
              label: t('customers.profile.gender'),
              children: profile.gender ? t(`customers.genders.${profile.gender}`) : none,
            },
            {
              key: 'birthday',
              label: t('customers.profile.birthday'),
              children: show(birthdayText(profile, t)),
            },
            {
              key: 'phone',
              label: t('customers.profile.phone'),
              children: (
                <span data-testid="customer-phone">
                  {show(phone)}
                  {masked && phone && (
                    <Tag style={{ marginInlineStart: 8 }} color="default">
                      {t('customers.profile.masked')}
                    </Tag>
                  )}
                </span>
              ),
            },
            { key: 'email', label: t('customers.profile.email'), children: show(profile.email) },
            {
              key: 'region',
              label: t('customers.profile.region'),
              children: show([regionText(profile), profile.district].filter(Boolean).join(' ')),
            },
            {
              key: 'address',
              label: t('customers.profile.address'),
              children: <span data-testid="customer-address">{show(address)}</span>,
            },
            {
              key: 'occupation',
              label: t('customers.profile.occupation'),
              children: show(profile.occupation),
            },
            {
              key: 'creditLevel',
              label: t('customers.profile.creditLevel'),
              children: show(profile.creditLevel),
            },
            { key: 'customerKey', label: t('customers.profile.customerKey'), children: profile.customerKey },
            {
              key: 'createdAt',
              label: t('customers.profile.createdAt'),
              children: formatDay(profile.createdAt, store.timeZone, language),
            },
          ]}
        />
      </Card>
      <Card title={t('customers.profile.preferences')}>
        {preferences.length === 0 ? (
          <Typography.Text type="secondary">{t('customers.profile.noPreferences')}</Typography.Text>
        ) : (
          <section aria-label={t('customers.profile.preferences')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: LABEL_WIDTH } }}
              items={preferences.map(([key, value]) => ({ key, label: key, children: value }))}
            />
          </section>
        )}
      </Card>
      <Card title={t('customers.profile.consent')}>
        <Flex gap={8} wrap role="list" aria-label={t('customers.profile.consent')}>
          {consentChannels.map((channel) => {
            const value = profile.consent[channel];
            const state = value === true ? 'allowed' : value === false ? 'refused' : 'unknown';
            const icon =
              value === true ? (
                <CheckCircleFilled />
              ) : value === false ? (
                <CloseCircleFilled />
              ) : (
                <QuestionCircleOutlined />
              );
            return (
              <Tag
                key={channel}
                role="listitem"
                icon={icon}
                color={value === true ? 'success' : value === false ? 'error' : 'default'}
              >
                {t('customers.consent.value', {
                  channel: t(`customers.consent.channels.${channel}`),
                  state: t(`customers.consent.${state}`),
                })}
              </Tag>
            );
          })}
        </Flex>
      </Card>
      <Card title={t('customers.profile.notes')}>
        {profile.notes ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {profile.notes}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('customers.profile.noNotes')}</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}
