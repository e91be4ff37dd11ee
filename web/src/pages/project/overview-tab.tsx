import { Alert } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useCurrency } from '../../auth/current-organisation';
import { ConflictAlert } from './conflict-alert';
import { OverviewFields } from './overview-fields';
import { useProjectContext } from './project-context';
import { changedFields } from './project-draft';
import { SaveBar } from './save-bar';
import { useProjectEditor } from './use-project-editor';

/** The project's fields, edited in place: checked as you type, saved together, conflicts explained. */
export function OverviewTab() {
  const { project, may, markForbidden } = useProjectContext();
  const currency = useCurrency();
  const editor = useProjectEditor(project, currency, markForbidden);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    editor.save();
  };

  const readOnlyNote = !may.update
    ? may.changeStage
      ? 'Your role here lets you move the project between stages; its other fields are read-only.'
      : 'You can read this project; your roles here do not include changing it.'
    : null;

  return (
    <form onSubmit={submit} onKeyDown={getHotkeyHandler([['mod+Enter', editor.save]])} noValidate aria-label="Project details">
      {readOnlyNote && (
        <Alert color="gray" icon={<IconLock size={18} />} mb="md" py="xs">
          {readOnlyNote}
        </Alert>
      )}
      {editor.conflict && (
        <ConflictAlert
          conflict={editor.conflict}
          mine={changedFields(editor.draft, editor.conflict.base, currency)}
          currency={currency}
          onReapply={editor.reapply}
          onDiscard={editor.discard}
        />
      )}
      {editor.generalError && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} mb="md" role="alert" title="Not saved">
          {editor.generalError}
        </Alert>
      )}
      <OverviewFields editor={editor} currency={currency} />
      <SaveBar editor={editor} />
    </form>
  );
}
