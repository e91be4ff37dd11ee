import { Button, Group, NumberInput, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { StrategyNode } from '../../api/types';

type Props = {
  objectives: StrategyNode[];
  /** Objectives the project already serves (not offered again). */
  taken: Set<string>;
  onAdd: (input: { objectiveId: string; weight: number }) => void;
  busy: boolean;
  error?: string;
};

/** Links the project to an objective: pick it from the tree, give a weight, add. */
export function AddContribution({ objectives, taken, onAdd, busy, error }: Props) {
  const [objectiveId, setObjectiveId] = useState<string | null>(null);
  const [weight, setWeight] = useState<number | string>(100);
  const weightProblem = typeof weight !== 'number' ? 'Enter 0 to 100' : weight < 0 || weight > 100 ? 'Must be 0 to 100' : null;
  const options = objectives
    .filter((o) => !taken.has(o.id))
    .map((o) => ({ value: o.id, label: `${'\u2003'.repeat(o.depth)}${o.code} ${o.name}` }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!objectiveId || weightProblem || typeof weight !== 'number') return;
    onAdd({ objectiveId, weight });
    setObjectiveId(null);
    setWeight(100);
  };

  return (
    <form onSubmit={submit} aria-label="Add a contribution">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <Select
          label="Objective"
          placeholder={options.length ? 'Choose the objective it serves' : 'It already serves every objective'}
          data={options}
          value={objectiveId}
          onChange={setObjectiveId}
          searchable
          nothingFoundMessage="No objective matches"
          error={error}
          w={{ base: '100%', sm: 380 }}
          disabled={options.length === 0}
          size="sm"
        />
        <NumberInput label="Weight" value={weight} onChange={setWeight} min={0} max={100} suffix="%" w={110} error={weightProblem} size="sm" />
        <Button type="submit" leftSection={<IconPlus size={16} />} loading={busy} disabled={!objectiveId || !!weightProblem} mt={24} size="sm">
          Add
        </Button>
      </Group>
    </form>
  );
}
