import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../../src/domain/policy/index.js';
import { useSignOut } from '../api/mutations';
import { useCurrentOrganisation } from '../auth/current-organisation';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** Who is signed in, their roles, and sign out. */
export function UserMenu() {
  const { me, orgId } = useCurrentOrganisation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const roles = me.memberships.filter((m) => m.organisationId === orgId);
  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${me.user.name}`} style={{ borderRadius: 'var(--mantine-radius-sm)' }} p={4}>
          <Group gap={6} wrap="nowrap">
            <Avatar size={28} color="pharos" radius="xl">
              {initials(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>
              {me.user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        {roles.map((m) => (
          <Text key={m.id} size="xs" px="sm" py={2} c="dimmed">
            {ROLE_LABELS[m.role]} · {m.scopeName}
          </Text>
        ))}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() =>
            signOut.mutate(undefined, {
              onSettled: () => void navigate('/sign-in', { replace: true }),
            })
          }
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
