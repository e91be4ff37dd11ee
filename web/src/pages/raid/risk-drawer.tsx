import { Alert, Badge, Button, Checkbox, Divider, Drawer, Group, Select, Skeleton, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowUpRight } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useRaidMutations, useRisk, useRiskHistory, type RiskDetail, type RiskMatrixDocument } from '../../api/raid';
import { DateField } from '../../shared/date-field';
import { PersonSelect } from '../../shared/person-select';
import { formatDate, formatDateTime } from '../../shared/format';
import { levelOptions } from './new-risk-modal';
import { ScoreChip } from './score-chip';

const THREAT = ['avoid', 'reduce', 'transfer', 'accept'];
const OPPORTUNITY = ['exploit', 'enhance', 'share', 'accept'];

type Props = { riskId: string | null; onClose: () => void; matrix: RiskMatrixDocument | undefined; mayManage: boolean };

function problem(error: unknown): string | null {
  if (!error) return null;
  return isApiError(error) ? error.problem.detail : String(error);
}

/** One risk: its description, response and residual rating, actions, review history, and "it happened". */
export function RiskDrawer({ riskId, onClose, matrix, mayManage }: Props) {
  const risk = useRisk(riskId);
  const r = risk.data;
  // What is typed for a new action outlives a refresh of the risk (a save, another person's edit).
  const [action, setAction] = useState<NewAction>({ riskId: null, title: '', due: '', owner: null });
  const mine = action.riskId === riskId ? action : { riskId, title: '', due: '', owner: r?.ownerId ?? null };
  return (
    <Drawer opened={riskId !== null} onClose={onClose} position="right" size="lg" title={r ? `${r.ref} ${r.title}` : 'Risk'}>
      {!r ? <Skeleton h={300} /> : <RiskDetailView key={`${r.id}:${r.version}`} risk={r} matrix={matrix} mayManage={mayManage} action={mine} setAction={(a) => setAction({ ...mine, ...a, riskId })} />}
    </Drawer>
  );
}

type NewAction = { riskId: string | null; title: string; due: string; owner: string | null };

