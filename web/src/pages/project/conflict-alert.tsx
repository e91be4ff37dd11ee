import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import type { Project } from '../../api/types';
import { fieldLabel, formatFieldValue } from './field-values';
import type { Conflict } from './use-project-editor';

const COMPARED: (keyof Project)[] = ['name', 'code', 'description', 'stage', 'state', 'plannedStart', 'plannedFinish', 'budget', 'tags', 'programmeId', 'portfolioId', 'sponsorId', 'managerId'];

/** Someone saved the project while this person edited it: what they changed, and how to go on. */
export function ConflictAlert({ conflict, mine, currency, onReapply, onDiscard }: { conflict: Conflict; mine: string[]; currency: string; onReapply: () => void; onDiscard: () => void }) {
  const theirs = COMPARED.filter((f) => JSON.stringify(conflict.base[f]) !== JSON.stringify(conflict.current[f]));
  const overlap = theirs.filter((f) => mine.includes(f));
  return (
    <Alert color="orange" icon={<IconGitMerge size={18} />} title="Someone else changed this project while you were editing" role="alert" mb="md">
      <Text size="sm" mb={6}>
        It went from version {conflict.base.version} to {conflict.current.version}. Their changes:
      </Text>
      <List size="sm" spacing={2} mb="sm">
        {theirs.length === 0 && <List.Item>Fields not shown on this page.</List.Item>}
        {theirs.map((f) => (
          <List.Item key={f}>
            <Text span fw={600} size="sm">
              {fieldLabel(f)}
            </Text>
            : {formatFieldValue(f, conflict.base[f], currency)} → {formatFieldValue(f, conflict.current[f], currency)}
            {overlap.includes(f) && (
              <Text span c="orange.9" size="sm" fw={600}>
                {' '}
                (you changed it too)
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mb="sm">
        Your edits ({mine.map(fieldLabel).join(', ') || 'none'}) are kept in the form and were not saved.
      </Text>
      <Group gap="xs">
        <Button size="xs" color="orange" onClick={onReapply}>
          Reapply my changes on the latest version
        </Button>
        <Button size="xs" variant="default" onClick={onDiscard}>
          Discard mine, show theirs
        </Button>
      </Group>
    </Alert>
  );
}
