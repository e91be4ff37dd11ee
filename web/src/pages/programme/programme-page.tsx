import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconStack2 } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useProgramme } from '../../api/queries';
import type { TreeProgramme } from '../../api/types';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { programmePath } from '../../auth/permissions';
import { ChangeSection } from '../change/change-section';
import { ContingencySection } from '../contingency/contingency-section';
import { RaidSection } from '../raid/raid-section';
import { ErrorPanel } from '../../shared/error-panel';
import { NewProjectModal } from '../../shared/projects/new-project-modal';
import { ProjectFilters } from '../../shared/projects/project-filters';
import { ProjectTable } from '../../shared/projects/project-table';
import { toFilters, useProjectListParams } from '../../shared/projects/use-project-list-params';
import { RecordHeader, RecordHeaderSkeleton, type Crumb } from '../../shared/record-header';
import { useNewItemAction } from '../../shared/use-new-item-action';

/** The programmes above `id`, outermost first. */
function parents(programmes: TreeProgramme[], id: string): TreeProgramme[] {
  const byId = new Map(programmes.map((g) => [g.id, g] as const));
  const out: TreeProgramme[] = [];
  let at = byId.get(id)?.parentId;
  while (at && byId.has(at) && !out.some((g) => g.id === at)) {
    const g = byId.get(at) as TreeProgramme;
    out.unshift(g);
    at = g.parentId;
  }
  return out;
}

/** A programme: where it sits, its sub-programmes, and its projects (filterable like a portfolio's). */
export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const { orgId, organisation, tree, can } = useCurrentOrganisation();
  const programme = useProgramme(programmeId);
  const list = useProjectListParams();
  const [creating, { open, close }] = useDisclosure(false);
  useDocumentTitle(`${programme.data?.name ?? 'Programme'} · Pharos`);

  const g = programme.data;
  const portfolio = g ? tree?.portfolios.find((p) => p.id === g.portfolioId) : undefined;
  const siblings = portfolio?.programmes ?? [];
  const children = siblings.filter((c) => c.parentId === programmeId);
  const crumbs: Crumb[] = [
    { label: organisation?.name ?? 'Portfolios', to: '/' },
    ...(portfolio ? [{ label: portfolio.name, to: `/portfolios/${portfolio.id}` }] : []),
    ...parents(siblings, programmeId).map((p) => ({ label: p.name, to: `/programmes/${p.id}` })),
    { label: g?.name ?? '' },
  ];
  const mayCreate = g ? can('project:create', programmePath(tree, orgId, g.portfolioId, g.id)) : false;
  const newProject = useNewItemAction(mayCreate, 'New project', open);
  if (programme.isError) return <ErrorPanel error={programme.error} what="programme" onRetry={() => void programme.refetch()} />;

  return (
    <>
      {g ? <RecordHeader crumbs={crumbs} code={g.code} title={g.name} actions={newProject} /> : <RecordHeaderSkeleton />}
      {g?.description && (
        <Text size="sm" mb="md" maw={760} style={{ whiteSpace: 'pre-wrap' }}>
          {g.description}
        </Text>
      )}
      {children.length > 0 && (
        <Group gap="xs" mb="md" aria-label="Sub-programmes">
          <Text size="sm" fw={600}>
            Sub-programmes:
          </Text>
          {children.map((c) => (
            <Anchor key={c.id} component={Link} to={`/programmes/${c.id}`} size="sm">
              <Group gap={4} wrap="nowrap">
                <IconStack2 size={14} aria-hidden />
                {c.name}
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
      <Stack gap="sm" component="section" aria-labelledby="projects-heading">
        <Title order={2} id="projects-heading">
          Projects
        </Title>
        <ProjectFilters {...list} />
        <ProjectTable
          filters={toFilters({ programmeId }, { ...list.params, programme: null })}
          sort={list.params.sort}
          onSort={(sort) => list.update({ sort })}
          filtered={list.filtered}
          onClearFilters={list.clear}
          onTag={(tag) => list.update({ tag })}
          emptyAction={newProject}
        />
      </Stack>
      {g && <RaidSection level={{ scopeType: 'programme', scopeId: g.id }} path={programmePath(tree, orgId, g.portfolioId, g.id)} />}
      {g && <ContingencySection level={{ type: 'programme', id: g.id }} />}
      {g && <ChangeSection level={{ scopeType: 'programme', scopeId: g.id }} />}
      {g && <NewProjectModal opened={creating} onClose={close} portfolioId={g.portfolioId} programmes={siblings} programmeId={g.id} />}
    </>
  );
}
