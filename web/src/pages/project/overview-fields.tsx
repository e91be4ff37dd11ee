import { Anchor, Grid, Group, NumberInput, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import { STAGES, STAGE_LABELS, STATES, STATE_LABELS, stageChangeWarning, type ProjectState, type Stage } from '../../../../src/domain/structure/index.js';
import { usePeople } from '../../api/queries';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { DateField } from '../../shared/date-field';
import { currencySymbol, minorDigits } from '../../shared/format';
import { validDate, type DraftField } from './project-draft';
import { useProjectContext } from './project-context';
import type { ProjectEditor } from './use-project-editor';

const stageOptions = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));
const stateOptions = STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }));

/** The project's own fields, editable in place where the person's roles allow. */
export function OverviewFields({ editor, currency }: { editor: ProjectEditor; currency: string }) {
  const { project, mode, may } = useProjectContext();
  const people = usePeople(useCurrentOrganisation().orgId).data;
  const { draft, set, problems, serverErrors, base } = editor;
  // Checks as you type show once a field differs from the saved record; server reasons always show.
  const error = (f: DraftField) => serverErrors[f] ?? (editor.dirty.includes(f) ? problems[f] : undefined);
  const ro = !may.update;

  const stageError = serverErrors.stage ? (
    <>
      {serverErrors.stage}
      {!project.aligned && (
        <>
          {' '}
          <Anchor component={Link} to={`/projects/${project.id}/strategy`} size="xs" fw={600}>
            Link it to an objective
          </Anchor>
        </>
      )}
    </>
  ) : undefined;
  const warning = mode ? stageChangeWarning({ mode, from: base.stage, to: draft.stage, contributionCount: project.contributionCount }) : null;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="sm">
          <TextInput label="Name" value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={error('name')} readOnly={ro} required />
          <Textarea
            label="Description"
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={error('description')}
            readOnly={ro}
            autosize
            minRows={3}
            maxRows={14}
            placeholder={ro ? 'No description' : 'What the project changes, for whom, and why'}
          />
          <TagsInput
            label="Tags"
            value={draft.tags}
            onChange={(v) => set('tags', v)}
            error={error('tags')}
            readOnly={ro}
            placeholder={ro ? '' : 'Type a tag and press Enter'}
            clearable={!ro}
            splitChars={[',']}
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="sm">
          <TextInput label="Code" value={draft.code} onChange={(e) => set('code', e.currentTarget.value)} error={error('code')} readOnly={ro} required styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
          <Grid gap="sm">
            <Grid.Col span={6}>
              <Select
                label="Stage"
                data={stageOptions}
                value={draft.stage}
                onChange={(v) => v && set('stage', v as Stage)}
                error={stageError}
                description={!stageError && warning ? `Warning: ${warning}` : undefined}
                readOnly={!may.changeStage}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <Select label="State" data={stateOptions} value={draft.state} onChange={(v) => v && set('state', v as ProjectState)} error={error('state')} readOnly={ro} />
            </Grid.Col>
            <Grid.Col span={6}>
              <DateField label="Planned start" value={draft.plannedStart} onChange={(v) => set('plannedStart', v)} error={error('plannedStart')} readOnly={ro} />
            </Grid.Col>
            <Grid.Col span={6}>
              <DateField
                label="Planned finish"
                value={draft.plannedFinish}
                onChange={(v) => set('plannedFinish', v)}
                error={error('plannedFinish')}
                readOnly={ro}
                minDate={validDate(draft.plannedStart)}
              />
            </Grid.Col>
          </Grid>
          <NumberInput
            label={`Budget (${currency})`}
            description="Headline budget"
            value={draft.budget}
            onChange={(v) => set('budget', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
            error={error('budget')}
            readOnly={ro}
            prefix={currencySymbol(currency)}
            thousandSeparator=","
            decimalScale={minorDigits(currency)}
            min={0}
            allowNegative={false}
            hideControls
            styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
          />
          <Group gap="lg" aria-label="People">
            <Text size="sm">
              <Text span size="sm" fw={600}>
                Sponsor:
              </Text>{' '}
              {project.sponsorId ? (people?.get(project.sponsorId) ?? '…') : 'none yet'}
            </Text>
            <Text size="sm">
              <Text span size="sm" fw={600}>
                Manager:
              </Text>{' '}
              {project.managerId ? (people?.get(project.managerId) ?? '…') : 'none yet'}
            </Text>
          </Group>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
