import { Alert, Badge, Button, FileButton, Group, Modal, Popover, SegmentedControl, Select, Skeleton, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowBarToLeft,
  IconArrowBarToRight,
  IconBookmark,
  IconDownload,
  IconFileImport,
  IconPlus,
  IconStairs,
  IconTimeline,
  IconTrash,
} from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { isApiError } from '../../../api/client';
import { useBaselineComparison, useSchedule, useScheduleMutations, type LevelReport, type ScheduleTask, type ScheduleView } from '../../../api/schedule';
import { EmptyState } from '../../../shared/empty-state';
import { ErrorPanel } from '../../../shared/error-panel';
import { useProjectContext } from '../project-context';
import type { BarGestures } from './bar-drag';
import { Gantt, type Column } from './gantt';
import { parsePredecessors } from './predecessors';
import { DEFAULT_FINISH, DEFAULT_START, formatDuration, formatPlanDate, parseDuration, parsePlanDate, ZOOMS, type Zoom } from './timescale';
import { useCriticality } from './use-criticality';
import { planClocks, previewFinish, previewMove } from './work-time';

const todayText = () => new Date().toISOString().slice(0, 10);

/** The server's reason, or a plain one, as the message shown under the cell. */
function reason(error: unknown): Error {
  if (isApiError(error, 409) && error.problem.code === 'version-conflict') return new Error('Someone else changed this task; the plan was reloaded. Enter your change again.');
  if (isApiError(error)) return new Error(error.problem.detail);
  return error instanceof Error ? error : new Error(String(error));
}

