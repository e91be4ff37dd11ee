import { Button } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A page's "New …" action: the button for its header and `n` as the shortcut (UX.md keyboard
 * map), both present only when the user may create here.
 */
export function useNewItemAction(allowed: boolean, label: string, onNew: () => void): ReactNode {
  useHotkeys(allowed ? [['n', onNew]] : []);
  if (!allowed) return undefined;
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onNew} size="sm">
      {label}
    </Button>
  );
}
