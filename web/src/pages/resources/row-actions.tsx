import { ActionIcon, Group } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';

/** A row's edit and delete buttons, named after the record for screen readers and tests. */
export function RowActions({ label, onEdit, onDelete }: { label: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <Group gap={2} wrap="nowrap" justify="flex-end">
      <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={`Edit ${label}`}>
        <IconPencil size={16} />
      </ActionIcon>
      <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={`Delete ${label}`}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}
