import { Alert, Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { isApiError } from '../api/client';
import { serverFieldErrors } from './validation';

type Props = {
  opened: boolean;
  title: string;
  size?: ModalProps['size'];
  /** Text of the submit button, e.g. "Create project". */
  submitLabel: string;
  pending: boolean;
  /** The mutation's error: field errors show on their fields (the caller's job), anything else here. */
  error: unknown;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
};

/** The dialog every "new record" form uses: the fields, a form-level error, Cancel and Create. */
export function CreateModal({ opened, title, size, submitLabel, pending, error, onClose, onSubmit, children }: Props) {
  const fieldErrors = serverFieldErrors(error);
  const general = error && Object.keys(fieldErrors).length === 0 ? (isApiError(error) ? error.problem.detail : String(error)) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {general && (
            <Alert color="red" role="alert">
              {general}
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
