import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { SimulationStart } from '../../../api/simulations';
import { DateField } from '../../../shared/date-field';
import { optionalDateProblem, serverFieldErrors } from '../../../shared/validation';

type Props = { pending: boolean; error: unknown; disabled: boolean; onStart: (body: Partial<SimulationStart>) => void };

type Values = { iterations: number | string; seed: number | string; dist: string; min: number | string; mode: number | string; max: number | string; targetDate: string; confidence: number | string; correlation: number | string };

const num = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));

/** The problems of the typed values, worded as the server words them, by field. */
function problems(v: Values): Record<string, string> {
  const out: Record<string, string> = {};
  const it = num(v.iterations);
  if (it === null || !Number.isInteger(it)) out.iterations = 'Must be a whole number';
  else if (it < 100) out.iterations = 'Must be at least 100';
  else if (it > 100_000) out.iterations = 'Must be at most 100000';
  const seed = num(v.seed);
  if (seed !== null && (!Number.isInteger(seed) || seed < 0 || seed > 4_294_967_295)) out.seed = 'Must be a whole number from 0 to 4294967295';
  const [min, mode, max] = [num(v.min), num(v.mode), num(v.max)];
  if (min === null || mode === null || max === null) out.band = 'Give the least, most likely and most, as % of each duration';
  else if (min > mode) out.band = `The least must not exceed the most likely (${min}% > ${mode}%)`;
  else if (mode > max) out.band = `The most must not be below the most likely (${max}% < ${mode}%)`;
  else if (max <= 0) out.band = 'The most must be above 0%';
  const date = optionalDateProblem(v.targetDate);
  if (date) out.targetDate = date;
  const c = num(v.confidence);
  if (c === null || c <= 0 || c >= 100) out.confidence = 'Must be above 0% and below 100%';
  const rho = num(v.correlation);
  if (rho === null || rho < 0 || rho >= 1) out.correlation = 'Must be 0 or more and below 1';
  return out;
}

/** What a run is asked to do: how many iterations, the seed, how uncertain each duration is, a date to meet, the confidence for contingency. */
export function SimulationForm({ pending, error, disabled, onStart }: Props) {
  const [v, setV] = useState<Values>({ iterations: 10_000, seed: '', dist: 'triangular', min: 90, mode: 100, max: 130, targetDate: '', confidence: 80, correlation: 0 });
  const set = (k: keyof Values) => (value: number | string | null) => setV((old) => ({ ...old, [k]: value ?? '' }));
  const local = problems(v);
  const server = serverFieldErrors(error);
  const err = (k: string) => local[k] ?? server[k];
  const submit = () => {
    if (Object.keys(local).length) return;
    const seed = num(v.seed);
    onStart({
      iterations: Number(v.iterations),
      ...(seed !== null ? { seed } : {}),
      band: { dist: v.dist as 'triangular', min: Number(v.min) / 100, mode: Number(v.mode) / 100, max: Number(v.max) / 100 },
      targetDate: v.targetDate === '' ? null : v.targetDate,
      confidence: Number(v.confidence) / 100,
      correlation: Number(v.correlation),
    });
  };
  return (
    <Paper withBorder p="md" component="form" aria-label="Start a simulation" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <NumberInput label="Iterations" min={100} max={100_000} step={1000} thousandSeparator="," value={v.iterations} onChange={set('iterations')} error={err('iterations')} allowDecimal={false} />
        <NumberInput label="Seed" description="Blank: a new random seed" min={0} value={v.seed} onChange={set('seed')} error={err('seed')} allowDecimal={false} />
        <NumberInput label="Confidence" description="For contingency (P80: 80)" suffix="%" min={1} max={99} value={v.confidence} onChange={set('confidence')} error={err('confidence')} />
        <DateField label="Target finish" value={v.targetDate} onChange={set('targetDate')} error={err('targetDate')} />
        <Select label="Duration spread" data={[{ value: 'triangular', label: 'Triangular' }, { value: 'pert', label: 'PERT (beta)' }, { value: 'uniform', label: 'Uniform' }]} value={v.dist} onChange={(d) => set('dist')(d ?? 'triangular')} allowDeselect={false} />
        <NumberInput label="Least" description="% of each duration" suffix="%" min={0} value={v.min} onChange={set('min')} error={err('band') ? ' ' : undefined} />
        <NumberInput label="Most likely" description="% of each duration" suffix="%" min={0} value={v.mode} onChange={set('mode')} error={err('band') ? ' ' : undefined} />
        <NumberInput label="Most" description="% of each duration" suffix="%" min={0} value={v.max} onChange={set('max')} error={err('band') ? ' ' : undefined} />
        <NumberInput label="Correlation" description="Tasks under one summary, 0 to 0.95" min={0} max={0.95} step={0.1} decimalScale={2} value={v.correlation} onChange={set('correlation')} error={err('correlation')} />
      </SimpleGrid>
      {err('band') && (
        <Text c="red" size="sm" mt={4} role="alert">
          Duration spread: {err('band')}
        </Text>
      )}
      {server.plan && (
        <Text c="red" size="sm" mt={4} role="alert">
          Plan: {server.plan}
        </Text>
      )}
      <Group mt="md">
        <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={pending} disabled={disabled}>
          Run simulation
        </Button>
        <Text size="sm" c="dimmed">
          The plan&apos;s tasks and the project&apos;s open risks with quantified impacts are simulated together.
        </Text>
      </Group>
    </Paper>
  );
}