function RiskDetailView({ risk: r, matrix, mayManage, action, setAction }: { risk: RiskDetail; matrix: RiskMatrixDocument | undefined; mayManage: boolean; action: NewAction; setAction: (a: Partial<NewAction>) => void }) {
  const { patchRisk, addAction, patchAction, occurred } = useRaidMutations();
  const history = useRiskHistory(r.id);
  const [draft, setDraft] = useState({ ownerId: r.ownerId, cause: r.cause, event: r.event, effect: r.effect, response: r.response, responseStrategy: r.responseStrategy, residualProbability: r.residualProbability, residualImpact: r.residualImpact, proximity: r.proximity ?? '', escalate: r.escalate });
  const { title: actionTitle, due: actionDue, owner: actionOwner } = action;
  const setActionTitle = (title: string) => setAction({ title });
  const setActionDue = (due: string) => setAction({ due });
  const setActionOwner = (owner: string | null) => setAction({ owner });
  const dirty =
    draft.ownerId !== r.ownerId || draft.cause !== r.cause || draft.event !== r.event || draft.effect !== r.effect || draft.response !== r.response || draft.responseStrategy !== r.responseStrategy ||
    draft.residualProbability !== r.residualProbability || draft.residualImpact !== r.residualImpact || draft.proximity !== (r.proximity ?? '') || draft.escalate !== r.escalate;
  const save = () => patchRisk.mutate({ id: r.id, patch: { version: r.version, ...draft, proximity: draft.proximity || null } });
  const readOnly = !mayManage || r.status !== 'open';
  const error = problem(patchRisk.error) ?? problem(addAction.error) ?? problem(patchAction.error) ?? problem(occurred.error);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <ScoreChip score={r.score} band={r.band} matrix={matrix} label="Score" />
        {r.residualScore !== null && <ScoreChip score={r.residualScore} band={r.residualBand ?? ''} matrix={matrix} label="After response" />}
        <Badge variant="light" color={r.status === 'open' ? 'blue' : 'gray'}>
          {r.status}
        </Badge>
        {r.escalation && (
          <Badge variant="light" color="orange" leftSection={<IconArrowUpRight size={12} />} title={r.escalation.reason}>
            Escalated
          </Badge>
        )}
        {r.staleReview && (
          <Badge variant="light" color="yellow" leftSection={<IconAlertTriangle size={12} />}>
            Review overdue
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {r.scopeCode} · {r.kind} · owner {r.ownerName ?? 'none'} · last reviewed {formatDate(r.reviewedOn)}
        {r.escalation ? ` · ${r.escalation.reason}` : ''}
      </Text>
      {error && (
        <Alert color="red" role="alert" title="Not saved">
          {error}
        </Alert>
      )}
      <PersonSelect label="Owner" value={draft.ownerId} readOnly={readOnly} onChange={(v) => setDraft({ ...draft, ownerId: v })} />
      <Textarea label="Cause" autosize minRows={1} value={draft.cause} readOnly={readOnly} onChange={(e) => setDraft({ ...draft, cause: e.currentTarget.value })} />
      <Textarea label="Event" autosize minRows={1} value={draft.event} readOnly={readOnly} onChange={(e) => setDraft({ ...draft, event: e.currentTarget.value })} />
      <Textarea label="Effect" autosize minRows={1} value={draft.effect} readOnly={readOnly} onChange={(e) => setDraft({ ...draft, effect: e.currentTarget.value })} />
      <Group grow align="flex-start">
        <Select label="Response" data={r.kind === 'threat' ? THREAT : OPPORTUNITY} value={draft.responseStrategy} readOnly={readOnly} clearable onChange={(v) => setDraft({ ...draft, responseStrategy: v as typeof draft.responseStrategy })} />
        <DateField label="Proximity" value={draft.proximity} readOnly={readOnly} onChange={(v) => setDraft({ ...draft, proximity: v })} />
      </Group>
      <Textarea label="Response plan" autosize minRows={1} value={draft.response} readOnly={readOnly} onChange={(e) => setDraft({ ...draft, response: e.currentTarget.value })} />
      <Group grow>
        <Select label="Probability after response" data={levelOptions(matrix?.probability ?? [])} value={draft.residualProbability?.toString() ?? null} readOnly={readOnly} clearable onChange={(v) => setDraft({ ...draft, residualProbability: v ? Number(v) : null })} />
        <Select label="Impact after response" data={levelOptions(matrix?.impact ?? [])} value={draft.residualImpact?.toString() ?? null} readOnly={readOnly} clearable onChange={(v) => setDraft({ ...draft, residualImpact: v ? Number(v) : null })} />
      </Group>
      <Checkbox label="Escalate to the programme and portfolio" checked={draft.escalate} disabled={readOnly} onChange={(e) => setDraft({ ...draft, escalate: e.currentTarget.checked })} />
      {!readOnly && (
        <Group gap="xs">
          <Button onClick={save} disabled={!dirty} loading={patchRisk.isPending}>
            Save
          </Button>
          <Button variant="default" onClick={() => patchRisk.mutate({ id: r.id, patch: { version: r.version, reviewed: true } })} loading={patchRisk.isPending}>
            Mark reviewed
          </Button>
          <Button variant="default" onClick={() => patchRisk.mutate({ id: r.id, patch: { version: r.version, status: 'closed' } })}>
            Close risk
          </Button>
        </Group>
      )}

      <Divider my="xs" />
      <Title order={4}>Actions</Title>
      {r.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No actions yet.
        </Text>
      ) : (
        <Stack gap={4}>
          {r.actions.map((a) => (
            <Group key={a.id} gap="xs" wrap="nowrap">
              <Checkbox
                aria-label={`${a.title} done`}
                checked={a.doneOn !== null}
                disabled={!mayManage}
                onChange={(e) => patchAction.mutate({ id: a.id, patch: { version: a.version, doneOn: e.currentTarget.checked ? new Date().toISOString().slice(0, 10) : null } })}
              />
              <Text size="sm" td={a.doneOn ? 'line-through' : undefined} style={{ flex: 1 }}>
                {a.title}
              </Text>
              <Text size="xs" c="dimmed">
                {a.ownerName ?? 'no owner'}
              </Text>
              <Text size="xs" c={a.overdue ? 'red' : 'dimmed'} fw={a.overdue ? 600 : undefined}>
                {a.due ? `${a.overdue ? 'overdue · ' : 'due '}${formatDate(a.due)}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {mayManage && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label="New action" placeholder="What will be done" value={actionTitle} onChange={(e) => setActionTitle(e.currentTarget.value)} style={{ flex: 1, minWidth: 180 }} />
          <PersonSelect label="Action owner" value={actionOwner} onChange={setActionOwner} w={180} />
          <DateField label="Due" value={actionDue} onChange={setActionDue} />
          <Button
            variant="default"
            disabled={actionTitle.trim() === ''}
            loading={addAction.isPending}
            onClick={() => addAction.mutate({ itemType: 'risk', itemId: r.id, input: { title: actionTitle, ownerId: actionOwner, due: actionDue || null } }, { onSuccess: () => setAction({ title: '', due: '' }) })}
          >
            Add
          </Button>
        </Group>
      )}

      {mayManage && r.status === 'open' && r.kind === 'threat' && (
        <>
          <Divider my="xs" />
          <Group justify="space-between">
            <Text size="sm">It happened? It becomes an issue, with its first action.</Text>
            <Button
              color="red"
              variant="light"
              loading={occurred.isPending}
              onClick={() => occurred.mutate({ id: r.id, version: r.version, action: { title: actionTitle.trim() || `Respond to ${r.title}`, ownerId: actionOwner, due: actionDue || null } })}
            >
              Risk occurred
            </Button>
          </Group>
        </>
      )}
      {r.issueId && (
        <Text size="sm">
          Became an issue: see the Issues register.
        </Text>
      )}

      <Divider my="xs" />
      <Title order={4}>History</Title>
      <Table fz="sm" tabularNums>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th ta="right">Score</Table.Th>
            <Table.Th ta="right">After</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(history.data?.items ?? []).map((h) => (
            <Table.Tr key={h.at}>
              <Table.Td>{formatDateTime(h.at)}</Table.Td>
              <Table.Td>{h.actorName}</Table.Td>
              <Table.Td ta="right">{h.score}</Table.Td>
              <Table.Td ta="right">{h.residualScore ?? ''}</Table.Td>
              <Table.Td>{h.note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
