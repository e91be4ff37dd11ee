import { Alert, Badge, Button, Divider, Drawer, Group, NumberInput, Skeleton, Stack, Stepper, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useChangeForecast, useChangeMutations, useChangeRequest, type ChangeRequestDetail } from '../../api/change';
import { useCurrency } from '../../auth/current-organisation';
import { CreateModal } from '../../shared/create-modal';
import { currencySymbol, formatDate, formatDateTime, formatMoney, toMajor, toMinor } from '../../shared/format';
import { serverFieldErrors } from '../../shared/validation';
import { BOARD_LABEL, CostImpact, DaysImpact, StatusBadge, TaskChangesEditor, taskChangesOf, type TaskChangeDraft } from './change-parts';
import { useTaskOptions } from './new-change-modal';

type Step = ChangeRequestDetail['allowedSteps'][number];
const STEP_BUTTON: Record<Step, { label: string; colour?: string; variant?: string }> = {
  submit: { label: 'Submit' },
  withdraw: { label: 'Withdraw to draft', variant: 'default' },
  assess: { label: 'Assessed: send to the board' },
  approve: { label: 'Approve', colour: 'green' },
  reject: { label: 'Reject', colour: 'red', variant: 'light' },
  defer: { label: 'Defer', variant: 'default' },
  reassess: { label: 'Reassess' },
  implement: { label: 'Mark implemented' },
};
const STEP_PAST: Record<Step, string> = { submit: 'Submitted', withdraw: 'Withdrawn to draft', assess: 'Assessed', approve: 'Approved', reject: 'Rejected', defer: 'Deferred', reassess: 'Reassessed', implement: 'Implemented' };
const STAGE: Record<ChangeRequestDetail['status'], number> = { draft: 0, submitted: 1, assessed: 2, deferred: 2, approved: 3, rejected: 3, implemented: 5 };

/** The drawer's names for the fields a step can find missing. */
const FIELD_LABEL: Record<string, string> = { description: 'What should change', reason: 'Why', scopeImpact: 'Scope', benefitsImpact: 'Benefits', riskImpact: 'Risk', costImpact: 'Cost' };

const problem = (error: unknown): string | null => (!error ? null : isApiError(error) ? error.problem.detail : String(error));

