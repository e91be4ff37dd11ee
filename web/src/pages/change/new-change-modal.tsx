import { Group, NumberInput, Textarea, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useChangeMutations } from '../../api/change';
import { useSchedule } from '../../api/schedule';
import { useCurrency } from '../../auth/current-organisation';
import { CreateModal } from '../../shared/create-modal';
import { currencySymbol, toMinor } from '../../shared/format';
import { nameProblem, serverFieldErrors } from '../../shared/validation';
import { TaskChangesEditor, taskChangesOf, type TaskChangeDraft } from './change-parts';

/** The plan's tasks a change can lengthen or shorten (summaries roll up, so they are left out). */
export function useTaskOptions(projectId: string) {
  const schedule = useSchedule(projectId);
  return useMemo(() => (schedule.data?.tasks ?? []).filter((t) => !t.summary).map((t) => ({ value: t.id, label: `${t.wbs} ${t.name}` })), [schedule.data]);
}

/** Raise a change request as a draft: what, why, and what the requester expects it to cost and move. */
export function NewChangeModal({ opened, onClose, projectId, onCreated }: { opened: boolean; onClose: () => void; projectId: string; onCreated: (id: string) => void }) {
  const { create } = useChangeMutations();
  const currency = useCurrency();
  const tasks = useTaskOptions(projectId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [cost, setCost] = useState<number | string>(0);
  const [days, setDays] = useState<number | string>(0);
  const [changes, setChanges] = useState<TaskChangeDraft[]>([]);
  const [touched, setTouched] = useState(false);
  const errors = serverFieldErrors(create.error);
  const reset = () => (setTitle(''), setDescription(''), setReason(''), setCost(0), setDays(0), setChanges([]), setTouched(false));
  const close = () => (create.reset(), setTouched(false), onClose());
  const submit = () => {
    setTouched(true);
    if (nameProblem(title)) return;
    create.mutate(
      { projectId, title, description, reason, costImpact: toMinor(Number(cost) || 0, currency), scheduleImpactDays: Number(days) || 0, taskChanges: taskChangesOf(changes) },
      { onSuccess: (c) => (reset(), close(), onCreated(c.id)) },
    );
  };
  return (
    <CreateModal opened={opened} title="Raise a change request" submitLabel="Save draft" size="lg" pending={create.isPending} error={create.error} onClose={close} onSubmit={submit}>
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={(touched && nameProblem(title)) || errors.title} data-autofocus />
      <Textarea label="What should change" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
      <Textarea label="Why" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
      <Group grow align="flex-start">
        <NumberInput label="Cost impact" description="More (or, negative, less) than budgeted" prefix={currencySymbol(currency)} thousandSeparator="," value={cost} onChange={setCost} error={errors.costImpact} />
        <NumberInput
          label="Finish moves by"
          description={changes.length ? 'Worked out from the task changes' : 'Working days (when no task changes say)'}
          suffix=" d"
          decimalScale={2}
          value={days}
          onChange={setDays}
          disabled={changes.length > 0}
          error={errors.scheduleImpactDays}
        />
      </Group>
      <TaskChangesEditor value={changes} onChange={setChanges} tasks={tasks} errors={errors} />
    </CreateModal>
  );
}
