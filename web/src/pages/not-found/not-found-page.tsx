import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '../../shared/empty-state';

export function NotFoundPage() {
  useDocumentTitle('Not found · Pharos');
  return (
    <EmptyState
      icon={<IconMapOff size={22} />}
      title="No page at this address"
      description="The link may be old, or the record was moved or deleted."
      action={
        <Button component={Link} to="/" variant="light">
          Go to portfolios
        </Button>
      }
    />
  );
}
