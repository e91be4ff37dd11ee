import { Group, Paper, SegmentedControl, Skeleton, Text, UnstyledButton } from '@mantine/core';
import type { HeatMap as HeatMapData } from '../../api/raid';
import classes from './raid.module.css';

type Props = {
  data: HeatMapData | undefined;
  residual: boolean;
  onResidual: (residual: boolean) => void;
  /** The cell the list is filtered to, if any. */
  selected: { probability: number; impact: number } | null;
  onSelect: (cell: { probability: number; impact: number } | null) => void;
};

/**
 * The probability × impact grid of the open risks, coloured by band, with the count in each
 * cell. Clicking a cell filters the register to its risks; clicking it again clears the filter.
 */
export function HeatMap({ data, residual, onResidual, selected, onSelect }: Props) {
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs" gap="xs">
        <Text fw={600} size="sm">
          Heat map
        </Text>
        <SegmentedControl
          size="xs"
          value={residual ? 'after' : 'before'}
          onChange={(v) => onResidual(v === 'after')}
          data={[
            { value: 'before', label: 'Before response' },
            { value: 'after', label: 'After response' },
          ]}
          aria-label="Rating shown on the heat map"
        />
      </Group>
      {!data ? (
        <Skeleton h={180} />
      ) : (
        <div className={classes.grid} style={{ gridTemplateColumns: `auto repeat(${data.impactLabels.length}, minmax(36px, 1fr))` }} role="grid" aria-label={`Risks by probability and impact, ${residual ? 'after' : 'before'} response`}>
          {data.rows.map((row) => (
            <div key={row[0]!.probability} role="row" className={classes.gridRow}>
              <div role="rowheader" className={classes.axis}>
                {data.probabilityLabels[row[0]!.probability - 1]}
              </div>
              {row.map((cell) => {
                const active = selected?.probability === cell.probability && selected.impact === cell.impact;
                return (
                  <UnstyledButton
                    key={cell.impact}
                    role="gridcell"
                    className={classes.cell}
                    data-active={active || undefined}
                    data-empty={cell.count === 0 || undefined}
                    style={{ background: cell.colour }}
                    onClick={() => onSelect(active ? null : { probability: cell.probability, impact: cell.impact })}
                    aria-pressed={active}
                    aria-label={`Probability ${data.probabilityLabels[cell.probability - 1]}, impact ${data.impactLabels[cell.impact - 1]}: ${cell.count} risk${cell.count === 1 ? '' : 's'} (score ${cell.score}, ${cell.band})`}
                  >
                    {cell.count > 0 ? cell.count : ''}
                  </UnstyledButton>
                );
              })}
            </div>
          ))}
          <div role="row" className={classes.gridRow}>
            <div className={classes.axis} />
            {data.impactLabels.map((l) => (
              <div key={l} role="columnheader" className={classes.axisBottom}>
                {l}
              </div>
            ))}
          </div>
        </div>
      )}
      {data && (
        <Text size="xs" c="dimmed" mt={6}>
          Probability up, impact across.{residual && data.unrated > 0 ? ` ${data.unrated} open risk${data.unrated === 1 ? ' has' : 's have'} no rating after response yet.` : ''}
        </Text>
      )}
    </Paper>
  );
}
