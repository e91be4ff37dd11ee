import { Grid, NumberInput, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useCapacityMutations, type Role } from '../../api/capacity';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { sentence } from '../../shared/validation';
import { ConflictNotice } from './conflict-notice';
import { conflictCurrent, generalProblem, serverIssues } from './form-errors';
import { FteStepsEditor } from './fte-steps-editor';
import { RecordModal } from './record-modal';
import { changedRoleFields, roleBody, roleDraft, roleProblems, type RoleDraft } from './role-draft';

const SHOWN = (field: string) => ['code', 'name', 'description', 'hoursPerFteMonth', 'fteSteps'].includes(field) || /^fteSteps\.\d+\.(from|fte)$/.test(field);

/**
 * Adds a role or edits one: code, name, hours per FTE month and the unnamed FTE steps.
 * Problems show as the user types; the server's reasons land on the fields they name; a
 * version conflict reloads the form with the other person's version and offers to reapply.
 */
export function RoleModal({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const { orgId } = useCurrentOrganisation();
  const { createRole, updateRole } = useCapacityMutations(orgId);
  const save = role ? updateRole : createRole;
  const [base, setBase] = useState(role);
  const [draft, setDraft] = useState<RoleDraft>(() => roleDraft(role));
  const [submitted, setSubmitted] = useState(false);
  const [conflict, setConflict] = useState<{ mine: RoleDraft; changed: string[] } | null>(null);
  const problems = roleProblems(draft);
  const server = serverIssues(save.error);
  const errorOf = (field: string): string | undefined => {
    const typed = field === 'code' || field === 'name' ? (draft[field] !== '' || submitted) : true;
    const p = problems[field];
    return p && typed ? sentence(p) : server[field];
  };
  const change = (patch: Partial<RoleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (save.error && !conflictCurrent(save.error)) save.reset();
  };
  const submit = () => {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    const body = roleBody(draft);
    const onError = (error: Error) => {
      const current = conflictCurrent<Role>(error);
      if (!current || !base) return;
      setConflict({ mine: draft, changed: changedRoleFields(base, current) });
      setBase(current);
      setDraft(roleDraft(current));
    };
    if (base) updateRole.mutate({ id: base.id, version: base.version, ...body }, { onSuccess: onClose, onError });
    else createRole.mutate(body, { onSuccess: onClose });
  };
  return (
    <RecordModal
      opened
      title={role ? `Edit role ${role.code}` : 'Add a role'}
      submitLabel={role ? 'Save role' : 'Add role'}
      pending={save.isPending}
      problem={generalProblem(save.error, server, SHOWN)}
      notice={
        conflict &&
        base && (
          <ConflictNotice
            what="role"
            changed={conflict.changed}
            version={base.version}
            onReapply={() => {
              setDraft(conflict.mine);
              setConflict(null);
              save.reset();
            }}
          />
        )
      }
      onClose={onClose}
      onSubmit={submit}
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Code" placeholder="DEV" value={draft.code} onChange={(e) => change({ code: e.currentTarget.value })} error={errorOf('code')} required data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label="Name" placeholder="Developer" value={draft.name} onChange={(e) => change({ name: e.currentTarget.value })} error={errorOf('name')} required />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={1} maxRows={4} value={draft.description} onChange={(e) => change({ description: e.currentTarget.value })} error={errorOf('description')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NumberInput
            label="Hours per FTE month"
            description="Project hours one full-time person gives in an average month"
            suffix=" h"
            min={1}
            max={744}
            clampBehavior="none"
            value={draft.hoursPerFteMonth}
            onChange={(v) => change({ hoursPerFteMonth: v })}
            error={errorOf('hoursPerFteMonth')}
            required
          />
        </Grid.Col>
      </Grid>
      <FteStepsEditor steps={draft.steps} onChange={(steps) => change({ steps })} errorOf={errorOf} />
    </RecordModal>
  );
}
