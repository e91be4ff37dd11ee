import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { isApiError } from '../../api/client';
import { useIsPhone } from '../../shared/use-is-phone';

type Props = {
  title: string;
  /** What deleting does, in one or two sentences. */
  message: string;
  confirmLabel: string;
  pending: boolean;
  /** The refusal, shown as the server worded it (e.g. who still refers to the record). */
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/** Asks before deleting, and shows why the server refused if it did. */
export function DeleteModal({ title, message, confirmLabel, pending, error, onConfirm, onClose }: Props) {
  const phone = useIsPhone();
  const conflict = isApiError(error, 409) && error.problem.code === 'version-conflict';
  return (
    <Modal opened onClose={onClose} title={title} size="md" fullScreen={phone} radius={phone ? 0 : undefined}>
      <Stack gap="sm">
        <Text size="sm">{message}</Text>
        {!!error && (
          <Alert color="red" role="alert" title={conflict ? 'Someone else changed it' : 'Not deleted'}>
            {conflict ? 'It changed since you opened the page. The list has been reloaded: check it and delete again if you still want to.' : isApiError(error) ? error.problem.detail : String(error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {error ? 'Close' : 'Cancel'}
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
