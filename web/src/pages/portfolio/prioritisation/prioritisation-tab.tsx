import { Button, Group, Select, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { IconListNumbers, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useRanking, useScoringModels, useScoringMutations, type RankingRow } from '../../../api/scoring';
import { useCurrentOrganisation } from '../../../auth/current-organisation';
import { projectPath } from '../../../auth/permissions';
import { EmptyState } from '../../../shared/empty-state';
import { ErrorPanel } from '../../../shared/error-panel';
import { usePortfolioContext } from '../portfolio-context';
import { useQueryParams } from '../../../shared/use-query-params';
import { BubbleChart } from './bubble-chart';
import { PairCompare } from './pair-compare';
import { ModelEditor } from './model-editor';
import { ModelSummary } from './model-summary';
import { RankingTable } from './ranking-table';

/**
 * The portfolio's prioritisation: a scoring model (chosen in the URL), the projects ranked by
 * it with every score's breakdown and the reasons one ranks above the next, values entered in
 * place, and value against risk as a bubble chart.
 */
export function PrioritisationTab() {
  const { portfolio, path } = usePortfolioContext();
  const { orgId, organisation, tree, can } = useCurrentOrganisation();
  const { params, update } = useQueryParams();
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const models = useScoringModels(portfolio.id);
  const include = params.get('include') === 'all' ? 'all' : 'open';
  const list = models.data?.items ?? [];
  const model = list.find((m) => m.id === params.get('model')) ?? list[0] ?? null;
  const ranking = useRanking(model?.id ?? null, include);
  const { score } = useScoringMutations(portfolio.id);
  const mayManage = can('scoring:manage', path);
  const setParam = (key: string, value: string | null) => update({ [key]: value });

  if (models.isError) return <ErrorPanel error={models.error} what="scoring models" onRetry={() => void models.refetch()} />;
  if (!models.data) return <Skeleton h={240} aria-label="Loading scoring models" />;

  const editor = editing && (
    <ModelEditor
      portfolioId={portfolio.id}
      model={editing === 'edit' ? model : null}
      onClose={() => setEditing(null)}
      onSaved={(saved) => {
        setEditing(null);
        setParam('model', saved.id);
      }}
    />
  );
  if (!model) {
    return (
      <>
        <EmptyState
          icon={<IconListNumbers />}
          title="No scoring model yet"
          description="A scoring model ranks this portfolio's projects by weighted criteria (value, strategic alignment, risk, urgency…), so anyone can see why a project ranks where it does."
          action={
            mayManage ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
                Create a scoring model
              </Button>
            ) : (
              <Text size="sm">Ask your portfolio manager or PMO to define one.</Text>
            )
          }
        />
        {editor}
      </>
    );
  }

  const rows = ranking.data?.model.id === model.id ? ranking.data.rows : [];
  const mayScore = (r: RankingRow) => can('scoring:score', projectPath(tree, orgId, { id: r.projectId, portfolioId: portfolio.id, programmeId: r.programmeId }));
  const onScore = (r: RankingRow, criterionId: string, value: number | null) =>
    score.mutateAsync({ modelId: model.id, projectId: r.projectId, version: r.sheet.version, values: { [criterionId]: value } });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Select
            label="Scoring model"
            data={list.map((m) => ({ value: m.id, label: m.name }))}
            value={model.id}
            onChange={(v) => v && setParam('model', v)}
            allowDeselect={false}
            w={280}
          />
          <Switch label="Include completed and cancelled projects" checked={include === 'all'} onChange={(e) => setParam('include', e.currentTarget.checked ? 'all' : null)} mb={8} />
        </Group>
        {mayManage && (
          <Group>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing('edit')}>
              Edit model
            </Button>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New model
            </Button>
          </Group>
        )}
      </Group>
      <ModelSummary model={model} />
      <Stack gap={4} component="section" aria-labelledby="ranking-heading">
        <Title order={3} size="h4" id="ranking-heading">
          Ranking
        </Title>
        {ranking.isError ? (
          <ErrorPanel error={ranking.error} what="ranking" onRetry={() => void ranking.refetch()} />
        ) : (
          <RankingTable
            model={model}
            rows={rows}
            loading={ranking.isPending}
            mayScore={mayScore}
            onScore={(r, c, v) => onScore(r, c.id, v)}
            empty={<Text size="sm" c="dimmed">No open projects in this portfolio.</Text>}
          />
        )}
      </Stack>
      {rows.length > 1 && <PairCompare model={model} rows={rows} />}
      <BubbleChart rows={rows} currency={organisation?.currency ?? 'GBP'} />
      {editor}
    </Stack>
  );
}
