import { Grid, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateProject } from '../../api/mutations';
import type { TreeProgramme } from '../../api/types';
import { DateField } from '../date-field';
import { codeProblem, nameProblem, optionalDateProblem, sentence, serverFieldErrors } from '../validation';
import { CreateModal } from '../create-modal';

type Props = { opened: boolean; onClose: () => void; portfolioId: string; programmes: TreeProgramme[]; programmeId?: string };

/** Creates a project (in the proposal stage) in a portfolio or one of its programmes. */
export function NewProjectModal({ opened, onClose, portfolioId, programmes, programmeId }: Props) {
  const create = useCreateProject();
  const navigate = useNavigate();
  const [form, setForm] = useState({ code: '', name: '', programmeId: programmeId ?? '', plannedStart: '', plannedFinish: '' });
  const [touched, setTouched] = useState(false);
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const server = serverFieldErrors(create.error);
  const show = (field: keyof typeof form, problem: string | null) => ((touched || form[field]) && problem ? sentence(problem) : server[field]);
  const finishProblem =
    optionalDateProblem(form.plannedFinish) ??
    (form.plannedStart && form.plannedFinish && !optionalDateProblem(form.plannedStart) && form.plannedFinish < form.plannedStart ? 'must not be before the planned start' : null);
  const problems = { code: codeProblem(form.code), name: nameProblem(form.name), plannedStart: optionalDateProblem(form.plannedStart), plannedFinish: finishProblem };

  const close = () => {
    create.reset();
    setTouched(false);
    setForm({ code: '', name: '', programmeId: programmeId ?? '', plannedStart: '', plannedFinish: '' });
    onClose();
  };

  const submit = () => {
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    create.mutate(
      {
        portfolioId,
        programmeId: form.programmeId || null,
        code: form.code,
        name: form.name,
        plannedStart: form.plannedStart || null,
        plannedFinish: form.plannedFinish || null,
        description: '',
        sponsorId: null,
        managerId: null,
        stage: 'proposal',
        state: 'active',
        budget: null,
        tags: [],
      },
      {
        onSuccess: (p) => {
          close();
          void navigate(`/projects/${p.id}`);
        },
      },
    );
  };

  return (
    <CreateModal opened={opened} onClose={close} title="New project" size="lg" submitLabel="Create project" pending={create.isPending} error={create.error} onSubmit={submit}>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Code" placeholder="DIG-042" value={form.code} onChange={(e) => set('code')(e.currentTarget.value)} error={show('code', problems.code)} required data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label="Name" value={form.name} onChange={(e) => set('name')(e.currentTarget.value)} error={show('name', problems.name)} required />
        </Grid.Col>
      </Grid>
      <Select
        label="Programme"
        placeholder="None: straight in the portfolio"
        data={programmes.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` }))}
        value={form.programmeId || null}
        onChange={(v) => set('programmeId')(v ?? '')}
        clearable
        allowDeselect
        error={server.programmeId}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField label="Planned start" value={form.plannedStart} onChange={set('plannedStart')} error={show('plannedStart', problems.plannedStart)} />
        <DateField label="Planned finish" value={form.plannedFinish} onChange={set('plannedFinish')} error={show('plannedFinish', problems.plannedFinish)} minDate={form.plannedStart} />
      </SimpleGrid>
    </CreateModal>
  );
}
