import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { NotFoundPage } from '../../not-found';
import { useAudienceMutations, useAudiences, useReadyMade } from '../api';
import { asGroup, startingTree } from '../fields';
import type { AudienceDefinition, GroupNode } from '../types';
import { LiveCount } from './LiveCount';
import { NodeEditor } from './NodeEditor';

interface Draft {
  readonly where: GroupNode;
  readonly exclude: number[];
}

const draftOf = (definition: AudienceDefinition): Draft => ({
  where: asGroup(definition.where),
  exclude: [...(definition.exclude ?? [])],
});

/** 人群编辑: a new audience (optionally from a ready-made one, ?from=key) or a saved one (/:audienceId). */
export default function AudienceBuilderPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const { audienceId } = useParams();
  const [params] = useSearchParams();
  const id = audienceId ? Number(audienceId) : undefined;
  const audiences = useAudiences(store.id);
  const readyMade = useReadyMade(store.id);
  const saved = id === undefined ? undefined : audiences.data?.find((a) => a.id === id);
  const from = params.get('from');
  const [draft, setDraft] = useState<Draft | undefined>(() =>
    id === undefined && from === null ? { where: startingTree(), exclude: [] } : undefined,
  );

  // A saved audience or a ready-made one fills the builder once it has loaded.
  useEffect(() => {
    if (draft) return;
    if (saved) setDraft(draftOf(saved.definition));
    const start = readyMade.data?.find((r) => r.key === from);
    if (id === undefined && start) setDraft(draftOf(start.definition));
  }, [draft, saved, readyMade.data, from, id]);

  const [saving, setSaving] = useState(false);
  if (audiences.isError)
    return (
      <LoadError
        title={t('audiences.loadFailed')}
        error={audiences.error}
        onRetry={() => void audiences.refetch()}
      />
    );
  // An address naming no saved audience of this store.
  if (id !== undefined && audiences.data && !saved) return <NotFoundPage />;
  if (!draft) return <FullPageSpin />;
  const definition: AudienceDefinition =
    draft.exclude.length > 0 ? { where: draft.where, exclude: draft.exclude } : { where: draft.where };
  const others = (audiences.data ?? []).filter((a) => a.id !== id);
  const mayEdit = can(store.role, 'campaigns.manage');

  return (
    <>
      <PageHeader
        title={
          saved ? t('audiences.builder.editTitle', { name: saved.name }) : t('audiences.builder.newTitle')
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('..', { relative: 'path' })}>
              {t('audiences.builder.back')}
            </Button>
            {mayEdit && (
              <Button type="primary" onClick={() => setSaving(true)}>
                {t('audiences.builder.save')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          <Card
            title={t('audiences.builder.conditions')}
            style={{ marginBottom: 16 }}
            extra={
              id === undefined && (
                <Select
                  aria-label={t('audiences.builder.fromReadyMade')}
                  placeholder={t('audiences.builder.fromReadyMade')}
                  style={{ width: 240 }}
                  value={null}
                  onChange={(key: string) => {
                    const start = readyMade.data?.find((r) => r.key === key);
                    if (start) setDraft(draftOf(start.definition));
                  }}
                  options={(readyMade.data ?? []).map((r) => ({ value: r.key, label: r.name[language] }))}
                />
              )
            }
          >
            <NodeEditor
              node={draft.where}
              onChange={(where) => setDraft({ ...draft, where: asGroup(where) })}
              audiences={audiences.data ?? []}
              depth={0}
            />
          </Card>
          <Card title={t('audiences.builder.exclusions')}>
            <Typography.Paragraph type="secondary">
              {t('audiences.builder.exclusionsHint')}
            </Typography.Paragraph>
            <Select
              mode="multiple"
              aria-label={t('audiences.builder.exclusions')}
              style={{ width: '100%' }}
              value={draft.exclude}
              onChange={(exclude: number[]) => setDraft({ ...draft, exclude })}
              options={others.map((a) => ({ value: a.id, label: a.name }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <div style={{ position: 'sticky', top: 80 }}>
            <LiveCount definition={definition} />
          </div>
        </Col>
      </Row>
      {saving && (
        <SaveModal
          id={saved?.id}
          name={saved?.name ?? ''}
          description={saved?.description ?? ''}
          definition={definition}
          onClose={() => setSaving(false)}
          onSaved={(savedId) => {
            setSaving(false);
            if (savedId !== id) navigate(`../${savedId}`, { relative: 'path', replace: true });
          }}
        />
      )}
    </>
  );
}

function SaveModal(props: {
  readonly id: number | undefined;
  readonly name: string;
  readonly description: string;
  readonly definition: AudienceDefinition;
  readonly onClose: () => void;
  readonly onSaved: (id: number) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { save } = useAudienceMutations(store.id);
  const [form] = Form.useForm<{ name: string; description: string }>();
  const submit = (asNew: boolean) =>
    form.validateFields().then((values) =>
      save.mutate(
        { id: asNew ? undefined : props.id, input: { ...values, definition: props.definition } },
        {
          onSuccess: (saved) => {
            void message.success(t('audiences.builder.saved'));
            props.onSaved(saved.id);
          },
          onError: notifyError,
        },
      ),
    );
  return (
    <Modal
      open
      title={t('audiences.builder.save')}
      onCancel={props.onClose}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          {props.id !== undefined && (
            <Button loading={save.isPending} onClick={() => void submit(true)}>
              {t('audiences.builder.saveAs')}
            </Button>
          )}
          <Button type="primary" loading={save.isPending} onClick={() => void submit(false)}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: props.name, description: props.description }}
      >
        <Form.Item
          name="name"
          label={t('audiences.builder.name')}
          rules={[{ required: true, max: 60, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('audiences.builder.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
