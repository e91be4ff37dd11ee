import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { StrategyNode } from '../../api/types';
import classes from './strategy.module.css';

/** One objective in the tree: what it is, how it is measured, and the projects that serve it. */
export function ObjectiveRow({ objective: o, hasChildren }: { objective: StrategyNode; hasChildren: boolean }) {
  return (
    <Paper
      component="li"
      id={`objective-${o.id}`}
      withBorder
      p="sm"
      radius="sm"
      className={classes.row}
      style={{ marginInlineStart: `calc(${o.depth} * var(--objective-indent))` }}
      data-depth={o.depth}
      aria-level={o.depth + 1}
      aria-label={`${o.code} ${o.name}`}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" ff="monospace" c="dimmed">
              {o.code}
            </Text>
            <Text fw={650} size={o.depth === 0 ? 'md' : 'sm'} style={{ overflowWrap: 'anywhere' }}>
              {o.name}
            </Text>
          </Group>
          {(o.measure || o.target) && (
            <Text size="xs" c="dimmed">
              {o.measure && (
                <>
                  <Text span fw={600} size="xs" c="gray.7">
                    Measure:
                  </Text>{' '}
                  {o.measure}
                </>
              )}
              {o.measure && o.target && ' · '}
              {o.target && (
                <>
                  <Text span fw={600} size="xs" c="gray.7">
                    Target:
                  </Text>{' '}
                  {o.target}
                </>
              )}
            </Text>
          )}
        </Stack>
        <Badge variant="outline" color="gray" c="gray.8" title="Relative weight among its siblings (0–100)">
          Weight {o.weight}
        </Badge>
      </Group>
      {o.contributors.length > 0 ? (
        <Group gap={6} mt={8} wrap="wrap" role="group" aria-label={`Projects serving ${o.name}`}>
          <Text size="xs" fw={600} c="gray.7">
            Served by
          </Text>
          {o.contributors.map((c) => (
            <Anchor key={c.contributionId} component={Link} to={`/projects/${c.projectId}`} className={classes.project} underline="never">
              <Text span ff="monospace" size="xs" c="dimmed">
                {c.code}
              </Text>{' '}
              <Text span size="xs" fw={500}>
                {c.name}
              </Text>{' '}
              <Text span size="xs" c="dimmed" className="num">
                {c.weight}%
              </Text>
            </Anchor>
          ))}
        </Group>
      ) : (
        !hasChildren && (
          <Group gap={4} mt={8} c="orange.9">
            <IconAlertTriangle size={14} aria-hidden />
            <Text size="xs" fw={500}>
              No project serves this objective yet
            </Text>
          </Group>
        )
      )}
    </Paper>
  );
}
