import { Alert, Badge, Button, Group, Select, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconArrowUpRight, IconCircleCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useIssues, useRaidMutations, type Issue, type IssueFilters, type RaidLevel, type RiskMatrixDocument } from '../../api/raid';
import { CreateModal } from '../../shared/create-modal';
import { DataTable, type Column } from '../../shared/data-table';
import { DateField } from '../../shared/date-field';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { formatDate } from '../../shared/format';
import { PersonSelect } from '../../shared/person-select';
import { nameProblem, serverFieldErrors } from '../../shared/validation';
import { levelOptions } from './new-risk-modal';
import { RegisterTransfer } from './register-transfer';

const STATUSES: Issue['status'][] = ['open', 'in-progress', 'resolved', 'closed'];
const PRIORITY_COLOUR: Record<Issue['priority'], string> = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' };

type Props = { level: RaidLevel; matrix: RiskMatrixDocument | undefined; may: { raise: boolean; manage: boolean }; include: 'own' | 'escalated' | 'all' };

/** A level's issue register: what has gone wrong, its severity, owner and due date; move it along in place. */
export function IssueRegister({ level, matrix, may, include }: Props) {
  const [status, setStatus] = useState<Issue['status'] | null>(null);
  const [sort, setSort] = useState<string>('-severity');
  const [raising, setRaising] = useState(false);
  const [resolving, setResolving] = useState<{ issue: Issue; to: Issue['status'] } | null>(null);
  const filters: IssueFilters = { include, status: status ?? undefined, sort };
  const issues = useIssues(level, filters);
  const { patchIssue } = useRaidMutations();
  const move = (i: Issue, to: string | null) => {
    if (!to || to === i.status) return;
    if ((to === 'resolved' || to === 'closed') && i.resolution.trim() === '') setResolving({ issue: i, to: to as Issue['status'] });
    else patchIssue.mutate({ id: i.id, patch: { version: i.version, status: to as Issue['status'] } });
  };
  const columns: Column<Issue>[] = [
    { key: 'ref', header: 'Ref', sortKey: 'ref', width: 64, render: (i) => <Text size="sm" ff="monospace">{i.ref}</Text> },
    {
      key: 'title',
      header: 'Issue',
      sortKey: 'title',
      minWidth: 220,
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
          {i.riskId && (
            <Text size="xs" c="dimmed">
              a risk that occurred
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'priority', header: 'Priority', render: (i) => <Badge variant="light" color={PRIORITY_COLOUR[i.priority]} size="sm">{i.priority}</Badge> },
    { key: 'severity', header: 'Severity', sortKey: 'severity', numeric: true, render: (i) => <span title={matrix?.impact[i.severity - 1]?.label}>{i.severity}</span> },
    {
      key: 'owner',
      header: 'Owner',
      width: 190,
      render: (i) =>
        may.manage ? (
          <PersonSelect size="xs" aria-label={`Owner of ${i.ref}`} value={i.ownerId} onChange={(v) => v !== i.ownerId && patchIssue.mutate({ id: i.id, patch: { version: i.version, ownerId: v } })} />
        ) : (
          (i.ownerName ?? <Text c="dimmed">–</Text>)
        ),
    },
    { key: 'due', header: 'Due', sortKey: 'due', render: (i) => <Text size="sm" c={i.overdue ? 'red' : undefined} fw={i.overdue ? 600 : undefined}>{formatDate(i.due)}</Text> },
    {
      key: 'status',
      header: 'Status',
      width: 150,
      render: (i) =>
        may.manage ? <Select size="xs" aria-label={`Status of ${i.ref}`} data={STATUSES} value={i.status} onChange={(v) => move(i, v)} allowDeselect={false} /> : i.status,
    },
    {
      key: 'flags',
      header: 'Flags',
      render: (i) => (
        <Group gap={4} wrap="nowrap">
          {i.escalation && (
            <Tooltip label={i.escalation.reason}>
              <Badge variant="light" color="orange" size="sm" leftSection={<IconArrowUpRight size={11} />}>
                escalated
              </Badge>
            </Tooltip>
          )}
          {i.overdueActions > 0 && <Badge variant="light" color="red" size="sm">{i.overdueActions} overdue</Badge>}
        </Group>
      ),
    },
  ];
  if (issues.isError) return <ErrorPanel error={issues.error} what="issue register" onRetry={() => void issues.refetch()} />;
  const items = issues.data?.items ?? [];
  const failure = patchIssue.error && !resolving ? (isApiError(patchIssue.error) ? patchIssue.error.problem.detail : String(patchIssue.error)) : null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Select size="xs" w={150} aria-label="Status" data={STATUSES} value={status} onChange={(v) => setStatus(v as Issue['status'] | null)} placeholder="Any status" clearable />
        <div style={{ flex: 1 }} />
        <RegisterTransfer register="issues" noun="issue" level={level} query={filters} mayImport={may.raise} />
        {may.raise && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRaising(true)}>
            Raise issue
          </Button>
        )}
      </Group>
      {failure && (
        <Alert color="red" role="alert" title="Not saved">
          {failure}
        </Alert>
      )}
      {!issues.isPending && items.length === 0 && !status ? (
        <EmptyState icon={<IconCircleCheck size={22} />} title="No issues" description="Nothing has gone wrong that anyone has logged. Raise an issue when it does, or when a risk occurs." />
      ) : (
        <DataTable caption="Issues" columns={columns} rows={items} rowKey={(i) => i.id} sort={sort} onSort={setSort} loading={issues.isPending} minWidth={860} />
      )}
      <NewIssueModal opened={raising} onClose={() => setRaising(false)} level={level} matrix={matrix} />
      <ResolveModal state={resolving} onClose={() => setResolving(null)} />
    </Stack>
  );
}

