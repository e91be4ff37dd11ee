import { Stack, Title } from '@mantine/core';
import type { ScopePath } from '../../../../src/domain/policy/index.js';
import type { RaidLevel } from '../../api/raid';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { RaidRegister } from './raid-register';

/** A portfolio's or programme's registers as a section of its page: its own items and those escalated to it. */
export function RaidSection({ level, path }: { level: RaidLevel; path: ScopePath }) {
  const { orgId, can } = useCurrentOrganisation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="raid-heading" mt="lg">
      <Title order={2} id="raid-heading">
        Risks and issues
      </Title>
      <RaidRegister orgId={orgId} level={level} may={{ raise: can('raid:raise', path), manage: can('raid:manage', path) }} />
    </Stack>
  );
}
