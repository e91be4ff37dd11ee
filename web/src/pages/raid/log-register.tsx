import { Alert, Badge, Button, Group, Select, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconArrowUpRight, IconNotes, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { LOG_PATH, useLogItems, useLogMutations, type Decision, type Dependency, type LogItem, type LogKind, type RaidLevel, type Assumption } from '../../api/raid';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { CreateModal } from '../../shared/create-modal';
import { DataTable, type Column } from '../../shared/data-table';
import { DateField } from '../../shared/date-field';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { formatDate } from '../../shared/format';
import { PersonSelect } from '../../shared/person-select';
import { nameProblem, serverFieldErrors } from '../../shared/validation';
import { RegisterTransfer } from './register-transfer';

const STATUSES: Record<LogKind, string[]> = {
  assumption: ['unvalidated', 'valid', 'invalid'],
  dependency: ['proposed', 'agreed', 'at-risk', 'late', 'met', 'cancelled'],
  decision: ['open', 'decided', 'superseded'],
};
const NOUN: Record<LogKind, { one: string; many: string; empty: string; dueLabel: string }> = {
  assumption: { one: 'assumption', many: 'Assumptions', empty: 'What the plan takes for granted, who will check it and by when.', dueLabel: 'Validate by' },
  dependency: { one: 'dependency', many: 'Dependencies', empty: 'What this work needs from other projects, and what they need from it.', dueLabel: 'Needed by' },
  decision: { one: 'decision', many: 'Decisions', empty: 'The questions to decide, the options, and once decided: what, why, who and when.', dueLabel: 'Decide by' },
};

/** A status change that needs more said before it is saved: an assumption's outcome, a decision's record. */
type Completing = { item: LogItem; status: string };

type Props = { kind: LogKind; level: RaidLevel; may: { raise: boolean; manage: boolean }; include: 'own' | 'escalated' | 'all' };

/** One of the assumption, dependency and decision logs of a level. */
export function LogRegister({ kind, level, may, include }: Props) {
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState('ref');
  const [creating, setCreating] = useState(false);
  const [completing, setCompleting] = useState<Completing | null>(null);
  const list = useLogItems(kind, level, { include, status: status ?? undefined, sort });
  const { patch } = useLogMutations(kind);
  const noun = NOUN[kind];
  const change = (item: LogItem, to: string | null) => {
    if (!to || to === item.status) return;
    const needsMore = (kind === 'assumption' && to !== 'unvalidated' && (item as Assumption).outcome.trim() === '') || (kind === 'decision' && to === 'decided' && (item as Decision).decision.trim() === '');
    if (needsMore) setCompleting({ item, status: to });
    else patch.mutate({ id: item.id, patch: { version: item.version, status: to } });
  };
  const extra: Column<LogItem>[] =
    kind === 'dependency'
      ? [{ key: 'with', header: 'With', render: (i) => { const d = i as Dependency; return `${d.direction === 'inbound' ? 'needs from' : 'gives to'} ${d.otherProjectCode ?? '–'}`; } }]
      : kind === 'decision'
        ? [{ key: 'decision', header: 'Decision', render: (i) => (i as Decision).decision || <Text c="dimmed">–</Text> }]
        : [{ key: 'outcome', header: 'Outcome', render: (i) => (i as Assumption).outcome || <Text c="dimmed">–</Text> }];
  const columns: Column<LogItem>[] = [
    { key: 'ref', header: 'Ref', sortKey: 'ref', width: 72, render: (i) => <Text size="sm" ff="monospace">{i.ref}</Text> },
    {
      key: 'title',
      header: { assumption: 'Assumption', dependency: 'Dependency', decision: 'Question' }[kind],
      sortKey: 'title',
      minWidth: 200,
      render: (i) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {i.title}
          </Text>
          {i.scopeId !== level.scopeId && (
            <Text size="xs" c="dimmed">
              from {i.scopeCode} {i.scopeName}
            </Text>
          )}
        </Stack>
      ),
    },
    ...extra,
    { key: 'owner', header: 'Owner', render: (i) => i.ownerName ?? <Text c="dimmed">–</Text> },
    { key: 'due', header: noun.dueLabel, sortKey: 'due', render: (i) => formatDate(i.due) },
    {
      key: 'status',
      header: 'Status',
      width: 150,
      render: (i) => (may.manage ? <Select size="xs" aria-label={`Status of ${i.ref}`} data={STATUSES[kind]} value={i.status} onChange={(v) => change(i, v)} allowDeselect={false} /> : i.status),
    },
    {
      key: 'flags',
      header: '',
      render: (i) =>
        i.escalation && (
          <Tooltip label={i.escalation.reason}>
            <Badge variant="light" color="orange" size="sm" leftSection={<IconArrowUpRight size={11} />}>
              escalated
            </Badge>
          </Tooltip>
        ),
    },
  ];
  if (list.isError) return <ErrorPanel error={list.error} what={`${noun.one} log`} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  const failure = patch.error && !completing ? (isApiError(patch.error) ? patch.error.problem.detail : String(patch.error)) : null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Select size="xs" w={150} aria-label="Status" data={STATUSES[kind]} value={status} onChange={setStatus} placeholder="Any status" clearable />
        <div style={{ flex: 1 }} />
        <RegisterTransfer register={LOG_PATH[kind]} noun={noun.one} level={level} query={{ include, status: status ?? undefined, sort }} mayImport={may.raise} />
        {may.raise && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            Log {noun.one}
          </Button>
        )}
      </Group>
      {failure && (
        <Alert color="red" role="alert" title="Not saved">
          {failure}
        </Alert>
      )}
      {!list.isPending && items.length === 0 && !status ? (
        <EmptyState icon={<IconNotes size={22} />} title={`No ${noun.many.toLowerCase()} yet`} description={noun.empty} />
      ) : (
        <DataTable caption={noun.many} columns={columns} rows={items} rowKey={(i) => i.id} sort={sort} onSort={setSort} loading={list.isPending} minWidth={760} />
      )}
      <NewLogItemModal kind={kind} opened={creating} onClose={() => setCreating(false)} level={level} />
      <CompleteModal kind={kind} state={completing} onClose={() => setCompleting(null)} />
    </Stack>
  );
}

