import { Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconTarget } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useStrategy } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { organisationPath } from '../../auth/permissions';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { RecordHeader } from '../../shared/record-header';
import { NewObjectiveModal } from './new-objective-modal';
import { ObjectiveRow } from './objective-row';
import classes from './strategy.module.css';
import { useNewItemAction } from '../../shared/use-new-item-action';

/** The organisation's strategic objectives as a tree, each with the projects that serve it. */
export function StrategyPage() {
  const { orgId, organisation, can } = useCurrentOrganisation();
  useDocumentTitle('Strategy · Pharos');
  const strategy = useStrategy(orgId);
  const [creating, { open, close }] = useDisclosure(false);
  const { hash } = useLocation();
  const objectives = strategy.data?.objectives ?? [];

  useEffect(() => {
    if (hash && objectives.length) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [hash, objectives.length]);

  const mayManage = can('objective:manage', organisationPath(orgId));
  const newButton = useNewItemAction(mayManage, 'New objective', open);
  const unserved = objectives.filter((o) => o.contributors.length === 0 && !objectives.some((c) => c.parentId === o.id)).length;

  return (
    <>
      <RecordHeader crumbs={[{ label: organisation?.name ?? 'Organisation', to: '/' }, { label: 'Strategy' }]} title="Strategy" actions={newButton} />
      {strategy.isError ? (
        <ErrorPanel error={strategy.error} what="strategy" onRetry={() => void strategy.refetch()} />
      ) : strategy.isPending ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading objectives">
          {[0, 1, 1, 0, 1].map((d, i) => (
            <Skeleton key={i} h={56} ml={d * 28} />
          ))}
        </Stack>
      ) : objectives.length === 0 ? (
        <EmptyState
          icon={<IconTarget size={22} />}
          title="No strategic objectives yet"
          description="Objectives are the goals the organisation's change work serves. Each project links to the objectives it moves forward, so leaders see what every pound buys."
          action={newButton ?? <Text size="sm">Ask a PMO director or manager to set them up.</Text>}
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {objectives.length} objectives
            {unserved > 0 ? `; ${unserved} ${unserved === 1 ? 'is' : 'are'} served by no project yet.` : ', each served by at least one project.'}
          </Text>
          <ol className={classes.tree} aria-label="Strategic objectives">
            {objectives.map((o) => (
              <ObjectiveRow key={o.id} objective={o} hasChildren={objectives.some((c) => c.parentId === o.id)} />
            ))}
          </ol>
        </Stack>
      )}
      <NewObjectiveModal opened={creating} onClose={close} objectives={objectives} />
    </>
  );
}
