import { Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { CapacityMap } from '../../../api/capacity';
import { hours, loadOf, monthLabel, shortMonth } from './capacity-format';

export type SelectedCell = { roleId: string; month: string };

type Props = { map: CapacityMap; selected: SelectedCell | null; onSelect: (cell: SelectedCell) => void; portfolioOnly: boolean };

/**
 * Roles down, months across; each cell shows how much of the role's capacity is asked for, as a
 * percentage with a colour and a word for the load, and opens its projects on click.
 */
export function HeatMapTable({ map, selected, onSelect, portfolioOnly }: Props) {
  return (
    <Table.ScrollContainer minWidth={200 + map.months.length * 64} type="native">
      <Table withTableBorder withColumnBorders horizontalSpacing={4} verticalSpacing={2} style={{ fontVariantNumeric: 'tabular-nums' }}>
        <VisuallyHidden component="caption">Demand against capacity by role and month</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={160}>Role</Table.Th>
            {map.months.map((m) => (
              <Table.Th key={m} ta="center" fz="xs">
                {shortMonth(m)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {map.roles.map(({ role, cells }) => (
            <Table.Tr key={role.id}>
              <Table.Th scope="row" fw={500} fz="sm">
                {role.name}
                <Text span c="dimmed" fz="xs">
                  {' '}
                  {role.code}
                </Text>
              </Table.Th>
              {cells.map((c) => {
                const load = loadOf(c.utilisation, c.demand);
                const pct = c.utilisation === null ? (c.demand > 0 ? 'no capacity' : '–') : `${Math.round(c.utilisation * 100)}%`;
                const isSelected = selected?.roleId === role.id && selected.month === c.month;
                const words = load.level === 'over' ? `over by ${hours(c.overBy)}` : load.level === 'high' ? 'nearly full' : load.level === 'ok' ? 'fits' : 'no demand';
                return (
                  <Table.Td key={c.month} p={0} style={{ background: load.bg, outline: isSelected ? '2px solid var(--mantine-color-pharos-7)' : undefined, outlineOffset: -2 }}>
                    <UnstyledButton
                      onClick={() => onSelect({ roleId: role.id, month: c.month })}
                      aria-label={`${role.name}, ${monthLabel(c.month)}: ${pct} of ${hours(c.capacity)}, ${words}${portfolioOnly ? `, this portfolio ${hours(c.portfolioDemand)}` : ''}`}
                      aria-pressed={isSelected}
                      w="100%"
                      py={6}
                      ta="center"
                      fz="xs"
                      fw={load.level === 'over' ? 700 : 500}
                      c={load.fg}
                    >
                      {load.level === 'over' ? '▲ ' : ''}
                      {pct}
                    </UnstyledButton>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
