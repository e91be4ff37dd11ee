import { Grid, NumberInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useCapacityMutations, type Person, type Role } from '../../api/capacity';
import { usePeople as useMembers } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { PersonSelect } from '../../shared/person-select';
import { sentence } from '../../shared/validation';
import { AbsencesEditor } from './absences-editor';
import { ConflictNotice } from './conflict-notice';
import { conflictCurrent, generalProblem, serverIssues } from './form-errors';
import { MonthField } from './month-field';
import { changedPersonFields, personBody, personDraft, personProblems, type PersonDraft } from './person-draft';
import { RecordModal } from './record-modal';

const FIELDS = ['roleId', 'userId', 'name', 'fte', 'nonProjectShare', 'fromMonth', 'toMonth', 'absences'];
const SHOWN = (field: string) => FIELDS.includes(field) || /^absences\.\d+\.(from|to|note)$/.test(field);

/** The text typed at a field the server names, to hold back "must not be empty" until there is something or a save was tried. */
function typedAt(d: PersonDraft, field: string): boolean {
  const m = /^absences\.(\d+)\.(from|to|note)$/.exec(field);
  if (m) return (d.absences[Number(m[1])]?.[m[2] as 'from' | 'to' | 'note'] ?? '') !== '';
  return field === 'name' || field === 'roleId' ? d[field] !== '' : true;
}

/**
 * Adds a person to a role or edits one: role, name, optional Pharos account, FTE,
 * non-project share, months in the role and absences. Checks as the user types; the server's
 * reasons land on the fields they name; a version conflict reloads and offers to reapply.
 */
export function PersonModal({ person, roles, defaultRoleId, onClose }: { person: Person | null; roles: Role[]; defaultRoleId?: string; onClose: () => void }) {
  const { orgId } = useCurrentOrganisation();
  const members = useMembers(orgId);
  const { createPerson, updatePerson } = useCapacityMutations(orgId);
  const save = person ? updatePerson : createPerson;
  const [base, setBase] = useState(person);
  const [draft, setDraft] = useState<PersonDraft>(() => personDraft(person, defaultRoleId ?? (roles.length === 1 ? roles[0]?.id : '')));
  const [submitted, setSubmitted] = useState(false);
  const [conflict, setConflict] = useState<{ mine: PersonDraft; changed: string[] } | null>(null);
  const problems = personProblems(draft);
  const server = serverIssues(save.error);
  const errorOf = (field: string): string | undefined => {
    const p = problems[field];
    return p && (submitted || typedAt(draft, field)) ? sentence(p) : server[field];
  };
  const change = (patch: Partial<PersonDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (save.error && !conflictCurrent(save.error)) save.reset();
  };
  const submit = () => {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    const body = personBody(draft);
    const onError = (error: Error) => {
      const current = conflictCurrent<Person>(error);
      if (!current || !base) return;
      setConflict({ mine: draft, changed: changedPersonFields(base, current) });
      setBase(current);
      setDraft(personDraft(current));
    };
    if (base) updatePerson.mutate({ id: base.id, version: base.version, ...body }, { onSuccess: onClose, onError });
    else createPerson.mutate(body, { onSuccess: onClose });
  };
  return (
    <RecordModal
      opened
      title={person ? `Edit ${person.name}` : 'Add a person'}
      submitLabel={person ? 'Save person' : 'Add person'}
      pending={save.isPending}
      problem={generalProblem(save.error, server, SHOWN)}
      notice={
        conflict &&
        base && (
          <ConflictNotice
            what="person"
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
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Name" value={draft.name} onChange={(e) => change({ name: e.currentTarget.value })} error={errorOf('name')} required data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label="Role"
            placeholder="Choose a role"
            data={roles.map((r) => ({ value: r.id, label: `${r.code} · ${r.name}` }))}
            value={draft.roleId || null}
            onChange={(v) => change({ roleId: v ?? '' })}
            searchable
            allowDeselect={false}
            error={errorOf('roleId')}
            required
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <PersonSelect
            label="Pharos account"
            description="Optional: the person's sign-in, if they have one"
            placeholder="No account"
            value={draft.userId}
            onChange={(userId) => {
              const accountName = userId ? members.data?.get(userId) : undefined;
              change({ userId, ...(accountName && !draft.name.trim() ? { name: accountName } : {}) });
            }}
            error={errorOf('userId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NumberInput label="FTE" description="1 = full time" inputWrapperOrder={['label', 'input', 'description', 'error']} min={0} max={1.5} clampBehavior="none" step={0.1} decimalScale={2} value={draft.fte} onChange={(fte) => change({ fte })} error={errorOf('fte')} required />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NumberInput label="Non-project work" description="Support, line duties" inputWrapperOrder={['label', 'input', 'description', 'error']} suffix="%" min={0} max={100} clampBehavior="none" decimalScale={1} value={draft.nonProjectPercent} onChange={(v) => change({ nonProjectPercent: v })} error={errorOf('nonProjectShare')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <MonthField label="First month" placeholder="Always" value={draft.fromMonth} onChange={(fromMonth) => change({ fromMonth })} error={errorOf('fromMonth')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <MonthField label="Last month" placeholder="Open-ended" value={draft.toMonth} onChange={(toMonth) => change({ toMonth })} error={errorOf('toMonth')} />
        </Grid.Col>
      </Grid>
      <AbsencesEditor absences={draft.absences} onChange={(absences) => change({ absences })} errorOf={errorOf} />
    </RecordModal>
  );
}
