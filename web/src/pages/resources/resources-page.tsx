import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

/** The organisation's roles and the people in them (placeholder until the page is built). */
export function ResourcesPage() {
  useDocumentTitle('Resources · Pharos');
  return (
    <Stack>
      <Title order={1}>Resources</Title>
    </Stack>
  );
}
