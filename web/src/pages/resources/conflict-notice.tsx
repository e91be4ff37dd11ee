import { Alert, Button, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';

type Props = {
  /** `role` or `person`. */
  what: string;
  /** Labels of the fields the other person changed. */
  changed: string[];
  version: number;
  /** Puts the edits that were refused back on top of the latest version. */
  onReapply: () => void;
};

/** Someone saved the record while this person edited it: the form now shows their version. */
export function ConflictNotice({ what, changed, version, onReapply }: Props) {
  return (
    <Alert color="orange" icon={<IconGitMerge size={18} />} title={`Someone else changed this ${what} while you were editing`} role="alert">
      <Text size="sm" mb={6}>
        Your edits were not saved. The form now shows their version ({version})
        {changed.length > 0 ? `, which changed ${changed.join(', ')}.` : '.'}
      </Text>
      <Button size="xs" color="orange" variant="light" onClick={onReapply}>
        Reapply my edits
      </Button>
    </Alert>
  );
}