function NewIssueModal({ opened, onClose, level, matrix }: { opened: boolean; onClose: () => void; level: RaidLevel; matrix: RiskMatrixDocument | undefined }) {
  const { createIssue } = useRaidMutations();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<string | null>('3');
  const [priority, setPriority] = useState<string | null>('medium');
  const [due, setDue] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const errors = serverFieldErrors(createIssue.error);
  const close = () => (createIssue.reset(), setTouched(false), onClose());
  const submit = () => {
    setTouched(true);
    if (nameProblem(title) || !severity) return;
    createIssue.mutate(
      { ...level, title, description, ownerId, severity: Number(severity), priority: priority as Issue['priority'], due: due || null },
      { onSuccess: () => (setTitle(''), setDescription(''), setDue(''), setOwnerId(null), close()) },
    );
  };
  return (
    <CreateModal opened={opened} title="Raise an issue" submitLabel="Raise issue" pending={createIssue.isPending} error={createIssue.error} onClose={close} onSubmit={submit}>
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={(touched && nameProblem(title)) || errors.title} data-autofocus />
      <Textarea label="What happened" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
      <Group grow>
        <Select label="Severity" required data={levelOptions(matrix?.impact ?? [])} value={severity} onChange={setSeverity} allowDeselect={false} error={errors.severity} />
        <Select label="Priority" data={['low', 'medium', 'high', 'critical']} value={priority} onChange={setPriority} allowDeselect={false} />
      </Group>
      <Group grow align="flex-start">
        <PersonSelect label="Owner" value={ownerId} onChange={setOwnerId} error={errors.ownerId} />
        <DateField label="Due" value={due} onChange={setDue} error={errors.due} />
      </Group>
    </CreateModal>
  );
}

function ResolveModal({ state, onClose }: { state: { issue: Issue; to: Issue['status'] } | null; onClose: () => void }) {
  const { patchIssue } = useRaidMutations();
  const [resolution, setResolution] = useState('');
  const errors = serverFieldErrors(patchIssue.error);
  const close = () => (patchIssue.reset(), setResolution(''), onClose());
  return (
    <CreateModal
      opened={state !== null}
      title={state ? `${state.to === 'closed' ? 'Close' : 'Resolve'} ${state.issue.ref}` : ''}
      submitLabel={state?.to === 'closed' ? 'Close issue' : 'Resolve issue'}
      pending={patchIssue.isPending}
      error={patchIssue.error}
      onClose={close}
      onSubmit={() => state && patchIssue.mutate({ id: state.issue.id, patch: { version: state.issue.version, status: state.to, resolution } }, { onSuccess: close })}
    >
      <Textarea label="Resolution" description="How was it resolved?" required autosize minRows={2} value={resolution} onChange={(e) => setResolution(e.currentTarget.value)} error={errors.resolution} data-autofocus />
    </CreateModal>
  );
}
