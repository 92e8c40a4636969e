import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { type FieldGroup, fieldGroups, isGroup, startingConditions } from '../fields';
import type { AudienceNode, Condition, ConditionType, GroupNode, SavedAudience } from '../types';
import { ConditionEditor } from './ConditionEditor';

// The tree, edited in place: a group lists its children with AND / OR on top; a NOT wraps one
// child; a condition is a field select and that field's inputs. Every change hands up a new tree.

interface NodeProps<N extends AudienceNode> {
  readonly node: N;
  readonly onChange: (node: N) => void;
  readonly onRemove?: (() => void) | undefined;
  readonly audiences: readonly SavedAudience[];
  readonly depth: number;
}

export function NodeEditor(props: NodeProps<AudienceNode>) {
  const { node } = props;
  if (isGroup(node)) return <GroupEditor {...props} node={node} onChange={props.onChange} />;
  if (node.type === 'not') return <NotEditor {...props} node={node} onChange={props.onChange} />;
  return <ConditionRow {...props} node={node} onChange={props.onChange} />;
}

function GroupEditor({ node, onChange, onRemove, audiences, depth }: NodeProps<GroupNode>) {
  const { t } = useTranslation();
  const replace = (index: number, child: AudienceNode) =>
    onChange({ ...node, conditions: node.conditions.map((c, i) => (i === index ? child : c)) });
  const remove = (index: number) =>
    onChange({ ...node, conditions: node.conditions.filter((_, i) => i !== index) });
  const add = (child: AudienceNode) => onChange({ ...node, conditions: [...node.conditions, child] });
  return (
    <Card
      size="small"
      role="group"
      aria-label={t(`audiences.builder.${node.type}`)}
      style={{ background: depth % 2 === 0 ? '#fafafa' : '#fff' }}
      title={
        <Segmented
          size="small"
          value={node.type}
          onChange={(type) => onChange({ ...node, type })}
          options={(['and', 'or'] as const).map((value) => ({
            value,
            label: t(`audiences.builder.${value}`),
          }))}
        />
      }
      extra={
        onRemove && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>
            {t('audiences.builder.remove')}
          </Button>
        )
      }
    >
      <Flex vertical gap={8}>
        {node.conditions.map((child, index) => (
          <NodeEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; a row is where it stands
            key={index}
            node={child}
            onChange={(next) => replace(index, next)}
            onRemove={node.conditions.length > 1 ? () => remove(index) : undefined}
            audiences={audiences}
            depth={depth + 1}
          />
        ))}
        <Space wrap>
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(startingConditions.orderCount)}>
            {t('audiences.builder.addCondition')}
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              add({ type: node.type === 'and' ? 'or' : 'and', conditions: [startingConditions.lifecycle] })
            }
          >
            {t('audiences.builder.addGroup')}
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ type: 'not', condition: startingConditions.tag })}
          >
            {t('audiences.builder.addNot')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

function NotEditor({
  node,
  onChange,
  onRemove,
  audiences,
  depth,
}: NodeProps<Extract<AudienceNode, { type: 'not' }>>) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="flex-start" role="group" aria-label={t('audiences.builder.not')}>
      <Button size="small" danger type="dashed" disabled style={{ marginTop: 4 }}>
        {t('audiences.builder.not')}
      </Button>
      <div style={{ flex: 1 }}>
        <NodeEditor
          node={node.condition}
          onChange={(condition) => onChange({ ...node, condition })}
          onRemove={onRemove}
          audiences={audiences}
          depth={depth}
        />
      </div>
    </Flex>
  );
}

function ConditionRow({ node, onChange, onRemove, audiences }: NodeProps<Condition>) {
  const { t } = useTranslation();
  const options = (Object.keys(fieldGroups) as FieldGroup[]).map((group) => ({
    label: t(`audiences.groups.${group}`),
    title: t(`audiences.groups.${group}`),
    options: fieldGroups[group].map((type) => ({ value: type, label: t(`audiences.fields.${type}`) })),
  }));
  return (
    <Flex gap={8} align="flex-start" wrap role="group" aria-label={t(`audiences.fields.${node.type}`)}>
      <Select<ConditionType>
        aria-label={t('audiences.builder.field')}
        value={node.type}
        options={options}
        onChange={(type) => onChange(startingConditions[type])}
        style={{ width: 200 }}
        showSearch={{ optionFilterProp: 'label' }}
      />
      <ConditionEditor condition={node} onChange={onChange} audiences={audiences} />
      {onRemove && (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('audiences.builder.remove')}
          onClick={onRemove}
        />
      )}
    </Flex>
  );
}