/** The project's plan as a Gantt chart, edited in place; import and export MS Project files. */
export function ScheduleTab() {
  const { project, may } = useProjectContext();
  const schedule = useSchedule(project.id);
  const m = useScheduleMutations(project.id);
  const [zoom, setZoom] = useState<Zoom>('week');
  const [baselineNumber, setBaselineNumber] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [importing, importModal] = useDisclosure(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [notLoaded, setNotLoaded] = useState<string[] | null>(null);
  const [levelled, setLevelled] = useState<LevelReport | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const comparison = useBaselineComparison(project.id, baselineNumber);
  const crit = useCriticality(project.id);
  const view = schedule.data;
  const allTasks = view?.tasks;
  const { shown, rowNumber } = useMemo(() => {
    const list = allTasks ?? [];
    const rowNumber = new Map(list.map((t, i) => [t.id, i + 1]));
    if (collapsed.size === 0) return { shown: list, rowNumber };
    const hidden = new Set<string>();
    const shown = list.filter((t) => {
      if (t.parentId && (hidden.has(t.parentId) || collapsed.has(t.parentId))) {
        hidden.add(t.id);
        return false;
      }
      return true;
    });
    return { shown, rowNumber };
  }, [allTasks, collapsed]);
  const toggle = useCallback((id: string) => setCollapsed((c) => {
    const next = new Set(c);
    if (!next.delete(id)) next.add(id);
    return next;
  }), []);

  const baseline = useMemo(() => {
    if (!comparison.data) return null;
    return new Map(comparison.data.tasks.map((t) => [t.taskId, { start: t.baselineStart, finish: t.baselineFinish }]));
  }, [comparison.data]);

  const onEdit = useCallback(
    async (task: ScheduleTask, column: Column, text: string) => {
      if (!view) return;
      const perDay = view.plan.minutesPerDay;
      const patch = (p: Record<string, unknown>) => m.patchTask.mutateAsync({ id: task.id, patch: { version: task.version, ...p } });
      try {
        switch (column) {
          case 'name':
            await patch({ name: text });
            return;
          case 'duration': {
            const minutes = parseDuration(text, perDay);
            if (typeof minutes === 'string') throw new Error(`Duration: write ${minutes}`);
            await patch({ durationMinutes: minutes });
            return;
          }
          case 'start':
          case 'finish':
            await patch({ [column]: parsePlanDate(text, column === 'start' ? DEFAULT_START : DEFAULT_FINISH) });
            return;
          case 'predecessors':
            await savePredecessors(view, task, text);
            return;
          case 'row':
            return;
        }
      } catch (e) {
        if (isApiError(e, 409)) void schedule.refetch();
        throw reason(e);
      }
    },
    [view, m.patchTask],
  );

  // The chart's mouse gestures save through the grid's own edits; a refusal shows as any other.
  const calendars = view?.calendars;
  const plan = view?.plan;
  const gestures = useMemo<BarGestures | undefined>(() => {
    if (!calendars || !plan) return undefined;
    const clockOf = planClocks({ calendars, plan });
    const shown = (run: () => Promise<unknown>) =>
      run().then(
        () => setImportError(null),
        (e: unknown) => setImportError(reason(e).message),
      );
    return {
      move: (task, day) => shown(() => onEdit(task, 'start', day)),
      resize: (task, day) => shown(() => onEdit(task, 'finish', day)),
      link: (predecessor, successor) => shown(() => m.createLink.mutateAsync({ predecessorId: predecessor.id, successorId: successor.id, type: 'FS' })),
      preview: (task, gesture, at) => (gesture === 'move' ? previewMove(clockOf(task), task, at) : previewFinish(clockOf(task), task, at)),
    };
  }, [calendars, plan, onEdit, m.createLink]);

  /** Makes the task's links match what was typed: removes, changes and adds as needed. */
  async function savePredecessors(v: ScheduleView, task: ScheduleTask, text: string) {
    const wanted = parsePredecessors(text, (row) => v.tasks[row - 1]?.id, v.plan.minutesPerDay);
    const current = v.links.filter((l) => l.successorId === task.id);
    for (const l of current) {
      const w = wanted.find((x) => x.predecessorId === l.predecessorId);
      if (!w) await m.deleteLink.mutateAsync({ id: l.id, version: l.version });
      else if (w.type !== l.type || w.lagMinutes !== l.lagMinutes || w.lagPercent !== l.lagPercent) {
        if (w.lagPercent !== null) {
          await m.deleteLink.mutateAsync({ id: l.id, version: l.version });
          await m.createLink.mutateAsync({ predecessorId: w.predecessorId, successorId: task.id, type: w.type, lagPercent: w.lagPercent });
        } else await m.patchLink.mutateAsync({ id: l.id, version: l.version, type: w.type, lagMinutes: w.lagMinutes });
      }
    }
    for (const w of wanted) {
      if (current.some((l) => l.predecessorId === w.predecessorId)) continue;
      await m.createLink.mutateAsync({ predecessorId: w.predecessorId, successorId: task.id, type: w.type, lagMinutes: w.lagMinutes, lagPercent: w.lagPercent });
    }
  }

  if (schedule.isError) return <ErrorPanel error={schedule.error} what="plan" onRetry={() => void schedule.refetch()} />;
  if (!view) {
    return (
      <Stack aria-busy="true" aria-label="Loading plan">
        <Skeleton h={36} />
        <Skeleton h={360} />
      </Stack>
    );
  }

  const tasks = view.tasks;
  const sel = tasks.find((t) => t.id === selected) ?? null;
  const selIndex = sel ? tasks.indexOf(sel) : -1;
  const previousSibling = sel ? [...tasks.slice(0, selIndex)].reverse().find((t) => t.parentId === sel.parentId && t.outlineLevel === sel.outlineLevel) : undefined;
  const parent = sel?.parentId ? tasks.find((t) => t.id === sel.parentId) : undefined;
  const critical = tasks.filter((t) => t.critical && !t.summary).length;
  const warnings = view.plan.warnings;
  const busy = m.createTask.isPending || m.moveTask.isPending || m.deleteTask.isPending;

  const act = (run: () => Promise<unknown>) => () => void run().catch((e: unknown) => setImportError(reason(e).message));
  const addTask = act(async () => {
    const created = await m.createTask.mutateAsync({ name: 'New task', ...(sel ? { afterId: sel.id } : {}) });
    setSelected(created.record.id);
  });
  const indent = act(() => m.moveTask.mutateAsync({ id: sel!.id, version: sel!.version, parentId: previousSibling!.id, afterId: null }));
  const outdent = act(() => m.moveTask.mutateAsync({ id: sel!.id, version: sel!.version, parentId: parent!.parentId, afterId: parent!.id }));
  const remove = act(async () => {
    await m.deleteTask.mutateAsync({ id: sel!.id, version: sel!.version });
    setSelected(null);
  });
  const importFile = (file: File | null, replace: boolean) => {
    if (!file) return;
    setImportError(null);
    void file
      .text()
      .then((text) => m.importFile.mutateAsync({ text, replace }))
      .then((report) => {
        importModal.close();
        setNotLoaded(report.notLoaded);
      })
      .catch((e: unknown) => setImportError(reason(e).message));
  };
  const anyDelay = tasks.some((t) => t.levelingDelayMinutes > 0);
  const level = (clear: boolean) =>
    act(async () => {
      const report = await m.level.mutateAsync({ clear });
      setLevelled(clear ? null : report);
    })();
  const saveBaseline = act(async () => {
    const existing = view.baselines.find((b) => b.number === 0);
    await m.saveBaseline.mutateAsync({ number: 0, name: 'Baseline', ...(existing ? { version: existing.version } : {}) });
    setBaselineNumber(0);
  });

  const importButton = (
    <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importModal.open} disabled={!may.update}>
      Import MS Project file
    </Button>
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="lg" wrap="wrap">
          <Stat label="Start" value={formatPlanDate(view.plan.computedStart)} />
          <Stat label="Finish" value={formatPlanDate(view.plan.computedFinish)} />
          <Stat label="Tasks" value={String(tasks.length)} />
          <Stat label="Critical" value={String(critical)} />
          {warnings.length > 0 && (
            <Popover width={420} shadow="md" withinPortal>
              <Popover.Target>
                <Badge component="button" color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />} style={{ cursor: 'pointer' }}>
                  {warnings.length} warning{warnings.length === 1 ? '' : 's'}
                </Badge>
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap={4} mah={300} style={{ overflow: 'auto' }}>
                  {warnings.map((w, i) => (
                    <Text key={i} size="sm">
                      <b>{w.task}</b> {w.detail}
                    </Text>
                  ))}
                </Stack>
              </Popover.Dropdown>
            </Popover>
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          {crit.run && (
            <Tooltip label="Shade each bar by the share of the run's iterations in which its task was on the critical path, and add a column with it" multiline w={280}>
              <Switch size="sm" label={`Criticality (from run of ${crit.runDate})`} checked={crit.shown} onChange={(e) => crit.setShown(e.currentTarget.checked)} />
            </Tooltip>
          )}
          {crit.criticality && crit.run?.inputs.planRevision !== view.plan.revision && (
            <Text size="xs" c="orange.8">
              The plan has changed since that run
            </Text>
          )}
          <SegmentedControl size="xs" value={zoom} onChange={(v) => setZoom(v as Zoom)} data={Object.entries(ZOOMS).map(([value, z]) => ({ value, label: z.label }))} aria-label="Zoom" />
          <Select
            size="xs"
            w={170}
            aria-label="Baseline shown"
            value={baselineNumber === null ? 'none' : String(baselineNumber)}
            onChange={(v) => setBaselineNumber(v === null || v === 'none' ? null : Number(v))}
            data={[{ value: 'none', label: 'No baseline' }, ...view.baselines.map((b) => ({ value: String(b.number), label: `${b.name} (${formatPlanDate(b.savedAt.slice(0, 10))})` }))]}
            allowDeselect={false}
          />
          <Button size="xs" variant="default" component="a" href={`/api/v1/projects/${project.id}/schedule/export`} download leftSection={<IconDownload size={14} />}>
            Export
          </Button>
        </Group>
      </Group>

      {may.update && tasks.length > 0 && (
        <Group gap="xs" wrap="wrap">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={addTask} loading={m.createTask.isPending}>
            Add task
          </Button>
          <Tooltip label={previousSibling ? `Put it under ${previousSibling.name}` : 'Needs a task above it at the same level'}>
            <Button size="xs" variant="default" leftSection={<IconArrowBarToRight size={14} />} onClick={indent} disabled={!sel || !previousSibling || busy}>
              Indent
            </Button>
          </Tooltip>
          <Button size="xs" variant="default" leftSection={<IconArrowBarToLeft size={14} />} onClick={outdent} disabled={!sel || !parent || busy}>
            Outdent
          </Button>
          <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={remove} disabled={!sel || busy}>
            Delete
          </Button>
          {view.resources.length > 0 && (
            <Tooltip label="Delay tasks so that nobody is asked for more than their capacity">
              <Button size="xs" variant="default" leftSection={<IconStairs size={14} />} onClick={() => level(false)} loading={m.level.isPending && !m.level.variables?.clear}>
                Level resources
              </Button>
            </Tooltip>
          )}
          {anyDelay && (
            <Button size="xs" variant="subtle" onClick={() => level(true)} loading={m.level.isPending && !!m.level.variables?.clear}>
              Clear levelling
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconBookmark size={14} />} onClick={saveBaseline} loading={m.saveBaseline.isPending}>
            Save baseline
          </Button>
          <Button size="xs" variant="subtle" leftSection={<IconFileImport size={14} />} onClick={importModal.open}>
            Import
          </Button>
          <Text size="xs" c="dimmed">
            Enter or double-click a cell to edit it, or drag a bar, its right end or the dot after it; durations in days of {view.plan.minutesPerDay / 60} hours; predecessors as row numbers, e.g. 2, 5SS+1d.
          </Text>
        </Group>
      )}

      {importError && !importing && (
        <Alert color="red" withCloseButton onClose={() => setImportError(null)} title="That did not work">
          {importError}
        </Alert>
      )}
      {levelled && (
        <Alert color={levelled.overallocations.length ? 'yellow' : 'teal'} withCloseButton onClose={() => setLevelled(null)} title={`Levelled: ${levelled.delayed.filter((d) => d.delayMinutes > 0).length} task(s) delayed; finish ${formatPlanDate(levelled.finishBefore)} → ${formatPlanDate(levelled.finishAfter)}`}>
          <Text size="sm" component="ul" m={0} pl="md">
            {levelled.delayed.slice(0, 6).map((d) => (
              <li key={d.taskId}>
                {d.name}{' '}
                {d.delayMinutes > 0 ? `waits ${formatDuration(d.delayMinutes, 1440)} (elapsed) for ${d.waitedFor.map((w) => `${w.resource} (${w.tasks.join(', ')})`).join('; ')}` : `could not be delayed (${d.unresolved})`}
              </li>
            ))}
            {levelled.overallocations.slice(0, 4).map((o, i) => (
              <li key={`o${i}`}>
                Still over capacity: {o.resource} {formatPlanDate(o.from)}–{formatPlanDate(o.to)} ({o.detail})
              </li>
            ))}
          </Text>
        </Alert>
      )}
      {notLoaded && notLoaded.length > 0 && (
        <Alert color="yellow" withCloseButton onClose={() => setNotLoaded(null)} title="Imported. Some of the file was not loaded:">
          <Text size="sm" component="ul" m={0} pl="md">
            {notLoaded.slice(0, 8).map((n) => (
              <li key={n}>{n}</li>
            ))}
            {notLoaded.length > 8 && <li>and {notLoaded.length - 8} more</li>}
          </Text>
        </Alert>
      )}

      {tasks.length === 0 ? (
        <EmptyState
          icon={<IconTimeline size={22} />}
          title="No plan yet"
          description="Add the first task, or import a plan from MS Project (XML). Pharos computes the dates, the critical path and the slack as you go."
          action={
            may.update ? (
              <Group>
                <Button leftSection={<IconPlus size={16} />} onClick={addTask}>
                  Add the first task
                </Button>
                {importButton}
              </Group>
            ) : undefined
          }
        />
      ) : (
        <Gantt
          tasks={shown}
          rowNumber={rowNumber}
          collapsed={collapsed}
          onToggle={toggle}
          links={view.links}
          minutesPerDay={view.plan.minutesPerDay}
          zoom={zoom}
          baseline={baseline}
          today={todayText()}
          editable={may.update}
          onEdit={onEdit}
          selected={selected}
          onSelect={setSelected}
          gestures={gestures}
          criticality={crit.criticality}
        />
      )}

      <Modal opened={importing} onClose={importModal.close} title="Import an MS Project file">
        <Stack>
          <Text size="sm">Choose an MS Project XML file (File → Save As → XML in MS Project). Its tasks, links, calendars, resources, assignments and baselines become this project's plan.</Text>
          {tasks.length > 0 && (
            <Alert color="orange" icon={<IconAlertTriangle size={16} />}>
              This plan has {tasks.length} tasks. Importing replaces the whole plan; its history stays in the audit trail.
            </Alert>
          )}
          {importError && <Alert color="red">{importError}</Alert>}
          <FileButton onChange={(file) => importFile(file, tasks.length > 0)} accept=".xml,application/xml,text/xml">
            {(props) => (
              <Button {...props} leftSection={<IconFileImport size={16} />} loading={m.importFile.isPending}>
                {tasks.length > 0 ? 'Choose a file and replace the plan' : 'Choose a file'}
              </Button>
            )}
          </FileButton>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}
