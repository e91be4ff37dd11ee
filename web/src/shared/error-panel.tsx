import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconLock, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isApiError } from '../api/client';

/** A failed load: not found (or not yours to see), not allowed, or a server/network problem. */
export function ErrorPanel({ error, what = 'record', onRetry }: { error: unknown; what?: string; onRetry?: () => void }) {
  if (isApiError(error, 404)) {
    return (
      <Alert color="gray" icon={<IconSearch size={18} />} title={`No such ${what}`} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">It does not exist, or your roles do not let you see it.</Text>
          <Button component={Link} to="/" size="xs" variant="light">
            Go to portfolios
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <Alert color="yellow" icon={<IconLock size={18} />} title="Not allowed" role="alert">
        {error.problem.detail}
      </Alert>
    );
  }
  const detail = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={`The ${what} could not be loaded`} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{detail}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