function NewLogItemModal({ kind, opened, onClose, level }: { kind: LogKind; opened: boolean; onClose: () => void; level: RaidLevel }) {
  const { create } = useLogMutations(kind);
  const { tree } = useCurrentOrganisation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState('');
  const [direction, setDirection] = useState<string | null>('inbound');
  const [other, setOther] = useState<string | null>(null);
  const [options, setOptions] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [validatorId, setValidatorId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const errors = serverFieldErrors(create.error);
  const projects = (tree?.portfolios ?? []).flatMap((p) => p.projects).filter((p) => p.id !== level.scopeId).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }));
  const close = () => (create.reset(), setTouched(false), onClose());
  const submit = () => {
    setTouched(true);
    if (nameProblem(title)) return;
    const body: Record<string, unknown> = { ...level, title, description, ownerId, due: due || null };
    if (kind === 'assumption') body.validatorId = validatorId;
    if (kind === 'dependency') Object.assign(body, { direction, otherProjectId: other });
    if (kind === 'decision') body.options = options.split('\n').map((o) => o.trim()).filter(Boolean);
    create.mutate(body, { onSuccess: () => (setTitle(''), setDescription(''), setDue(''), setOptions(''), setOther(null), setOwnerId(null), setValidatorId(null), close()) });
  };
  return (
    <CreateModal opened={opened} title={`Log ${NOUN[kind].one === 'assumption' ? 'an' : 'a'} ${NOUN[kind].one}`} submitLabel={`Log ${NOUN[kind].one}`} pending={create.isPending} error={create.error} onClose={close} onSubmit={submit}>
      <TextInput label={kind === 'decision' ? 'Question' : 'Title'} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={(touched && nameProblem(title)) || errors.title} data-autofocus />
      <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
      {kind === 'dependency' && (
        <Group grow align="flex-start">
          <Select label="Direction" data={[{ value: 'inbound', label: 'We need it from them' }, { value: 'outbound', label: 'They need it from us' }]} value={direction} onChange={setDirection} allowDeselect={false} />
          <Select label="Other project" data={projects} value={other} onChange={setOther} searchable clearable error={errors.otherProjectId} />
        </Group>
      )}
      {kind === 'decision' && <Textarea label="Options" description="One per line" autosize minRows={2} value={options} onChange={(e) => setOptions(e.currentTarget.value)} error={errors.options} />}
      <Group grow align="flex-start">
        <PersonSelect label="Owner" value={ownerId} onChange={setOwnerId} error={errors.ownerId} />
        {kind === 'assumption' && <PersonSelect label="Validated by" value={validatorId} onChange={setValidatorId} error={errors.validatorId} />}
        <DateField label={NOUN[kind].dueLabel} value={due} onChange={setDue} error={errors.due} />
      </Group>
    </CreateModal>
  );
}

function CompleteModal({ kind, state, onClose }: { kind: LogKind; state: Completing | null; onClose: () => void }) {
  const { patch } = useLogMutations(kind);
  const [outcome, setOutcome] = useState('');
  const [decision, setDecision] = useState('');
  const [rationale, setRationale] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const errors = serverFieldErrors(patch.error);
  const close = () => (patch.reset(), setOutcome(''), setDecision(''), setRationale(''), onClose());
  const submit = () => {
    if (!state) return;
    const body = kind === 'assumption' ? { outcome } : { decision, rationale, decidedBy, decidedOn: decidedOn || null };
    patch.mutate({ id: state.item.id, patch: { version: state.item.version, status: state.status, ...body } }, { onSuccess: close });
  };
  return (
    <CreateModal opened={state !== null} title={state ? `${state.item.ref}: ${state.status}` : ''} submitLabel="Save" pending={patch.isPending} error={patch.error} onClose={close} onSubmit={submit}>
      {kind === 'assumption' ? (
        <Textarea label="Outcome" description="What did validation find?" required autosize minRows={2} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={errors.outcome} data-autofocus />
      ) : (
        <>
          <Textarea label="Decision" required autosize minRows={1} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} error={errors.decision} data-autofocus />
          <Textarea label="Rationale" required autosize minRows={2} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} error={errors.rationale} />
          <Group grow align="flex-start">
            <TextInput label="Decided by" required value={decidedBy} onChange={(e) => setDecidedBy(e.currentTarget.value)} error={errors.decidedBy} />
            <DateField label="Decided on" value={decidedOn} onChange={setDecidedOn} error={errors.decidedOn} />
          </Group>
        </>
      )}
    </CreateModal>
  );
}
