import { Stack, Title } from '@mantine/core';
import type { ChangeLevel } from '../../api/change';
import { ChangeRegister } from './change-register';

/** A portfolio's or programme's change requests as a section of its page: every project's inside it. */
export function ChangeSection({ level }: { level: ChangeLevel }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="change-heading" mt="lg">
      <Title order={2} id="change-heading">
        Change requests
      </Title>
      <ChangeRegister level={level} may={{ raise: false }} />
    </Stack>
  );
}
