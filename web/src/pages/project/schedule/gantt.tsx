import { Text, TextInput, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ScheduleLink, ScheduleTask } from '../../../api/schedule';
import { useBarDrag, type BarGestures, type Gesture } from './bar-drag';
import classes from './gantt.module.css';
import { formatPredecessors } from './predecessors';
import { dayOf, formatDuration, formatPlanDate, ticks, ZOOMS, type Zoom } from './timescale';

export const ROW = 30;
const HEADER = 48;
/** Grid columns: row number, name, duration, start, finish, predecessors. */
const COLUMNS = [
  { key: 'row', label: '#', width: 40 },
  { key: 'name', label: 'Task', width: 200 },
  { key: 'duration', label: 'Duration', width: 66 },
  { key: 'start', label: 'Start', width: 102 },
  { key: 'finish', label: 'Finish', width: 102 },
  { key: 'predecessors', label: 'Predecessors', width: 92 },
] as const;
/** The grid's editable columns. */
export type Column = (typeof COLUMNS)[number]['key'];
/** With a simulation's criticality shown, one more (read-only) column at the grid's right. */
const CRITICALITY_COLUMN = { key: 'criticality', label: 'Criticality', width: 78 } as const;
type GridColumn = Column | 'criticality';
type ColumnDef = { key: GridColumn; label: string; width: number };
const WITH_CRITICALITY: readonly ColumnDef[] = [...COLUMNS, CRITICALITY_COLUMN];
const widthOf = (columns: readonly ColumnDef[]) => columns.reduce((w, c) => w + c.width, 0);

/** A simulation run's criticality index per task (0 to 1), and which run it is from. */
export type Criticality = { index: ReadonlyMap<string, number>; run: string };

const percent = (index: number) => `${Math.round(index * 100)}%`;
/** A bar's fill for a criticality index: grey for never critical, through to deep red for always. */
const shade = (index: number | undefined) => (index === undefined ? undefined : { backgroundColor: `color-mix(in srgb, var(--mantine-color-red-8) ${Math.round(index * 100)}%, var(--mantine-color-gray-3))`, borderColor: `color-mix(in srgb, var(--mantine-color-red-9) ${Math.round(index * 100)}%, var(--mantine-color-gray-6))` });

export type Editing = { taskId: string; column: Column } | null;

type Props = {
  /** The rows shown (collapsed summaries hide their subtasks). */
  tasks: readonly ScheduleTask[];
  /** Each task's row number in the whole plan (what predecessors refer to). */
  rowNumber: ReadonlyMap<string, number>;
  collapsed: ReadonlySet<string>;
  onToggle: (taskId: string) => void;
  links: readonly ScheduleLink[];
  minutesPerDay: number;
  zoom: Zoom;
  baseline: ReadonlyMap<string, { start: string | null; finish: string | null }> | null;
  today: string;
  editable: boolean;
  /** Saves a cell; rejects with the reason to show under it. */
  onEdit: (task: ScheduleTask, column: Column, text: string) => Promise<void>;
  selected: string | null;
  onSelect: (taskId: string) => void;
  /** The chart's mouse gestures (drag, resize, link); without them the chart is read-only. */
  gestures?: BarGestures;
  /** When given, a Criticality column and bars shaded by each task's criticality index. */
  criticality?: Criticality | null;
};

/**
 * The Gantt: a spreadsheet of tasks on the left (edit a cell with Enter, F2 or a double
 * click) and their bars on the right, with milestones, summaries, progress, link arrows, the
 * critical path, baseline bars and a today line; with the mouse, bars move, stretch and link
 * (see {@link useBarDrag}). With a simulation's criticality, a column gives each task's index
 * and the bars are shaded by it (from the one run already loaded: nothing is fetched per row).
 * Only the rows on screen are rendered, so a plan of thousands of tasks scrolls as smoothly as ten.
 */
