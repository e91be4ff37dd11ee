import { Alert, Anchor, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconTarget } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { useContributionMutations } from '../../api/mutations';
import { useContributions, useStrategy } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { AddContribution } from './add-contribution';
import { ContributionRow } from './contribution-row';
import { useProjectContext } from './project-context';

function problemText(error: unknown): string | null {
  if (!error) return null;
  return isApiError(error) ? error.problem.detail : error instanceof Error ? error.message : 'The change failed.';
}

/** Which strategic objectives the project serves, and how much: add, re-weight, remove. */
export function StrategyTab() {
  const { project, may } = useProjectContext();
  const { orgId } = useCurrentOrganisation();
  const contributions = useContributions(project.id);
  const strategy = useStrategy(orgId);
  const { add, reweight, remove } = useContributionMutations(project.id);
  const items = contributions.data?.items ?? [];
  const failure = problemText(reweight.error) ?? problemText(remove.error);

  if (contributions.isError) return <ErrorPanel error={contributions.error} what="contribution list" onRetry={() => void contributions.refetch()} />;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        Every project should serve at least one strategic objective. The weight says how much of this project serves each one (0–100%).
      </Text>
      {failure && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Not saved">
          {failure}
        </Alert>
      )}
      {contributions.isPending ? (
        <Stack gap={6} aria-busy="true">
          <Skeleton h={28} />
          <Skeleton h={28} />
        </Stack>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconTarget size={22} />}
          title="Not aligned to strategy yet"
          description={
            may.manageContributions
              ? 'This project serves no strategic objective. Choose the objective it moves forward below; where the PMO enforces alignment it cannot leave the proposal stage until you do.'
              : 'This project serves no strategic objective yet. Its project manager or the PMO can link it to one.'
          }
        />
      ) : (
        <Table.ScrollContainer minWidth={300} type="native" maw={760}>
          <Table aria-label="Objectives this project serves">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Objective</Table.Th>
                <Table.Th ta="right">Weight</Table.Th>
                {may.manageContributions && (
                  <Table.Th>
                    <span className="visually-hidden">Remove</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <ContributionRow
                  key={`${c.id}-${c.version}`}
                  contribution={c}
                  editable={may.manageContributions}
                  busy={remove.isPending && remove.variables?.id === c.id}
                  onWeight={(weight) => reweight.mutate({ id: c.id, version: c.version, weight })}
                  onRemove={() => remove.mutate({ id: c.id, version: c.version })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {may.manageContributions && (
        <Stack gap="xs">
          <Title order={3}>Add an objective</Title>
          {strategy.data && strategy.data.objectives.length === 0 ? (
            <Text size="sm">
              The organisation has no strategic objectives yet.{' '}
              <Anchor component={Link} to="/strategy">
                Set them up on the Strategy page
              </Anchor>
              .
            </Text>
          ) : (
            <AddContribution
              objectives={strategy.data?.objectives ?? []}
              taken={new Set(items.map((c) => c.objectiveId))}
              busy={add.isPending}
              error={problemText(add.error) ?? undefined}
              onAdd={(input) => add.mutate(input)}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
