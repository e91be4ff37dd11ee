import { AppShell, Burger, Divider, Group, NavLink, ScrollArea, Select, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBriefcase, IconTarget, IconBuildingLighthouse, IconGavel, IconUsersGroup } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useCurrentOrganisation } from '../auth/current-organisation';
import { HEADER_HEIGHT, NAV_WIDTH } from '../theme';
import { EmptyState } from '../shared/empty-state';
import { useIsPhone } from '../shared/use-is-phone';
import { GlobalSearch } from './global-search';
import { NavTree } from './nav-tree';
import { UserMenu } from './user-menu';
import classes from './app-layout.module.css';

function Sections() {
  const { pathname } = useLocation();
  const inPortfolios = pathname === '/' || /^\/(portfolio|programme|project)s\//.test(pathname);
  return (
    <nav aria-label="Sections">
      <NavLink component={Link} to="/" label="Portfolios" leftSection={<IconBriefcase size={18} aria-hidden />} active={inPortfolios} aria-current={pathname === '/' ? 'page' : undefined} />
      <NavLink component={Link} to="/strategy" label="Strategy" leftSection={<IconTarget size={18} aria-hidden />} active={pathname.startsWith('/strategy')} aria-current={pathname.startsWith('/strategy') ? 'page' : undefined} />
      <NavLink component={Link} to="/resources" label="Resources" leftSection={<IconUsersGroup size={18} aria-hidden />} active={pathname.startsWith('/resources')} aria-current={pathname.startsWith('/resources') ? 'page' : undefined} />
      <NavLink component={Link} to="/rules" label="PMO rules" leftSection={<IconGavel size={18} aria-hidden />} active={pathname.startsWith('/rules')} aria-current={pathname.startsWith('/rules') ? 'page' : undefined} />
    </nav>
  );
}

function OrganisationSwitch() {
  const { me, orgId, setOrgId, organisation } = useCurrentOrganisation();
  if (me.organisations.length < 2) {
    return (
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" pt={4} hiddenFrom="sm">
        {organisation?.name}
      </Text>
    );
  }
  return (
    <Select
      aria-label="Organisation"
      data={me.organisations.map((o) => ({ value: o.id, label: o.name }))}
      value={orgId}
      onChange={(v) => v && setOrgId(v)}
      size="xs"
      px="xs"
    />
  );
}

/**
 * The frame of every signed-in page: top bar (organisation, search, user menu), the navigation
 * on the left (a drawer behind the burger on phones), and the page.
 */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a phone the closed drawer sits off screen: make it inert so Tab does not wander into it.
  const phone = useIsPhone();
  const { organisation, orgId } = useCurrentOrganisation();
  const { pathname, search } = useLocation();
  useEffect(close, [pathname, search, close]);

  return (
    <AppShell
      header={{ height: HEADER_HEIGHT }}
      navbar={{ width: NAV_WIDTH, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={0}
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="sm" gap="sm" wrap="nowrap">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
          <Group gap={8} wrap="nowrap" renderRoot={(props) => <Link to="/" {...props} />} className={classes.brand} aria-label="Pharos home">
            <ThemeIcon size={28} color="pharos.9" radius="sm" aria-hidden>
              <IconBuildingLighthouse size={18} color="var(--mantine-color-beacon-6)" />
            </ThemeIcon>
            <Text fw={700} size="md" visibleFrom="xs">
              Pharos
            </Text>
          </Group>
          {organisation && (
            <Text size="sm" c="dimmed" visibleFrom="md" truncate maw={220} data-testid="organisation-name">
              {organisation.name}
            </Text>
          )}
          <Group flex={1} justify="center" px={{ base: 0, sm: 'md' }} wrap="nowrap" style={{ minWidth: 0 }}>
            <GlobalSearch />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar} aria-label="Navigation" inert={phone && !opened}>
        <AppShell.Section p="xs">
          <OrganisationSwitch />
          <Sections />
        </AppShell.Section>
        <Divider />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="md" pt="sm" pb={4}>
          Portfolios &amp; projects
        </Text>
        <AppShell.Section grow component={ScrollArea} px="xs" pb="md">
          <NavTree />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <div className={classes.page}>
          {orgId ? (
            <Outlet />
          ) : (
            <EmptyState
              icon={<IconBuildingLighthouse size={22} />}
              title="You are not in an organisation yet"
              description="Pharos shows the portfolios of the organisations you hold a role in. Ask a PMO administrator to give you one."
            />
          )}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
