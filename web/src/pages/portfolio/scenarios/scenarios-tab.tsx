import { Alert, Badge, Button, Card, Group, Modal, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCopy, IconPlayerPlay, IconPlus, IconRosetteDiscountCheck, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { useRoles } from '../../../api/capacity';
import { useScenarioMutations, useScenarios, type Scenario } from '../../../api/scenarios';
import { useRanking, useScoringModels } from '../../../api/scoring';
import { useCurrentOrganisation } from '../../../auth/current-organisation';
import { EmptyState } from '../../../shared/empty-state';
import { ErrorPanel } from '../../../shared/error-panel';
import { usePortfolioContext } from '../portfolio-context';
import { useQueryParams } from '../../../shared/use-query-params';
import { FrontierChart } from './frontier-chart';
import { PortfolioGantt } from './portfolio-gantt';
import { ScenarioCompare } from './scenario-compare';
import { ScenarioForm } from './scenario-form';
import { ScenarioResultView } from './scenario-result';

const STATUS: Record<Scenario['status'], { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  published: { label: 'Plan of record', color: 'green' },
  superseded: { label: 'Superseded', color: 'yellow' },
};

function ScenarioCard({ s, selected, onSelect }: { s: Scenario; selected: boolean; onSelect: () => void }) {
  return (
    <Card withBorder padding="xs" component="button" onClick={onSelect} aria-pressed={selected} style={{ textAlign: 'left', cursor: 'pointer', borderColor: selected ? 'var(--mantine-color-pharos-6)' : undefined, borderWidth: selected ? 2 : 1 }}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={600} lineClamp={1}>
          {s.name}
        </Text>
        <Badge size="xs" variant="light" color={STATUS[s.status].color}>
          {STATUS[s.status].label}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {s.result ? (s.result.status === 'infeasible' ? 'Must-dos do not fit' : `Score ${s.result.value.toFixed(1)} · £${Math.round(s.result.cost / 1000).toLocaleString('en-GB')}k · ${s.result.selected.length} funded`) : 'Not run yet'}
      </Text>
    </Card>
  );
}

/**
 * Funding scenarios: what-ifs of the portfolio (budget, horizon, delays, capacity, must and
 * never), each optimised to the best total score with the reasons for every project left out,
 * compared two at a time, the frontier of value against budget, and one published as the plan
 * of record. The chosen scenario and the one compared with live in the URL.
 */
export function ScenariosTab() {
  const { portfolio, path } = usePortfolioContext();
  const { orgId, can } = useCurrentOrganisation();
  const { params, update } = useQueryParams();
  const [creating, setCreating] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const scenarios = useScenarios(portfolio.id);
  const models = useScoringModels(portfolio.id);
  const roles = useRoles(orgId);
  const list = scenarios.data?.items ?? [];
  const selected = list.find((s) => s.id === params.get('scenario')) ?? list.find((s) => s.status === 'published') ?? list[0] ?? null;
  const ranking = useRanking(selected?.settings.modelId ?? models.data?.items[0]?.id ?? null, 'open');
  const m = useScenarioMutations(portfolio.id);
  const mayManage = can('scenario:manage', path);
  const mayPublish = can('scenario:publish', path);
  const setParam = (key: string, value: string | null) => update({ [key]: value });

  if (scenarios.isError) return <ErrorPanel error={scenarios.error} what="scenarios" onRetry={() => void scenarios.refetch()} />;
  if (!scenarios.data || !models.data) return <Skeleton h={240} aria-label="Loading scenarios" />;
  const modelList = models.data.items;
  if (modelList.length === 0) {
    return (
      <EmptyState
        icon={<IconScale />}
        title="Score the projects first"
        description="A scenario funds the projects that together score highest within a budget and the roles' capacity, so it needs a scoring model."
        action={<Link to={`/portfolios/${portfolio.id}/prioritisation`}>Define a scoring model</Link>}
      />
    );
  }
  const projects = (ranking.data?.rows ?? []).map((r) => ({ id: r.projectId, code: r.code, name: r.name }));
  const form = (scenario: Scenario | null, onDone?: () => void) => (
    <ScenarioForm
      key={scenario ? `${scenario.id}-${scenario.version}` : 'new'}
      scenario={scenario}
      models={modelList}
      roles={roles.data?.items ?? []}
      projects={projects}
      editable={mayManage && (!scenario || scenario.status === 'draft')}
      saving={m.create.isPending || m.save.isPending}
      error={scenario ? m.save.error : m.create.error}
      onCancel={onDone}
      onSave={(d) => {
        if (scenario) m.save.mutate({ id: scenario.id, version: scenario.version, description: scenario.description, ...d });
        else
          m.create.mutate(
            { ...d, description: '' },
            {
              onSuccess: (created) => {
                setParam('scenario', created.id);
                onDone?.();
              },
            },
          );
      }}
    />
  );
  const newModal = creating && (
    <Modal opened onClose={() => setCreating(false)} title="New scenario" size="xl">
      {form(null, () => setCreating(false))}
    </Modal>
  );
  if (!selected) {
    return (
      <>
        <EmptyState
          icon={<IconScale />}
          title="No scenarios yet"
          description="A scenario asks: with this budget and these people, which projects should we fund, and when? The optimiser answers with the best total score and says why each project left out is out."
          action={
            mayManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                New scenario
              </Button>
            )
          }
        />
        {newModal}
      </>
    );
  }
  const runError = m.run.error ?? m.publish.error;
  return (
    <Stack gap="md">
      <Group align="stretch" gap="xs">
        {list.map((s) => (
          <ScenarioCard key={s.id} s={s} selected={s.id === selected.id} onSelect={() => setParam('scenario', s.id)} />
        ))}
        {mayManage && (
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} h="auto">
            New scenario
          </Button>
        )}
      </Group>
      <Group justify="space-between">
        <Title order={3} size="h4">
          {selected.name}{' '}
          <Badge variant="light" color={STATUS[selected.status].color}>
            {STATUS[selected.status].label}
          </Badge>
        </Title>
        <Group>
          {mayManage && (
            <Button
              variant="default"
              leftSection={<IconCopy size={16} />}
              loading={m.create.isPending}
              onClick={() => m.create.mutate({ name: `${selected.name} (copy)`.slice(0, 200), description: selected.description, settings: selected.settings }, { onSuccess: (copy) => setParam('scenario', copy.id) })}
            >
              Copy
            </Button>
          )}
          {mayManage && selected.status === 'draft' && (
            <Button leftSection={<IconPlayerPlay size={16} />} loading={m.run.isPending} onClick={() => m.run.mutate({ id: selected.id, version: selected.version })}>
              {selected.result ? 'Run again' : 'Run the optimiser'}
            </Button>
          )}
          {mayPublish && selected.status !== 'published' && selected.result && selected.result.status !== 'infeasible' && (
            <Button color="green" variant="light" leftSection={<IconRosetteDiscountCheck size={16} />} onClick={() => setConfirming(true)}>
              Publish as plan of record
            </Button>
          )}
        </Group>
      </Group>
      {runError && (
        <Alert color="red" role="alert">
          {isApiError(runError) ? runError.problem.detail : String(runError)}
        </Alert>
      )}
      {selected.publishedAt && (
        <Text size="sm" c="dimmed">
          Published by {selected.publishedBy} on {selected.publishedAt.slice(0, 10)}; the decision is in the portfolio&apos;s decision log.
        </Text>
      )}
      {form(selected)}
      {selected.result ? (
        <>
          <ScenarioResultView result={selected.result} />
          {selected.result.status !== 'infeasible' && (
            <PortfolioGantt
              key={`${selected.id}-${selected.version}`}
              scenario={selected}
              editable={mayManage && selected.status === 'draft'}
              busy={m.save.isPending || m.run.isPending}
              onApply={(shifts) => {
                const projects = { ...selected.settings.projects };
                for (const [id, shiftMonths] of Object.entries(shifts)) projects[id] = { ...projects[id], shiftMonths };
                m.save.mutate(
                  { id: selected.id, version: selected.version, name: selected.name, description: selected.description, settings: { ...selected.settings, projects } },
                  { onSuccess: (saved) => m.run.mutate({ id: saved.id, version: saved.version }) },
                );
              }}
            />
          )}
          <ScenarioCompare current={selected} others={list} other={params.get('compare')} onOther={(id) => setParam('compare', id)} />
          <FrontierChart scenario={selected} />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Not run since its settings last changed: run the optimiser to see what it would fund.
        </Text>
      )}
      {newModal}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Publish ${selected.name}?`}>
        <Stack>
          <Text size="sm">
            It becomes the portfolio&apos;s plan of record: the {selected.result?.selected.length ?? 0} funded projects are made active, the {selected.result?.leftOut.length ?? 0} left out are put on hold, and the decision is logged.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="green"
              loading={m.publish.isPending}
              onClick={() => m.publish.mutate({ id: selected.id, version: selected.version }, { onSettled: () => setConfirming(false) })}
            >
              Publish
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