/** One change request: what and why, its impact, the board that decides, what approval did, and every step so far. */
export function ChangeDrawer({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  const request = useChangeRequest(requestId);
  const c = request.data;
  return (
    <Drawer opened={requestId !== null} onClose={onClose} position="right" size="lg" title={c ? `${c.ref} ${c.title}` : 'Change request'}>
      {!c ? <Skeleton h={300} /> : <ChangeDetail key={`${c.id}:${c.version}`} request={c} />}
    </Drawer>
  );
}

function ChangeDetail({ request: c }: { request: ChangeRequestDetail }) {
  const currency = useCurrency();
  const { patch, step } = useChangeMutations();
  const forecast = useChangeForecast(c);
  const tasks = useTaskOptions(c.projectId);
  const draftEditable = c.status === 'draft' && c.allowedSteps.includes('submit');
  const impactEditable = draftEditable || (c.status === 'submitted' && c.allowedSteps.includes('assess')) || (c.status === 'deferred' && c.allowedSteps.includes('reassess'));
  const initial = {
    description: c.description,
    reason: c.reason,
    cost: toMajor(c.costImpact, currency) as number | string,
    days: c.scheduleImpactDays as number | string,
    changes: c.taskChanges.map((t) => ({ taskId: t.taskId, days: t.days })) as TaskChangeDraft[],
    scopeImpact: c.scopeImpact,
    benefitsImpact: c.benefitsImpact,
    riskImpact: c.riskImpact,
  };
  const [draft, setDraft] = useState(initial);
  const [taking, setTaking] = useState<Step | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const errors = serverFieldErrors(patch.error);
  const save = () => {
    const impact = { costImpact: toMinor(Number(draft.cost) || 0, currency), scheduleImpactDays: Number(draft.days) || 0, taskChanges: taskChangesOf(draft.changes), scopeImpact: draft.scopeImpact, benefitsImpact: draft.benefitsImpact, riskImpact: draft.riskImpact };
    patch.mutate({ id: c.id, patch: { version: c.version, ...impact, ...(draftEditable ? { description: draft.description, reason: draft.reason } : {}) } });
  };
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const error = problem(patch.error);
  const decided = c.status === 'approved' || c.status === 'implemented';
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <StatusBadge status={c.status} />
        {c.authority && (
          <Badge variant="outline" color="gray" size="sm">
            {BOARD_LABEL[c.authority]}
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          {c.projectCode} · raised by {c.requestedByName} on {formatDate(c.createdAt.slice(0, 10))}
        </Text>
      </Group>
      <Stepper active={STAGE[c.status]} size="xs" aria-label="Workflow">
        <Stepper.Step label="Draft" />
        <Stepper.Step label="Submitted" />
        <Stepper.Step label="Assessed" description={c.status === 'deferred' ? 'deferred' : undefined} />
        <Stepper.Step label={c.status === 'rejected' ? 'Rejected' : 'Approved'} color={c.status === 'rejected' ? 'red' : undefined} />
        <Stepper.Step label="Implemented" />
      </Stepper>
      {error && (
        <Alert color="red" role="alert" title="Not saved">
          {error}
        </Alert>
      )}

      <Title order={4}>Request</Title>
      <Textarea label="What should change" autosize minRows={2} value={draft.description} onChange={(e) => set('description', e.currentTarget.value)} readOnly={!draftEditable} error={errors.description} />
      <Textarea label="Why" autosize minRows={2} value={draft.reason} onChange={(e) => set('reason', e.currentTarget.value)} readOnly={!draftEditable} error={errors.reason} />

      <Title order={4}>Impact</Title>
      <Group grow align="flex-start">
        <NumberInput label="Cost" prefix={currencySymbol(currency)} thousandSeparator="," value={draft.cost} onChange={(v) => set('cost', v)} readOnly={!impactEditable} error={errors.costImpact} />
        <NumberInput label="Finish moves by (working days)" decimalScale={2} value={draft.days} onChange={(v) => set('days', v)} readOnly={!impactEditable || draft.changes.length > 0} error={errors.scheduleImpactDays} />
      </Group>
      {(impactEditable || draft.changes.length > 0) && <TaskChangesEditor value={draft.changes} onChange={(v) => set('changes', v)} tasks={tasks} errors={errors} disabled={!impactEditable} />}
      {forecast.data && forecast.data.finishBefore && (
        <Text size="sm" aria-label="Forecast">
          Finish {formatDate(forecast.data.finishBefore.slice(0, 10))} <IconArrowRight size={12} /> {formatDate(forecast.data.finishAfter?.slice(0, 10))} (<DaysImpact days={forecast.data.scheduleImpactDays} /> working days, by the schedule engine)
        </Text>
      )}
      {forecast.error && (
        <Alert color="yellow" title="The plan has changed">
          {problem(forecast.error)}
        </Alert>
      )}
      <Textarea label="Scope" autosize minRows={1} value={draft.scopeImpact} onChange={(e) => set('scopeImpact', e.currentTarget.value)} readOnly={!impactEditable} error={errors.scopeImpact} placeholder={impactEditable ? 'What it adds or removes (write "none" if none)' : undefined} />
      <Textarea label="Benefits" autosize minRows={1} value={draft.benefitsImpact} onChange={(e) => set('benefitsImpact', e.currentTarget.value)} readOnly={!impactEditable} error={errors.benefitsImpact} />
      <Textarea label="Risk" autosize minRows={1} value={draft.riskImpact} onChange={(e) => set('riskImpact', e.currentTarget.value)} readOnly={!impactEditable} error={errors.riskImpact} />
      {dirty && (
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => setDraft(initial)}>
            Discard
          </Button>
          <Button onClick={save} loading={patch.isPending}>
            Save changes
          </Button>
        </Group>
      )}

      {c.authority && (
        <Alert color="gray" variant="light" title={`Decided by the ${BOARD_LABEL[c.authority].toLowerCase()}`}>
          {c.authorityReason}
        </Alert>
      )}
      {decided && (
        <Alert color="green" variant="light" title="What approval did">
          <Stack gap={2}>
            <Text size="sm">
              Budget: {c.budgetBefore === null ? 'the project has no budget to move' : `${formatMoney(c.budgetBefore, currency)} → ${formatMoney(c.budgetAfter, currency)}`} (<CostImpact minor={c.costImpact} currency={currency} />)
            </Text>
            <Text size="sm">{c.baselineNumber === null ? 'The project has no plan to re-baseline.' : `The approved plan is saved as baseline ${c.baselineNumber}.`}</Text>
          </Stack>
        </Alert>
      )}

      {c.allowedSteps.length > 0 && (
        <Group gap="xs">
          {c.allowedSteps.map((s) => (
            <Button key={s} size="sm" color={STEP_BUTTON[s].colour} variant={STEP_BUTTON[s].variant ?? 'filled'} onClick={() => setTaking(s)} disabled={dirty} title={dirty ? 'Save or discard your edits first' : undefined}>
              {STEP_BUTTON[s].label}
            </Button>
          ))}
        </Group>
      )}

      <Divider label="Steps" labelPosition="left" />
      {c.steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          A draft: nobody has seen it yet.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={c.steps.length - 1} aria-label="Steps">
          {c.steps.map((s) => (
            <Timeline.Item key={s.id} title={STEP_PAST[s.step]}>
              <Text size="xs" c="dimmed">
                {s.actorName} · {formatDateTime(s.at)}
              </Text>
              {s.note && <Text size="sm">{s.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <StepModal request={c} step={taking} onClose={() => setTaking(null)} pending={step.isPending} error={step.error} onTake={(note) => step.mutate({ id: c.id, input: { step: taking!, version: c.version, note } }, { onSuccess: () => setTaking(null) })} reset={() => step.reset()} />
    </Stack>
  );
}

function StepModal({ request: c, step, onClose, onTake, pending, error, reset }: { request: ChangeRequestDetail; step: Step | null; onClose: () => void; onTake: (note: string) => void; pending: boolean; error: unknown; reset: () => void }) {
  const currency = useCurrency();
  const [note, setNote] = useState('');
  const needsNote = step === 'reject' || step === 'defer';
  const errors = serverFieldErrors(error);
  const close = () => (reset(), setNote(''), onClose());
  return (
    <CreateModal opened={step !== null} title={step ? `${STEP_BUTTON[step].label}: ${c.ref}` : ''} submitLabel={step ? STEP_BUTTON[step].label : ''} pending={pending} error={error} onClose={close} onSubmit={() => onTake(note)}>
      {step === 'approve' && (
        <Text size="sm">
          Approving changes the plan and the budget now: {c.taskChanges.length > 0 ? `${c.taskChanges.length} task ${c.taskChanges.length === 1 ? 'duration' : 'durations'} change, ` : ''}
          the budget moves by <CostImpact minor={c.costImpact} currency={currency} />, and the plan is saved as a new baseline. The decision goes to the decision log.
        </Text>
      )}
      {Object.entries(errors).filter(([f]) => f !== 'note').length > 0 && (
        <Alert color="red" role="alert" title="Not yet">
          <Stack gap={2}>
            {Object.entries(errors)
              .filter(([f]) => f !== 'note')
              .map(([f, reason]) => (
                <Text key={f} size="sm">
                  {FIELD_LABEL[f] ?? f}: {reason}
                </Text>
              ))}
          </Stack>
        </Alert>
      )}
      <Textarea label={needsNote ? 'Why' : 'Note'} required={needsNote} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-autofocus />
    </CreateModal>
  );
}
