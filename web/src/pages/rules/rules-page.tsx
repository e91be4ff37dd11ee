import { Alert, Badge, Button, Card, Group, NumberInput, SimpleGrid, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { useRiskMatrix, type RiskMatrixDocument } from '../../api/raid';
import { useChangePolicy, useRulesMutations, type ChangePolicyDocument } from '../../api/rules';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { organisationPath } from '../../auth/permissions';
import { ErrorPanel } from '../../shared/error-panel';
import { RecordHeader } from '../../shared/record-header';
import { serverFieldErrors } from '../../shared/validation';

const problem = (error: unknown): string | null => (!error || Object.keys(serverFieldErrors(error)).length > 0 ? null : isApiError(error) ? error.problem.detail : String(error));
/** A number input's value as the API takes it: blank is "no limit". */
const limitOf = (v: number | string): number | null => (v === '' ? null : Number(v));

/**
 * The rules the PMO sets for the whole organisation: who approves a change of what size, and
 * when a risk escalates and how often it must be reviewed. Everyone can read them; only the
 * PMO can change them.
 */
export function RulesPage() {
  const { orgId, organisation, can } = useCurrentOrganisation();
  useDocumentTitle('PMO rules · Pharos');
  const policy = useChangePolicy(orgId);
  const matrix = useRiskMatrix(orgId);
  return (
    <>
      <RecordHeader crumbs={[{ label: organisation?.name ?? 'Organisation', to: '/' }, { label: 'PMO rules' }]} title="PMO rules" />
      <Stack gap="lg">
        {policy.isError ? (
          <ErrorPanel error={policy.error} what="change policy" onRetry={() => void policy.refetch()} />
        ) : !policy.data ? (
          <Skeleton h={260} />
        ) : (
          <ChangePolicyCard key={`policy-${policy.data.version}`} doc={policy.data} mayEdit={can('change-policy:manage', organisationPath(orgId))} />
        )}
        {matrix.isError ? (
          <ErrorPanel error={matrix.error} what="risk matrix" onRetry={() => void matrix.refetch()} />
        ) : !matrix.data ? (
          <Skeleton h={260} />
        ) : (
          <EscalationCard key={`matrix-${matrix.data.version}`} doc={matrix.data} mayEdit={can('risk-matrix:manage', organisationPath(orgId))} />
        )}
      </Stack>
    </>
  );
}

/** One set of rules: its heading, what it does, a failed save, its fields, and Save/Discard once edited. */
function RuleCard(props: { id: string; title: string; isDefault: boolean; description: string; error: string | null; children: ReactNode; save: { shown: boolean; label: string; pending: boolean; onSave: () => void; onDiscard: () => void } }) {
  const { id, title, isDefault, description, error, children, save } = props;
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} id={id} size="h3">
            {title}
          </Title>
          {isDefault && (
            <Badge variant="light" color="gray">
              default
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {error && (
          <Alert color="red" role="alert" title="Not saved">
            {error}
          </Alert>
        )}
        {children}
        {save.shown && (
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={save.onDiscard}>
              Discard
            </Button>
            <Button onClick={save.onSave} loading={save.pending}>
              {save.label}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ChangePolicyCard({ doc, mayEdit }: { doc: ChangePolicyDocument; mayEdit: boolean }) {
  const { orgId } = useCurrentOrganisation();
  const { policy: save } = useRulesMutations(orgId);
  const initial = {
    projectCost: doc.project.maxCostPercent ?? ('' as number | string),
    projectDays: doc.project.maxScheduleDays ?? ('' as number | string),
    programmeCost: doc.programme.maxCostPercent ?? ('' as number | string),
    programmeDays: doc.programme.maxScheduleDays ?? ('' as number | string),
    selfApproval: doc.selfApproval,
  };
  const [draft, setDraft] = useState(initial);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const errors = serverFieldErrors(save.error);
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = () =>
    save.mutate({
      version: doc.version,
      project: { maxCostPercent: limitOf(draft.projectCost), maxScheduleDays: limitOf(draft.projectDays) },
      programme: { maxCostPercent: limitOf(draft.programmeCost), maxScheduleDays: limitOf(draft.programmeDays) },
      selfApproval: draft.selfApproval,
    });
  return (
    <RuleCard
      id="change-policy-heading"
      title="Change control: who approves"
      isDefault={doc.version === 0}
      description="A change goes to the lowest board whose limits it fits; anything larger goes to the portfolio board. Cost counts as a share of the project’s budget, the finish in working days. Leave a limit blank for no limit. Requests already assessed keep their board."
      error={problem(save.error)}
      save={{ shown: mayEdit && dirty, label: 'Save approval limits', pending: save.isPending, onSave: submit, onDiscard: () => (setDraft(initial), save.reset()) }}
    >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap="xs">
            <Text fw={600} size="sm">
              Project board (sponsor)
            </Text>
            <NumberInput label="Up to this share of the budget" suffix="%" min={0} decimalScale={2} value={draft.projectCost} onChange={(v) => set('projectCost', v)} readOnly={!mayEdit} error={errors.project} />
            <NumberInput label="Moving the finish up to" suffix=" working days" min={0} decimalScale={1} value={draft.projectDays} onChange={(v) => set('projectDays', v)} readOnly={!mayEdit} />
          </Stack>
          <Stack gap="xs">
            <Text fw={600} size="sm">
              Programme board
            </Text>
            <NumberInput label="Up to this share of the budget" suffix="%" min={0} decimalScale={2} value={draft.programmeCost} onChange={(v) => set('programmeCost', v)} readOnly={!mayEdit} error={errors.programme} />
            <NumberInput label="Moving the finish up to" suffix=" working days" min={0} decimalScale={1} value={draft.programmeDays} onChange={(v) => set('programmeDays', v)} readOnly={!mayEdit} />
          </Stack>
        </SimpleGrid>
        <Switch label="The person who raised a change may also approve it" checked={draft.selfApproval} onChange={(e) => set('selfApproval', e.currentTarget.checked)} disabled={!mayEdit} />
    </RuleCard>
  );
}

function EscalationCard({ doc, mayEdit }: { doc: RiskMatrixDocument; mayEdit: boolean }) {
  const { orgId } = useCurrentOrganisation();
  const { matrix: save } = useRulesMutations(orgId);
  const initial = { scoreAtLeast: doc.escalation.scoreAtLeast as number | string, proximityDays: (doc.escalation.proximityDays ?? '') as number | string, reviewIntervalDays: doc.reviewIntervalDays as number | string };
  const [draft, setDraft] = useState(initial);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const errors = serverFieldErrors(save.error);
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const { organisationId: _o, version, ...matrix } = doc;
  const submit = () =>
    save.mutate({ ...matrix, version, escalation: { scoreAtLeast: Number(draft.scoreAtLeast), proximityDays: limitOf(draft.proximityDays) }, reviewIntervalDays: Number(draft.reviewIntervalDays) });
  const top = doc.probability.length * doc.impact.length;
  return (
    <RuleCard
      id="escalation-heading"
      title="Risks: escalation and reviews"
      isDefault={doc.version === 0}
      description="An open risk rises to its programme and portfolio when its score reaches the threshold or its proximity date comes within the window. A risk not reviewed within the interval is flagged."
      error={problem(save.error)}
      save={{ shown: mayEdit && dirty, label: 'Save escalation rule', pending: save.isPending, onSave: submit, onDiscard: () => (setDraft(initial), save.reset()) }}
    >
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput label="Escalate at a score of" description={`1 to ${top}`} min={1} max={top} value={draft.scoreAtLeast} onChange={(v) => set('scoreAtLeast', v)} readOnly={!mayEdit} error={errors.escalation} />
          <NumberInput label="…or proximity within" description="Blank: never by proximity" suffix=" days" min={0} value={draft.proximityDays} onChange={(v) => set('proximityDays', v)} readOnly={!mayEdit} />
          <NumberInput label="Review every" description="Each review restarts the clock" suffix=" days" min={1} value={draft.reviewIntervalDays} onChange={(v) => set('reviewIntervalDays', v)} readOnly={!mayEdit} error={errors.reviewIntervalDays} />
        </SimpleGrid>
        <Table captionSide="top" withTableBorder={false} fz="sm" aria-label="Score bands">
          <Table.Caption>
            Bands on the {doc.probability.length}×{doc.impact.length} matrix
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Band</Table.Th>
              <Table.Th>From score</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doc.bands.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>
                  <Group gap={6}>
                    <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: b.colour }} aria-hidden />
                    {b.name}
                  </Group>
                </Table.Td>
                <Table.Td>{b.minScore}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
    </RuleCard>
  );
}
