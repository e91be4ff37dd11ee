import { Anchor, Breadcrumbs, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type Crumb = { label: string; to?: string };

type Props = {
  crumbs: Crumb[];
  title: ReactNode;
  code?: string;
  chips?: ReactNode;
  /** The two or three actions that matter on this record. */
  actions?: ReactNode;
};

/** The top of every record page: breadcrumb, title with code, status chips, main actions. */
export function RecordHeader({ crumbs, title, code, chips, actions }: Props) {
  return (
    <Stack gap={6} mb="md">
      <Breadcrumbs separatorMargin={6} aria-label="Breadcrumb" styles={{ root: { flexWrap: 'wrap', rowGap: 2 } }}>
        {crumbs.map((c) =>
          c.to ? (
            <Anchor key={`${c.label}-${c.to}`} component={Link} to={c.to} size="sm">
              {c.label}
            </Anchor>
          ) : (
            <Text key={c.label} size="sm" c="dimmed" aria-current="page">
              {c.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Group gap="sm" align="center" wrap="wrap" style={{ minWidth: 0 }}>
          {code && (
            <Text ff="monospace" fw={600} c="dimmed" size="lg" component="span">
              {code}
            </Text>
          )}
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {chips && (
            <Group gap={6} wrap="wrap">
              {chips}
            </Group>
          )}
        </Group>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}

export function RecordHeaderSkeleton() {
  return (
    <Stack gap={8} mb="md" aria-hidden>
      <Skeleton h={14} w={220} />
      <Skeleton h={28} w={360} maw="100%" />
    </Stack>
  );
}
