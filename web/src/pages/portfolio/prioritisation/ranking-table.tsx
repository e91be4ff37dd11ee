import { Anchor, Badge, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Criterion } from '../../../../../src/domain/portfolio/scoring/index.js';
import type { RankingRow, ScoringModel } from '../../../api/scoring';
import { DataTable, type Column } from '../../../shared/data-table';
import { GapPopover } from './gap-popover';
import { ScoreBar } from './score-bar';
import { ScoreCell } from './score-cell';

type Props = {
  model: ScoringModel;
  rows: RankingRow[];
  loading: boolean;
  /** Whether this person may enter values for a project. */
  mayScore: (row: RankingRow) => boolean;
  onScore: (row: RankingRow, criterion: Criterion, value: number | null) => Promise<unknown>;
  empty: React.ReactNode;
};

/** The ranked projects: score with its breakdown, each criterion's value (edited in place), why it is above the next. */
export function RankingTable({ model, rows, loading, mayScore, onScore, empty }: Props) {
  const columns: Column<RankingRow>[] = [
    { key: 'rank', header: 'Rank', numeric: true, width: 56, render: (r) => r.rank },
    {
      key: 'project',
      header: 'Project',
      minWidth: 170,
      render: (r) => (
        <>
          <Anchor component={Link} to={`/projects/${r.projectId}`} size="sm" fw={500}>
            {r.code} {r.name}
          </Anchor>
          {r.state !== 'active' && (
            <Badge ml={6} size="xs" variant="light" color="gray">
              {r.state}
            </Badge>
          )}
        </>
      ),
    },
    { key: 'score', header: 'Score', width: 150, render: (r) => <ScoreBar row={r} criteria={model.criteria} /> },
    ...model.criteria.map(
      (c, i): Column<RankingRow> => ({
        key: `c-${c.id}`,
        header: c.unit && c.unit !== 'points' ? `${c.name} (${c.unit})` : c.name,
        numeric: true,
        wrapHeader: true,
        width: 84,
        render: (r) => <ScoreCell criterion={c} value={r.parts[i]?.value ?? null} editable={mayScore(r)} projectLabel={r.code} onSave={(v) => onScore(r, c, v)} />,
      }),
    ),
    {
      key: 'complete',
      header: 'Scored',
      numeric: true,
      width: 64,
      render: (r) => (
        <Text size="sm" c={r.completeness < 1 ? 'orange.8' : undefined}>
          {Math.round(r.completeness * 100)}%
        </Text>
      ),
    },
    { key: 'lead', header: 'Lead', width: 76, render: (r) => <GapPopover row={r} next={rows[rows.indexOf(r) + 1]} criteria={model.criteria} /> },
  ];
  return <DataTable caption={`Projects ranked by ${model.name}`} columns={columns} rows={rows} rowKey={(r) => r.projectId} loading={loading} empty={empty} minWidth={540 + model.criteria.length * 84} />;
}
