import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useRaidMutations, type RaidLevel, type RiskMatrixDocument } from '../../api/raid';
import { CreateModal } from '../../shared/create-modal';
import { PersonSelect } from '../../shared/person-select';
import { nameProblem, serverFieldErrors } from '../../shared/validation';

/** Levels of a scale as select options: `3 · Medium`. */
export const levelOptions = (labels: readonly { label: string }[]) => labels.map((l, i) => ({ value: String(i + 1), label: `${i + 1} · ${l.label}` }));

type Props = { opened: boolean; onClose: () => void; level: RaidLevel; matrix: RiskMatrixDocument | undefined };

/** Raise a risk: what could happen, why and to what effect, and how likely and how bad it is. */
export function NewRiskModal({ opened, onClose, level, matrix }: Props) {
  const { createRisk } = useRaidMutations();
  const [title, setTitle] = useState('');
  const [cause, setCause] = useState('');
  const [event, setEvent] = useState('');
  const [effect, setEffect] = useState('');
  const [probability, setProbability] = useState<string | null>('3');
  const [impact, setImpact] = useState<string | null>('3');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const fieldErrors = serverFieldErrors(createRisk.error);
  const titleProblem = touched ? nameProblem(title) : null;
  const close = () => {
    createRisk.reset();
    setTouched(false);
    onClose();
  };
  const submit = () => {
    setTouched(true);
    if (nameProblem(title) || !probability || !impact) return;
    createRisk.mutate(
      { ...level, title, cause, event, effect, ownerId, probability: Number(probability), impact: Number(impact) },
      {
        onSuccess: () => {
          setTitle('');
          setCause('');
          setEvent('');
          setEffect('');
          setOwnerId(null);
          close();
        },
      },
    );
  };
  return (
    <CreateModal opened={opened} title="Raise a risk" size="lg" submitLabel="Raise risk" pending={createRisk.isPending} error={createRisk.error} onClose={close} onSubmit={submit}>
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={titleProblem ?? fieldErrors.title} data-autofocus />
      <Textarea label="Cause" description="Because of…" autosize minRows={1} value={cause} onChange={(e) => setCause(e.currentTarget.value)} error={fieldErrors.cause} />
      <Textarea label="Event" description="…this may happen…" autosize minRows={1} value={event} onChange={(e) => setEvent(e.currentTarget.value)} error={fieldErrors.event} />
      <Textarea label="Effect" description="…with this effect on the objectives" autosize minRows={1} value={effect} onChange={(e) => setEffect(e.currentTarget.value)} error={fieldErrors.effect} />
      <PersonSelect label="Owner" description="Who watches this risk and carries out the response" value={ownerId} onChange={setOwnerId} error={fieldErrors.ownerId} />
      <Group grow>
        <Select label="Probability" required data={levelOptions(matrix?.probability ?? [])} value={probability} onChange={setProbability} error={fieldErrors.probability} allowDeselect={false} />
        <Select label="Impact" required data={levelOptions(matrix?.impact ?? [])} value={impact} onChange={setImpact} error={fieldErrors.impact} allowDeselect={false} />
      </Group>
    </CreateModal>
  );
}