export function Gantt({ tasks, rowNumber, collapsed, onToggle, links, minutesPerDay, zoom, baseline, today, editable, onEdit, selected, onSelect, gestures, criticality }: Props) {
  const columns = criticality ? WITH_CRITICALITY : COLUMNS;
  const grid = widthOf(columns);
  const scroller = useRef<HTMLDivElement>(null);
  const px = ZOOMS[zoom].pxPerDay;
  const [editing, setEditing] = useState<Editing>(null);

  const range = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of tasks) {
      if (t.start) lo = Math.min(lo, dayOf(t.start));
      if (t.finish) hi = Math.max(hi, dayOf(t.finish));
    }
    if (!Number.isFinite(lo)) lo = hi = dayOf(today);
    const pad = zoom === 'day' ? 7 : zoom === 'week' ? 21 : 62;
    return { from: Math.floor(lo) - pad, to: Math.ceil(hi) + pad * 2 };
  }, [tasks, today, zoom]);
  const width = (range.to - range.from) * px;
  const x = (text: string) => (dayOf(text) - range.from) * px;

  const rows = useVirtualizer({ count: tasks.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const items = rows.getVirtualItems();
  const rowOf = useMemo(() => new Map(tasks.map((t, i) => [t.id, i])), [tasks]);
  const byTask = useMemo(() => {
    const m = new Map<string, ScheduleLink[]>();
    for (const l of links) m.set(l.successorId, [...(m.get(l.successorId) ?? []), l]);
    return m;
  }, [links]);
  const drag = useBarDrag({ px, from: range.from, zoom, rowHeight: ROW, minutesPerDay, rowOf, tasks, gestures, onSelect });
  const onGesture = editable && gestures ? drag.begin : undefined;

  // Bring the plan's start into view on opening and at each zoom.
  useLayoutEffect(() => {
    const start = tasks.find((t) => t.start)?.start;
    if (scroller.current && start) scroller.current.scrollLeft = Math.max(0, x(start) - 40);
  }, [zoom, tasks.length > 0]);

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const visibleLinks = links.filter((l) => {
    const a = rowOf.get(l.predecessorId) ?? -1;
    const b = rowOf.get(l.successorId) ?? -1;
    return (a >= first && a <= last) || (b >= first && b <= last) || (a < first && b > last) || (b < first && a > last);
  });
  const scale = useMemo(() => ticks(zoom, range.from, range.to), [zoom, range]);

  const move = (taskId: string, column: GridColumn, dRow: number, dCol: number) => {
    const i = (rowOf.get(taskId) ?? 0) + dRow;
    const c = columns.findIndex((k) => k.key === column) + dCol;
    const target = tasks[Math.max(0, Math.min(tasks.length - 1, i))];
    const col = columns[Math.max(1, Math.min(columns.length - 1, c))]!.key;
    if (!target) return;
    onSelect(target.id);
    rows.scrollToIndex(Math.max(0, Math.min(tasks.length - 1, i)));
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-cell="${target.id}:${col}"]`)?.focus());
  };

  return (
    <div ref={scroller} className={classes.scroller} style={{ height: `min(calc(100dvh - 290px), ${HEADER + rows.getTotalSize() + 18}px)` }} role="grid" aria-label="Gantt chart" aria-rowcount={tasks.length + 1}>
      <div style={{ width: grid + width, height: HEADER + rows.getTotalSize(), position: 'relative' }}>
        <div className={classes.header} style={{ width: grid + width }} role="row">
          <div className={classes.gridHead} style={{ width: grid }}>
            {columns.map((c) => (
              <div key={c.key} role="columnheader" className={classes.headCell} style={{ width: c.width, textAlign: c.key === 'criticality' ? 'right' : undefined }} title={c.key === 'criticality' ? `Share of the iterations of ${criticality?.run ?? 'the run'} in which the task was on the critical path` : undefined}>
                {c.label}
              </div>
            ))}
          </div>
          <div className={classes.scale} style={{ width }} aria-hidden>
            {scale.top.map((t) => (
              <div key={`t${t.day}`} className={classes.tickTop} style={{ left: (t.day - range.from) * px, width: (t.end - t.day) * px }}>
                {(t.end - t.day) * px > 40 ? t.label : ''}
              </div>
            ))}
            {scale.bottom.map((t) => (
              <div key={`b${t.day}`} className={classes.tickBottom} style={{ left: (t.day - range.from) * px, width: (t.end - t.day) * px }}>
                {(t.end - t.day) * px > 14 ? t.label : ''}
              </div>
            ))}
          </div>
        </div>

        <div className={classes.timeline} style={{ left: grid, top: HEADER, width, height: rows.getTotalSize() }} aria-hidden>
          {scale.bottom.map((t) => (
            <div key={`g${t.day}`} className={classes.gridLine} style={{ left: (t.day - range.from) * px }} />
          ))}
          <div className={classes.today} style={{ left: x(`${today}T00:00`) }} title={`Today, ${formatPlanDate(today)}`} />
          <svg className={classes.links} width={width} height={rows.getTotalSize()}>
            <defs>
              <marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">
                <path d="M0,0 L6,3 L0,6 z" className={classes.arrowHead} />
              </marker>
            </defs>
            {visibleLinks.map((l) => {
              const p = tasks[rowOf.get(l.predecessorId) ?? -1];
              const s = tasks[rowOf.get(l.successorId) ?? -1];
              if (!p?.start || !p.finish || !s?.start || !s.finish) return null;
              const fromX = l.type[0] === 'F' ? x(p.finish) : x(p.start);
              const toX = l.type[1] === 'S' ? x(s.start) : x(s.finish);
              const y1 = rowOf.get(p.id)! * ROW + ROW / 2;
              const y2 = rowOf.get(s.id)! * ROW + ROW / 2;
              const out = l.type[0] === 'F' ? fromX + 6 : fromX - 6;
              const into = l.type[1] === 'S' ? toX - 8 : toX + 8;
              const critical = p.critical && s.critical;
              const d = `M${fromX},${y1} H${out} V${(y1 + y2) / 2} H${into} V${y2} H${toX}`;
              return <path key={l.id} d={d} className={critical ? classes.linkCritical : classes.link} markerEnd="url(#gantt-arrow)" />;
            })}
          </svg>
        </div>

        {items.map((item) => {
          const t = tasks[item.index]!;
          return (
            <TaskRow
              key={t.id}
              task={t}
              index={item.index}
              top={HEADER + item.start}
              gridWidth={grid}
              columns={columns}
              criticalityRun={criticality?.run ?? null}
              criticality={criticality?.index.get(t.id)}
              px={px}
              from={range.from}
              minutesPerDay={minutesPerDay}
              row={rowNumber.get(t.id) ?? item.index + 1}
              collapsed={collapsed.has(t.id)}
              onToggle={onToggle}
              predecessors={formatPredecessors(byTask.get(t.id) ?? [], (id) => rowNumber.get(id), minutesPerDay)}
              baseline={baseline?.get(t.id) ?? null}
              selected={selected === t.id}
              editing={editing?.taskId === t.id ? editing.column : null}
              editable={editable}
              onSelect={onSelect}
              onStartEdit={(column) => setEditing({ taskId: t.id, column })}
              onStopEdit={() => setEditing(null)}
              onEdit={onEdit}
              onMove={move}
              onGesture={onGesture}
            />
          );
        })}
        {onGesture && drag.overlay(grid, HEADER, width, rows.getTotalSize())}
      </div>
    </div>
  );
}

type RowProps = {
  task: ScheduleTask;
  columns: readonly ColumnDef[];
  /** The run whose criticality is shown, or null when it is not. */
  criticalityRun: string | null;
  /** The task's criticality index in that run (undefined: not in the run). */
  criticality: number | undefined;
  index: number;
  row: number;
  collapsed: boolean;
  onToggle: (taskId: string) => void;
  top: number;
  gridWidth: number;
  px: number;
  from: number;
  minutesPerDay: number;
  predecessors: string;
  baseline: { start: string | null; finish: string | null } | null;
  selected: boolean;
  editing: Column | null;
  editable: boolean;
  onSelect: (taskId: string) => void;
  onStartEdit: (column: Column) => void;
  onStopEdit: () => void;
  onEdit: Props['onEdit'];
  onMove: (taskId: string, column: GridColumn, dRow: number, dCol: number) => void;
  /** Starts a mouse gesture on the bar; absent when the chart is read-only. */
  onGesture: ((e: PointerEvent, task: ScheduleTask, gesture: Gesture) => void) | undefined;
};

const TaskRow = memo(function TaskRow({ task: t, columns, criticalityRun, criticality: crit, index, row, collapsed, onToggle, top, gridWidth, px, from, minutesPerDay, predecessors, baseline, selected, editing, editable, onSelect, onStartEdit, onStopEdit, onEdit, onMove, onGesture }: RowProps) {
  const x = (text: string) => (dayOf(text) - from) * px;
  const milestone = t.milestone || (t.durationMinutes === 0 && !t.summary);
  // A task with an actual finish is done, whatever percentage was typed.
  const done = t.actualFinish ? 100 : t.percentComplete;
  const text: Record<GridColumn, string> = {
    row: String(row),
    name: t.name,
    duration: t.summary ? formatDuration(t.durationMinutes, minutesPerDay) : formatDuration(t.durationMinutes, minutesPerDay),
    start: formatPlanDate(t.start),
    finish: formatPlanDate(t.finish),
    predecessors,
    criticality: crit === undefined ? '—' : percent(crit),
  };
  const editText: Record<GridColumn, string> = {
    ...text,
    start: t.start ? t.start.slice(0, 16).replace('T', ' ') : '',
    finish: t.finish ? t.finish.slice(0, 16).replace('T', ' ') : '',
  };
  const status = [done > 0 ? `${done}% done` : null, t.critical ? 'critical' : null, t.summary ? 'summary' : null, milestone ? 'milestone' : null].filter(Boolean).join(', ');
  const critical = criticalityRun && crit !== undefined ? `, critical in ${percent(crit)} of the iterations of ${criticalityRun}` : '';
  const label = `${t.wbs} ${t.name}: ${formatPlanDate(t.start, true)} to ${formatPlanDate(t.finish, true)}, ${formatDuration(t.durationMinutes, minutesPerDay)}, total slack ${formatDuration(t.totalSlackMinutes ?? 0, minutesPerDay)}${status ? ` (${status})` : ''}${critical}`;
  const left = t.start ? x(t.start) : 0;
  const right = t.finish ? x(t.finish) : left;
  const editableColumn = (c: GridColumn): c is Column => editable && c !== 'row' && c !== 'criticality' && !(t.summary && (c === 'duration' || c === 'finish'));

  const keyDown = (column: GridColumn) => (e: KeyboardEvent) => {
    if (t.summary && (e.key === '+' || e.key === '-') && (e.key === '+') === collapsed) {
      e.preventDefault();
      onToggle(t.id);
    } else if ((e.key === 'Enter' || e.key === 'F2') && editableColumn(column)) {
      e.preventDefault();
      onStartEdit(column);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      onMove(t.id, column, 1, 0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      onMove(t.id, column, -1, 0);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      onMove(t.id, column, 0, 1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      onMove(t.id, column, 0, -1);
    }
  };

  return (
    <div className={`${classes.row} ${selected ? classes.selected : ''}`} style={{ top, height: ROW }} role="row" aria-rowindex={index + 2} data-task={t.name}>
      <div className={classes.gridRow} style={{ width: gridWidth }}>
        {columns.map((c) =>
          editing === c.key && editableColumn(c.key) ? (
            <CellEditor key={c.key} width={c.width} initial={editText[c.key]} label={`${c.label} of ${t.name}`} onCancel={onStopEdit} onSave={(value) => onEdit(t, c.key as Column, value).then(() => onMove(t.id, c.key, 1, 0)).then(onStopEdit)} />
          ) : (
            <div
              key={c.key}
              role="gridcell"
              tabIndex={selected && c.key === 'name' ? 0 : -1}
              data-cell={`${t.id}:${c.key}`}
              className={`${classes.cell} ${c.key === 'row' ? classes.rowNumber : ''} ${c.key === 'duration' || c.key === 'criticality' ? classes.number : ''} ${t.summary && c.key === 'name' ? classes.summaryName : ''}`}
              style={{ width: c.width, paddingLeft: c.key === 'name' ? 4 + (t.outlineLevel - 1) * 14 + (t.summary ? 0 : 16) : undefined }}
              title={c.key === 'name' ? `${t.wbs} ${t.name}` : c.key === 'start' || c.key === 'finish' ? formatPlanDate(c.key === 'start' ? t.start : t.finish, true) : undefined}
              aria-readonly={!editableColumn(c.key)}
              onClick={() => onSelect(t.id)}
              onDoubleClick={() => {
                if (editableColumn(c.key)) onStartEdit(c.key);
              }}
              onKeyDown={keyDown(c.key)}
            >
              {c.key === 'name' && t.summary && (
                <button
                  type="button"
                  className={classes.toggle}
                  aria-expanded={!collapsed}
                  aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${t.name}`}
                  tabIndex={-1}
                  onClick={(e) => {
                    e.stopPropagation();
                    onToggle(t.id);
                  }}
                >
                  {collapsed ? '▸' : '▾'}
                </button>
              )}
              {text[c.key]}
            </div>
          ),
        )}
      </div>
      <div className={classes.bars} style={{ left: gridWidth }}>
        {baseline?.start && baseline.finish && (
          <div className={classes.baselineBar} style={{ left: x(baseline.start), width: Math.max(2, x(baseline.finish) - x(baseline.start)) }} title={`Baseline: ${formatPlanDate(baseline.start, true)} to ${formatPlanDate(baseline.finish, true)}`} />
        )}
        {t.start && (
          <Tooltip label={label} openDelay={300} withinPortal>
            {milestone ? (
              <div className={`${classes.milestone} ${t.critical ? classes.critical : ''} ${onGesture ? classes.draggable : ''}`} style={{ left: left - 7 }} role="img" aria-label={label} data-bar={t.name} data-bar-id={t.id} onPointerDown={onGesture && ((e) => onGesture(e, t, 'move'))} />
            ) : t.summary ? (
              <div className={classes.summaryBar} style={{ left, width: Math.max(2, right - left) }} role="img" aria-label={label} data-bar={t.name} data-bar-id={t.id} />
            ) : (
              <div className={`${classes.bar} ${t.critical ? classes.critical : ''} ${onGesture ? classes.draggable : ''}`} style={{ left, width: Math.max(2, right - left), ...(criticalityRun ? shade(crit) : {}) }} role="img" aria-label={label} data-bar={t.name} data-bar-id={t.id} onPointerDown={onGesture && ((e) => onGesture(e, t, 'move'))}>
                {done > 0 && <div className={classes.progress} style={{ width: `${done}%` }} />}
              </div>
            )}
          </Tooltip>
        )}
        {onGesture && t.start && !t.summary && (
          <>
            {/* Summaries roll up their subtasks and milestones have no length: neither resizes. */}
            {!milestone && <div className={classes.resizeHandle} style={{ left: right - 5 }} title={`Drag to change the duration of ${t.name}`} data-resize={t.name} onPointerDown={(e) => onGesture(e, t, 'resize')} />}
            <div className={classes.linkHandle} style={{ left: milestone ? left + 9 : right + 3 }} title={`Drag onto another task to make it follow ${t.name}`} data-link-from={t.name} onPointerDown={(e) => onGesture(e, t, 'link')} />
          </>
        )}
        {t.start && !t.summary && right - left < 260 && (
          <Text className={classes.barLabel} style={{ left: (milestone ? left + 10 : right + 6) + (onGesture ? 10 : 0) }} size="xs" c="dimmed" aria-hidden>
            {milestone ? formatPlanDate(t.finish) : criticalityRun && crit !== undefined ? `${t.name} · ${percent(crit)} critical` : t.critical ? `${t.name} · critical` : t.name}
          </Text>
        )}
      </div>
    </div>
  );
});

function CellEditor({ width, initial, label, onSave, onCancel }: { width: number; initial: string; label: string; onSave: (value: string) => Promise<void>; onCancel: () => void }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = () => {
    if (value === initial) return onCancel();
    setSaving(true);
    onSave(value)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setSaving(false));
  };
  return (
    <div className={classes.editor} style={{ width }}>
      <Tooltip label={error} opened={!!error} color="red" withinPortal position="bottom-start" multiline w={320}>
        <TextInput
          size="xs"
          autoFocus
          aria-label={label}
          value={value}
          error={!!error}
          disabled={saving}
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              save();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
          onBlur={() => !saving && !error && value === initial && onCancel()}
        />
      </Tooltip>
    </div>
  );
}
