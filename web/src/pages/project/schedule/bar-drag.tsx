import { useCallback, useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { ScheduleTask } from '../../../api/schedule';
import classes from './gantt.module.css';
import { dayOf, dayText, DEFAULT_FINISH, DEFAULT_START, formatDuration, formatPlanDate, snapDay, type Zoom } from './timescale';
import type { Preview } from './work-time';

export type Gesture = 'move' | 'resize' | 'link';

/** What the chart's mouse gestures do; each resolves when the plan has been saved (or the error shown). */
export type BarGestures = {
  /** Sets the task's start to this day (`YYYY-MM-DD`), as typing it in the grid does. */
  move: (task: ScheduleTask, day: string) => Promise<void>;
  /** Sets the task's finish to this day, as typing it in the grid does: the duration follows. */
  resize: (task: ScheduleTask, day: string) => Promise<void>;
  /** Links `predecessor` finish-to-start to `successor`. */
  link: (predecessor: ScheduleTask, successor: ScheduleTask) => Promise<void>;
  /** Where the task would fall, by the plan's calendar. */
  preview: (task: ScheduleTask, gesture: 'move' | 'resize', at: string) => Preview;
};

type Options = {
  px: number;
  from: number;
  zoom: Zoom;
  rowHeight: number;
  minutesPerDay: number;
  rowOf: ReadonlyMap<string, number>;
  tasks: readonly ScheduleTask[];
  gestures: BarGestures | undefined;
  onSelect: (taskId: string) => void;
};

type Drag = { task: ScheduleTask; gesture: Gesture; x0: number; y0: number; moved: boolean; day: string | null; target: HTMLElement | null };

/** Pixels the mouse must travel before a press on a bar becomes a drag (a click is not a move). */
const SLOP = 3;

/**
 * Mouse gestures on the Gantt's bars: drag a bar to move it, its right end to change the
 * duration, the dot after it onto another bar to link them. The ghost bar, the tooltip and
 * the link line are moved through refs, so a drag re-renders no row; only the drop saves,
 * through the same edit the grid uses.
 */
export function useBarDrag(options: Options) {
  const latest = useRef(options);
  latest.current = options;
  const layer = useRef<HTMLDivElement>(null);
  const ghost = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const line = useRef<SVGLineElement>(null);
  const drag = useRef<Drag | null>(null);
  const detach = useRef<() => void>(() => {});

  const hide = () => {
    for (const el of [ghost.current, tip.current]) if (el) el.style.display = 'none';
    line.current?.setAttribute('visibility', 'hidden');
    drag.current?.target?.classList.remove(classes.linkTarget!);
    drag.current = null;
  };

  const update = (e: PointerEvent) => {
    const d = drag.current;
    const el = layer.current;
    if (!d || !el || !ghost.current || !tip.current || !line.current) return;
    if (!d.moved && Math.abs(e.clientX - d.x0) < SLOP && Math.abs(e.clientY - d.y0) < SLOP) return;
    d.moved = true;
    const { px, from, zoom, rowHeight, minutesPerDay, rowOf, tasks, gestures } = latest.current;
    const t = d.task;
    const top = (rowOf.get(t.id) ?? 0) * rowHeight;
    const box = el.getBoundingClientRect();
    const dx = (e.clientX - d.x0) / px;
    // The tooltip stays whole on screen: near the right end of the chart it is pulled back in.
    const visibleRight = Math.min(box.right, el.closest('[role="grid"]')?.getBoundingClientRect().right ?? box.right) - box.left;
    const place = (x: number, y: number) => {
      Object.assign(tip.current!.style, { display: 'block', left: `${Math.max(0, Math.min(x, visibleRight - tip.current!.offsetWidth - 4))}px`, top: `${Math.max(0, y)}px` });
    };
    const show = (left: number, right: number, text: string) => {
      Object.assign(ghost.current!.style, { display: 'block', left: `${left}px`, width: `${Math.max(2, right - left)}px`, top: `${top + 5}px` });
      tip.current!.textContent = text;
      place(left, top - 26);
    };
    if (d.gesture === 'link') {
      const x1 = (dayOf(t.finish!) - from) * px + 4;
      line.current.setAttribute('x1', String(x1));
      line.current.setAttribute('y1', String(top + rowHeight / 2));
      line.current.setAttribute('x2', String(e.clientX - box.left));
      line.current.setAttribute('y2', String(e.clientY - box.top));
      line.current.setAttribute('visibility', 'visible');
      const hit = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-bar-id]') ?? null;
      const target = hit && hit.dataset.barId !== t.id ? hit : null;
      if (target !== d.target) {
        d.target?.classList.remove(classes.linkTarget!);
        target?.classList.add(classes.linkTarget!);
        d.target = target;
      }
      const successor = target ? tasks[rowOf.get(target.dataset.barId!) ?? -1] : undefined;
      tip.current.textContent = successor ? `Link ${t.name} → ${successor.name} (finish-to-start)` : `Drop on a task to make it follow ${t.name}`;
      place(e.clientX - box.left + 12, e.clientY - box.top + 12);
      return;
    }
    if (!gestures) return;
    if (d.gesture === 'move') {
      const day = dayText(snapDay(zoom, Math.floor(dayOf(t.start!)) + dx));
      const p = gestures.preview(t, 'move', `${day}T${DEFAULT_START}`);
      d.day = day;
      show((dayOf(p.start) - from) * px, (dayOf(p.finish) - from) * px, `Start ${formatPlanDate(p.start, true)} · Finish ${formatPlanDate(p.finish, true)}`);
    } else {
      // The finish's day ends at the next day's boundary: snap that, and finish the day before.
      const end = Math.max(Math.floor(dayOf(t.start!)) + 1, snapDay(zoom, Math.floor(dayOf(t.finish!)) + 1 + dx));
      const day = dayText(end - 1);
      const p = gestures.preview(t, 'resize', `${day}T${DEFAULT_FINISH}`);
      d.day = day;
      show((dayOf(p.start) - from) * px, (dayOf(p.finish) - from) * px, `Finish ${formatPlanDate(p.finish, true)} · Duration ${formatDuration(p.durationMinutes, minutesPerDay)}`);
    }
  };

  const finish = (e: PointerEvent) => {
    const d = drag.current;
    detach.current();
    const { gestures, rowOf, tasks, onSelect } = latest.current;
    if (!d || !gestures) return hide();
    if (!d.moved) {
      hide();
      onSelect(d.task.id);
      return;
    }
    update(e);
    let saving: Promise<void> | null = null;
    if (d.gesture === 'link') {
      const successor = d.target ? tasks[rowOf.get(d.target.dataset.barId!) ?? -1] : undefined;
      if (successor) saving = gestures.link(d.task, successor);
    } else if (d.day) {
      const unchanged = d.day === (d.gesture === 'move' ? d.task.start : d.task.finish)?.slice(0, 10);
      if (!unchanged) saving = d.gesture === 'move' ? gestures.move(d.task, d.day) : gestures.resize(d.task, d.day);
    }
    if (!saving) return hide();
    // Keep the ghost where it was dropped until the recalculated plan arrives.
    line.current?.setAttribute('visibility', 'hidden');
    if (tip.current) tip.current.textContent = 'Saving…';
    drag.current = null;
    const target = d.target;
    void saving.finally(() => {
      target?.classList.remove(classes.linkTarget!);
      if (!drag.current) hide();
    });
  };

  const begin = useCallback((e: ReactPointerEvent, task: ScheduleTask, gesture: Gesture) => {
    if (e.button !== 0 || e.pointerType === 'touch' || !latest.current.gestures || !task.start || !task.finish) return;
    e.preventDefault();
    e.stopPropagation();
    detach.current();
    hide();
    drag.current = { task, gesture, x0: e.clientX, y0: e.clientY, moved: false, day: null, target: null };
    const up = (ev: PointerEvent) => finish(ev);
    const move = (ev: PointerEvent) => update(ev);
    const key = (ev: KeyboardEvent) => {
      if (ev.key !== 'Escape') return;
      ev.preventDefault();
      detach.current();
      hide();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('keydown', key, true);
    detach.current = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('keydown', key, true);
      detach.current = () => {};
    };
  }, []);

  useEffect(() => () => detach.current(), []);

  const overlay = (left: number, top: number, width: number, height: number) => (
    <div ref={layer} className={classes.dragLayer} style={{ left, top, width, height }} aria-hidden>
      <div ref={ghost} className={classes.ghost} style={{ display: 'none' }} data-ghost />
      <svg className={classes.links} width={width} height={height}>
        <line ref={line} className={classes.linkDraft} visibility="hidden" />
      </svg>
      <div ref={tip} className={classes.dragTip} style={{ display: 'none' }} data-drag-tip />
    </div>
  );

  return { begin, overlay };
}
