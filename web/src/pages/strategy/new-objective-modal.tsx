import { Grid, NumberInput, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useCreateObjective } from '../../api/mutations';
import type { StrategyNode } from '../../api/types';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { codeProblem, nameProblem, sentence, serverFieldErrors } from '../../shared/validation';
import { CreateModal } from '../../shared/create-modal';

const EMPTY = { code: '', name: '', parentId: '', weight: 1 as number | string, measure: '', target: '' };

export function NewObjectiveModal({ opened, onClose, objectives }: { opened: boolean; onClose: () => void; objectives: StrategyNode[] }) {
  const { orgId } = useCurrentOrganisation();
  const create = useCreateObjective();
  const [form, setForm] = useState(EMPTY);
  const [touched, setTouched] = useState(false);
  const server = serverFieldErrors(create.error);
  const weightProblem = typeof form.weight !== 'number' || form.weight < 0 || form.weight > 100 ? 'must be 0 to 100' : null;
  const problems = { code: codeProblem(form.code), name: nameProblem(form.name), weight: weightProblem };
  const show = (f: 'code' | 'name', p: string | null) => ((touched || form[f]) && p ? sentence(p) : server[f]);

  const close = () => {
    create.reset();
    setTouched(false);
    setForm(EMPTY);
    onClose();
  };

  const submit = () => {
    setTouched(true);
    if (Object.values(problems).some(Boolean) || typeof form.weight !== 'number') return;
    create.mutate(
      { organisationId: orgId, parentId: form.parentId || null, code: form.code, name: form.name, description: '', weight: form.weight, measure: form.measure, target: form.target },
      { onSuccess: close },
    );
  };

  return (
    <CreateModal opened={opened} onClose={close} title="New strategic objective" size="lg" submitLabel="Create objective" pending={create.isPending} error={create.error} onSubmit={submit}>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Code" placeholder="OBJ-1" value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} error={show('code', problems.code)} required data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={show('name', problems.name)} required />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Select
            label="Part of"
            placeholder="None: a top-level objective"
            data={objectives.map((o) => ({ value: o.id, label: `${'\u2003'.repeat(o.depth)}${o.code} ${o.name}` }))}
            value={form.parentId || null}
            onChange={(v) => setForm({ ...form, parentId: v ?? '' })}
            clearable
            allowDeselect
            searchable
            error={server.parentId}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <NumberInput label="Weight" description="Among its siblings, 0–100" value={form.weight} onChange={(v) => setForm({ ...form, weight: v })} min={0} max={100} error={weightProblem && sentence(weightProblem)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Measure" placeholder="Customer satisfaction (CSAT, %)" value={form.measure} onChange={(e) => setForm({ ...form, measure: e.currentTarget.value })} error={server.measure} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Target" placeholder="85% by March 2028" value={form.target} onChange={(e) => setForm({ ...form, target: e.currentTarget.value })} error={server.target} />
        </Grid.Col>
      </Grid>
    </CreateModal>
  );
}
