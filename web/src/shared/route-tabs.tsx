import { Tabs } from '@mantine/core';
import type { ComponentType } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';

export type RouteTab = { value: string; label: string; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>; path: string };

/**
 * A record's tabs, each its own URL under `base` (`''` for the first): the tab follows the
 * address, a click navigates, and only the open tab renders its route (with `context`).
 */
export function RouteTabs<C>({ tabs, base, context, outletKey }: { tabs: readonly RouteTab[]; base: string; context: C; outletKey: string }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = tabs.find((t) => t.path && pathname.endsWith(`/${t.path}`))?.value ?? tabs[0]!.value;
  return (
    <Tabs value={tab} onChange={(v) => void navigate(`${base}/${tabs.find((t) => t.value === v)?.path ?? ''}`.replace(/\/$/, ''))}>
      <Tabs.List>
        {tabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} aria-hidden />}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((t) => (
        <Tabs.Panel key={t.value} value={t.value} pt="md" miw={0}>
          {t.value === tab && <Outlet key={outletKey} context={context} />}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
