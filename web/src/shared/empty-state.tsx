import { EmptyState as MantineEmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = { icon: ReactNode; title: string; description: ReactNode; action?: ReactNode };

/** Says what the missing thing is and offers the first action. */
export function EmptyState({ icon, title, description, action }: Props) {
  return (
    <MantineEmptyState icon={icon} title={title} description={description} variant="light" size="sm" py="xl" px="md">
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}
