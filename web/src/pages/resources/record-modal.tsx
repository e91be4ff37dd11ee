import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useIsPhone } from '../../shared/use-is-phone';

type Props = {
  opened: boolean;
  title: string;
  submitLabel: string;
  pending: boolean;
  /** An error no field shows (field errors sit on their fields). */
  problem: string | null;
  /** Above the fields, e.g. the notice that someone else changed the record. */
  notice?: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
};

/** The dialog that adds or edits a role or a person: full screen on a phone. */
export function RecordModal({ opened, title, submitLabel, pending, problem, notice, onClose, onSubmit, children }: Props) {
  const phone = useIsPhone();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" fullScreen={phone} radius={phone ? 0 : undefined}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {notice}
          {problem && (
            <Alert color="red" role="alert" title="Not saved">
              {problem}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
