import { Alert, Anchor, Badge, Button, Group, NumberInput, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { useCapacityMutations, useProjectDemand, type DemandSheet } from '../../api/capacity';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { addMonths, shortMonth, thisMonth } from '../portfolio/capacity/capacity-format';
import { useProjectContext } from './project-context';

/** The months the grid shows: the project's planned span (at most three years), or the next twelve months. */
function monthsOf(plannedStart: string | null, plannedFinish: string | null): string[] {
  const from = plannedStart?.slice(0, 7) ?? thisMonth();
  const to = plannedFinish?.slice(0, 7) ?? addMonths(from, 11);
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 36; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The project's estimated hours per role and month: one row per role of the organisation,
 * edited in place and saved row by row (each row is versioned, so two people estimating at
 * once never overwrite each other). These estimates feed the portfolio's capacity heat map.
 */
export function DemandTab() {
  const { project, may } = useProjectContext();
  const { orgId } = useCurrentOrganisation();
  const demand = useProjectDemand(project.id);
  const months = monthsOf(project.plannedStart, project.plannedFinish);
  if (demand.isError) return <ErrorPanel error={demand.error} what="demand" onRetry={() => void demand.refetch()} />;
  if (!demand.data) return <Skeleton h={200} aria-label="Loading demand" />;
  const sheets = demand.data.sheets;
  if (sheets.length === 0) {
    return (
      <EmptyState
        icon={<IconUsersGroup />}
        title="No roles to estimate against yet"
        description="Demand is estimated in hours per role and month. Once the organisation's roles exist, estimate here how many hours of each this project needs."
        action={
          <Anchor component={Link} to="/resources">
            Roles and people
          </Anchor>
        }
      />
    );
  }
  const outside = sheets.some((s) => Object.keys(s.hours).some((m) => !months.includes(m)));
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Resource demand
      </Title>
      <Text size="sm" c="dimmed">
        Hours this project needs from each role, by month ({shortMonth(months[0]!)} – {shortMonth(months.at(-1)!)}, its planned dates). They count against the roles&apos; capacity on the portfolio&apos;s Capacity tab. Where a resource of the plan stands for a role, its assignments count instead of the estimate.
      </Text>
      {outside && (
        <Alert color="yellow" p="xs">
          Some hours fall outside the planned dates and are not shown here; they still count. Widen the planned dates to see them.
        </Alert>
      )}
      <Table.ScrollContainer minWidth={260 + months.length * 76} type="native">
        <Table withTableBorder verticalSpacing={2} horizontalSpacing={4} style={{ fontVariantNumeric: 'tabular-nums' }}>
          <VisuallyHidden component="caption">Hours by role and month</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={150}>Role</Table.Th>
              {months.map((m) => (
                <Table.Th key={m} ta="right" fz="xs">
                  {shortMonth(m)}
                </Table.Th>
              ))}
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th miw={120}>
                <VisuallyHidden>Save</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheets.map((s) => (
              <DemandRow key={`${s.roleId}-${s.version}`} sheet={s} months={months} editable={may.update} orgId={orgId} projectId={project.id} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function DemandRow({ sheet, months, editable, orgId, projectId }: { sheet: DemandSheet; months: string[]; editable: boolean; orgId: string; projectId: string }) {
  if (sheet.plan) return <PlanRow sheet={sheet} plan={sheet.plan} months={months} />;
  return <EstimateRow sheet={sheet} months={months} editable={editable} orgId={orgId} projectId={projectId} />;
}

/** A role the plan's assignments already give: read from the plan, not typed. */
function PlanRow({ sheet, plan, months }: { sheet: DemandSheet; plan: Record<string, number>; months: string[] }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500} fz="sm">
        {sheet.roleName}
        <Badge ml={6} size="xs" variant="light" title="A resource of the plan stands for this role: its assignments count, not the estimate">
          from the plan
        </Badge>
      </Table.Th>
      {months.map((m) => (
        <Table.Td key={m}>
          <Text size="sm" ta="right">
            {plan[m] ? Math.round(plan[m]) : '–'}
          </Text>
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={600} fz="sm" style={{ whiteSpace: 'nowrap' }}>
        {Math.round(sheet.total)} h
      </Table.Td>
      <Table.Td />
    </Table.Tr>
  );
}

function EstimateRow({ sheet, months, editable, orgId, projectId }: { sheet: DemandSheet; months: string[]; editable: boolean; orgId: string; projectId: string }) {
  const [draft, setDraft] = useState<Record<string, number>>(sheet.hours);
  const { putDemand } = useCapacityMutations(orgId);
  const dirty = months.some((m) => (draft[m] ?? 0) !== (sheet.hours[m] ?? 0));
  const total = Object.values(draft).reduce((a, b) => a + b, 0);
  const save = () => putDemand.mutate({ projectId, roleId: sheet.roleId, version: sheet.version, hours: draft, note: sheet.note });
  const error = putDemand.error ? (isApiError(putDemand.error, 409) ? 'Someone else changed this row: reload to see it.' : putDemand.error.message) : null;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500} fz="sm">
        {sheet.roleName}
        {error && (
          <Text size="xs" c="red" role="alert">
            {error}
          </Text>
        )}
      </Table.Th>
      {months.map((m) => (
        <Table.Td key={m}>
          {editable ? (
            <NumberInput
              size="xs"
              hideControls
              min={0}
              max={100000}
              aria-label={`${sheet.roleName} hours in ${m}`}
              value={draft[m] ?? ''}
              onChange={(v) => setDraft((d) => ({ ...d, [m]: typeof v === 'number' ? v : Number(v) || 0 }))}
              styles={{ input: { textAlign: 'right', paddingInline: 4 } }}
            />
          ) : (
            <Text size="sm" ta="right">
              {sheet.hours[m] ? Math.round(sheet.hours[m]) : '–'}
            </Text>
          )}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={600} fz="sm" style={{ whiteSpace: 'nowrap' }}>
        {Math.round(total)} h
      </Table.Td>
      <Table.Td>
        {editable && dirty && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" onClick={save} loading={putDemand.isPending}>
              Save
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={() => setDraft(sheet.hours)}>
              Undo
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
