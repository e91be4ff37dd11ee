import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { isApiError } from '../../../api/client';
import { useScoringMutations, type ScoringModel } from '../../../api/scoring';
import { serverFieldErrors } from '../../../shared/validation';
import { CriteriaEditor } from './criteria-editor';
import { assess, bodyOf, draftOf, newDraft, type ModelDraft } from './model-draft';
import { PairwiseEditor } from './pairwise-editor';

type Props = {
  portfolioId: string;
  /** The model to edit, or null for a new one. */
  model: ScoringModel | null;
  onClose: () => void;
  onSaved: (model: ScoringModel) => void;
};

/**
 * Defines a scoring model: its criteria with their scales and directions, and weights set
 * directly or by comparing the criteria in pairs. The engine's weights and consistency ratio
 * show as the user types; the server checks the same rules again.
 */
export function ModelEditor({ portfolioId, model, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState<ModelDraft>(() => (model ? draftOf(model) : newDraft()));
  const [touched, setTouched] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { create, update, remove } = useScoringMutations(portfolioId);
  const saving = create.isPending || update.isPending;
  const { issues, weights } = useMemo(() => assess(draft), [draft]);
  const savedIds = useMemo(() => new Set(model?.criteria.map((c) => c.id) ?? []), [model]);
  const server = serverFieldErrors(create.error ?? update.error);
  const errors: Record<string, string> = { ...server, ...(touched ? Object.fromEntries(issues.map((i) => [i.field, i.reason])) : {}) };
  const change = (patch: Partial<ModelDraft>) => {
    setTouched(true);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const save = async () => {
    setTouched(true);
    if (issues.length > 0 || !draft.name.trim()) return;
    const saved = model ? await update.mutateAsync({ id: model.id, version: model.version, ...bodyOf(draft) }) : await create.mutateAsync(bodyOf(draft));
    onSaved(saved);
  };
  const conflict = isApiError(update.error, 409);
  const otherError = (create.error ?? update.error) && !conflict && Object.keys(server).length === 0 ? (create.error ?? update.error)?.message : null;
  const ratio = weights?.consistency?.consistencyRatio;

  return (
    <Modal opened onClose={onClose} title={model ? `Edit ${model.name}` : 'New scoring model'} size="xl">
      <Stack gap="md">
        <Group grow align="flex-start">
          <TextInput label="Name" value={draft.name} onChange={(e) => change({ name: e.currentTarget.value })} error={errors.name ?? (touched && !draft.name.trim() ? 'must not be empty' : undefined)} required />
          <SegmentedControl
            mt={24}
            aria-label="How the weights are set"
            value={draft.weighting}
            onChange={(v) => change({ weighting: v as ModelDraft['weighting'] })}
            data={[
              { value: 'direct', label: 'Set weights directly' },
              { value: 'pairwise', label: 'Compare in pairs (AHP)' },
            ]}
          />
        </Group>
        <Textarea label="Description" autosize minRows={1} value={draft.description} onChange={(e) => change({ description: e.currentTarget.value })} />
        <Title order={3} size="h5">
          Criteria
        </Title>
        <CriteriaEditor criteria={draft.criteria} weighting={draft.weighting} weights={weights?.weights ?? null} errors={errors} savedIds={savedIds} onChange={(criteria) => change({ criteria })} />
        {draft.weighting === 'pairwise' && (
          <>
            <Group justify="space-between">
              <Title order={3} size="h5">
                Pairwise comparisons
              </Title>
              {ratio !== undefined && (
                <Text size="sm" c={ratio > 0.1 ? 'orange.8' : 'dimmed'}>
                  Consistency ratio {ratio.toFixed(2)} {ratio > 0.1 ? '(above 0.1: review the comparisons)' : '(consistent)'}
                </Text>
              )}
            </Group>
            <PairwiseEditor criteria={draft.criteria} pairwise={draft.pairwise} onChange={(pairwise) => change({ pairwise })} />
          </>
        )}
        {weights && weights.warnings.length > 0 && (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} title="Saved with a warning">
            {weights.warnings.map((w) => (
              <Text key={w} size="sm">
                {w}
              </Text>
            ))}
          </Alert>
        )}
        {conflict && (
          <Alert color="red" title="Someone else changed this model">
            Close this window to see their version, then make your change again.
          </Alert>
        )}
        {otherError && (
          <Alert color="red" role="alert">
            {otherError}
          </Alert>
        )}
        <Group justify="space-between">
          {model ? (
            <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
              Delete model
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void save().catch(() => undefined)} loading={saving}>
              {model ? 'Save model' : 'Create model'}
            </Button>
          </Group>
        </Group>
      </Stack>
      {model && (
        <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={`Delete ${model.name}?`}>
          <Stack>
            <Text size="sm">Every project&apos;s values on this model are deleted with it. Scenarios that value projects by it must be changed first.</Text>
            {remove.error && (
              <Alert color="red" role="alert">
                {remove.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => void remove.mutateAsync({ id: model.id, version: model.version }).then(onClose, () => undefined)}>
                Delete
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Modal>
  );
}
