import { Button, Group, Paper, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { fieldLabel } from './field-values';
import type { ProjectEditor } from './use-project-editor';
import classes from './overview.module.css';

/** Appears once something changed: what is unsaved, Discard and Save; then confirms the save. */
export function SaveBar({ editor }: { editor: ProjectEditor }) {
  const blocked = Object.keys(editor.problems).length > 0;
  if (editor.dirty.length === 0) {
    return (
      <Text size="sm" c="teal.9" aria-live="polite" mih={24}>
        {editor.savedAt && (
          <Group gap={4} component="span">
            <IconCheck size={14} aria-hidden /> Saved at {editor.savedAt.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}
          </Group>
        )}
      </Text>
    );
  }
  return (
    <Paper className={classes.saveBar} withBorder shadow="sm" p="sm" radius="md" role="region" aria-label="Unsaved changes">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" aria-live="polite">
          {blocked ? 'Fix the highlighted fields to save. ' : ''}Unsaved: {editor.dirty.map(fieldLabel).join(', ')}
        </Text>
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={editor.discard} disabled={editor.saving}>
            Discard
          </Button>
          <Button type="submit" size="sm" loading={editor.saving} disabled={blocked}>
            Save changes
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
