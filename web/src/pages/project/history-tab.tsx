import { Alert, Button, Skeleton, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconEdit, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useAudit, usePeople } from '../../api/queries';
import type { AuditEvent } from '../../api/types';
import { useCurrency, useCurrentOrganisation } from '../../auth/current-organisation';
import { ErrorPanel } from '../../shared/error-panel';
import { formatDateTime } from '../../shared/format';
import { fieldLabel, formatFieldValue } from './field-values';
import { useProjectContext } from './project-context';

const HIDDEN = new Set(['id', 'organisationId']);
const ACTION_ICONS = { create: IconPlus, update: IconEdit, delete: IconTrash } as const;

function summaryOf(e: AuditEvent): string {
  if (e.action === 'create') return 'created the project';
  if (e.action === 'delete') return 'deleted the project';
  return `changed ${e.changes.length === 1 ? fieldLabel(e.changes[0]?.field ?? '').toLowerCase() : `${e.changes.length} fields`}`;
}

function Changes({ event, currency, names }: { event: AuditEvent; currency: string; names: Map<string, string> }) {
  const changes = event.changes.filter((c) => !HIDDEN.has(c.field) && !(event.action === 'create' && (c.after === null || c.after === '' || (Array.isArray(c.after) && c.after.length === 0))));
  if (changes.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm" maw={820} layout="fixed" aria-label={`Changes made ${formatDateTime(event.at)}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={{ base: 110, sm: 150 }}>Field</Table.Th>
          <Table.Th>{event.action === 'create' ? 'Value' : 'Before → after'}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td fw={600}>{fieldLabel(c.field)}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {event.action !== 'create' && (
                <>
                  <Text span size="sm" c="dimmed" td="line-through">
                    {formatFieldValue(c.field, c.before, currency, names)}
                  </Text>
                  <Text span size="sm" c="dimmed" aria-label="changed to">
                    {' → '}
                  </Text>
                </>
              )}
              <Text span size="sm">
                {formatFieldValue(c.field, c.after, currency, names)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The project's audit trail, newest first: who, when, and each field before → after. */
export function HistoryTab() {
  const { project, may } = useProjectContext();
  const { tree, orgId } = useCurrentOrganisation();
  const currency = useCurrency();
  const audit = useAudit(project.id);
  const people = usePeople(orgId).data;
  const names = useMemo(() => {
    const m = new Map<string, string>(people);
    for (const p of tree?.portfolios ?? []) {
      m.set(p.id, p.name);
      for (const g of p.programmes) m.set(g.id, g.name);
    }
    return m;
  }, [tree, people]);

  if (!may.readAudit) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />}>
        Your roles here do not include reading the audit trail. PMO analysts, managers and project managers can.
      </Alert>
    );
  }
  if (audit.isError) return <ErrorPanel error={audit.error} what="history" onRetry={() => void audit.refetch()} />;
  if (audit.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading history">
        {[1, 2, 3].map((i) => (
          <Skeleton key={i} h={48} />
        ))}
      </Stack>
    );
  }
  const events = audit.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="md">
      <Timeline bulletSize={24} lineWidth={2} aria-label="History">
        {events.map((e) => {
          const Icon = ACTION_ICONS[e.action];
          return (
            <Timeline.Item
              key={e.id}
              bullet={<Icon size={13} aria-hidden />}
              title={
                <Text size="sm">
                  <Text span fw={650} size="sm">
                    {e.actorName}
                  </Text>{' '}
                  {summaryOf(e)}
                </Text>
              }
            >
              <Text size="xs" c="dimmed" mb={4} component="time" dateTime={e.at}>
                {formatDateTime(e.at)}
              </Text>
              <Changes event={e} currency={currency} names={names} />
            </Timeline.Item>
          );
        })}
      </Timeline>
      {events.length === 0 && <Text c="dimmed">No changes recorded yet.</Text>}
      {audit.hasNextPage && (
        <Button variant="default" size="xs" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage} w="fit-content">
          Show older changes
        </Button>
      )}
    </Stack>
  );
}
