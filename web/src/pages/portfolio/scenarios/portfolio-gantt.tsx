import { Box, Button, Group, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Scenario } from '../../../api/scenarios';
import { loadOf, shortMonth } from '../capacity/capacity-format';

const COL = 44;
const LABEL = 200;

type Props = {
  scenario: Scenario;
  editable: boolean;
  busy: boolean;
  /** Saves the moves as shifts of the projects' planned starts and runs the scenario again. */
  onApply: (shifts: Record<string, number>) => void;
};

/** Each role's use month by month with the projects at `starts` (hours from each project's start). */
export function capacityUse(result: NonNullable<Scenario['result']>, starts: ReadonlyMap<string, number>): Map<string, number[]> {
  const use = new Map(result.capacity.map((c) => [c.code, result.periods.map(() => 0)] as const));
  for (const s of result.selected) {
    const start = starts.get(s.projectId) ?? 0;
    for (const [code, row] of Object.entries(s.demand)) {
      const u = use.get(code);
      if (!u) continue;
      row.forEach((h, j) => {
        if (start + j < u.length) u[start + j]! += h;
      });
    }
  }
  return use;
}

/**
 * The funded projects on a month grid, with each role's load underneath. Drag a bar (or focus
 * it and press ← →) to try another start: the load below follows at once, and *Apply* saves the
 * moves as shifts of the planned starts and runs the optimiser again. Projects under way cannot
 * move.
 */
export function PortfolioGantt({ scenario, editable, busy, onApply }: Props) {
  const result = scenario.result!;
  const periods = result.periods;
  const initial = useMemo(() => new Map(result.selected.map((s) => [s.projectId, Math.max(0, periods.indexOf(s.start))] as const)), [result, periods]);
  const [starts, setStarts] = useState(initial);
  const drag = useRef<{ id: string; x: number; from: number } | null>(null);
  const use = useMemo(() => capacityUse(result, starts), [result, starts]);
  const moved = result.selected.filter((s) => starts.get(s.projectId) !== initial.get(s.projectId));
  const move = (id: string, to: number) => setStarts((m) => new Map(m).set(id, Math.max(0, Math.min(periods.length - 1, to))));
  const width = LABEL + periods.length * COL;

  const onDown = (e: PointerEvent<HTMLElement>, id: string) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id, x: e.clientX, from: starts.get(id) ?? 0 };
  };
  const onMove = (e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (d) move(d.id, d.from + Math.round((e.clientX - d.x) / COL));
  };
  const onKey = (e: KeyboardEvent<HTMLElement>, id: string) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      move(id, (starts.get(id) ?? 0) + (e.key === 'ArrowRight' ? 1 : -1));
    }
  };
  const apply = () => {
    const shifts: Record<string, number> = {};
    for (const s of moved) {
      const planned = periods.indexOf(s.plannedStart);
      const old = scenario.settings.projects[s.projectId]?.shiftMonths ?? 0;
      shifts[s.projectId] = old + (starts.get(s.projectId)! - planned);
    }
    onApply(shifts);
  };

  return (
    <Stack gap={4} component="section" aria-labelledby="gantt-heading">
      <Title order={4} id="gantt-heading">
        Funded projects over time
      </Title>
      <Text size="sm" c="dimmed">
        {editable ? 'Drag a bar, or focus it and press ← →, to try another start: the roles’ load below follows. Apply to save the moves and run the optimiser again.' : 'Each funded project from its start, and the roles’ load.'}
      </Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Box w={width} style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Group gap={0} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Box w={LABEL} />
            {periods.map((m, i) => (
              <Text key={m} w={COL} size="xs" ta="center" c="dimmed" fw={i === 0 || m.endsWith('-01') ? 600 : 400}>
                {i === 0 || m.endsWith('-01') ? shortMonth(m) : shortMonth(m).slice(0, 3)}
              </Text>
            ))}
          </Group>
          {result.selected.map((s) => {
            const start = starts.get(s.projectId) ?? 0;
            const fixed = s.running || !editable;
            const shifted = start !== initial.get(s.projectId);
            return (
              <Group key={s.projectId} gap={0} wrap="nowrap" h={30} style={{ position: 'relative', borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
                <Text w={LABEL} size="sm" truncate pr={8}>
                  {s.code} {s.name}
                </Text>
                <UnstyledButton
                  aria-label={`${s.code}: from ${periods[start]} for ${s.months} months${fixed ? '' : ' (drag or press arrow keys to move)'}`}
                  disabled={fixed}
                  onPointerDown={fixed ? undefined : (e) => onDown(e, s.projectId)}
                  onPointerMove={fixed ? undefined : onMove}
                  onPointerUp={() => (drag.current = null)}
                  onKeyDown={fixed ? undefined : (e) => onKey(e, s.projectId)}
                  style={{
                    position: 'absolute',
                    left: LABEL + start * COL + 2,
                    width: Math.max(8, Math.min(s.months, periods.length - start) * COL - 4),
                    height: 20,
                    top: 5,
                    borderRadius: 4,
                    background: s.running ? 'var(--mantine-color-gray-5)' : 'var(--mantine-color-pharos-6)',
                    outline: shifted ? '2px solid var(--mantine-color-orange-6)' : undefined,
                    cursor: fixed ? 'default' : 'grab',
                    touchAction: 'none',
                  }}
                />
              </Group>
            );
          })}
          {result.capacity.map((c) => (
            <Group key={c.roleId} gap={0} wrap="nowrap" h={26} aria-label={`${c.name} load by month`}>
              <Text w={LABEL} size="xs" c="dimmed" truncate pr={8}>
                {c.name} load
              </Text>
              {periods.map((m, i) => {
                const u = use.get(c.code)?.[i] ?? 0;
                const limit = c.limit[i] ?? 0;
                const ratio = limit > 0 ? u / limit : u > 0 ? null : 0;
                const load = loadOf(ratio, u);
                return (
                  <Text key={m} w={COL} size="xs" ta="center" style={{ background: load.bg, color: load.fg }} title={`${c.name}, ${m}: ${Math.round(u)} of ${Math.round(limit)} h`}>
                    {ratio === null ? '▲∞' : u === 0 ? '' : `${load.level === 'over' ? '▲' : ''}${Math.round(ratio * 100)}`}
                  </Text>
                );
              })}
            </Group>
          ))}
        </Box>
      </ScrollArea>
      {editable && moved.length > 0 && (
        <Group>
          <Text size="sm">
            Moved: {moved.map((s) => `${s.code} to ${periods[starts.get(s.projectId)!]}`).join(', ')}.
          </Text>
          <Button size="xs" onClick={apply} loading={busy}>
            Apply and run again
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setStarts(initial)}>
            Put them back
          </Button>
        </Group>
      )}
    </Stack>
  );
}
