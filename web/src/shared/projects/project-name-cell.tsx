import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Project } from '../../api/types';

/** A project's name as a link, with its programme and tags underneath (tags filter the list). */
export function ProjectNameCell({ project: p, programme, onTag }: { project: Project; programme?: string; onTag: (tag: string) => void }) {
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/projects/${p.id}`} size="sm" fw={550}>
        {p.name}
      </Anchor>
      {(programme || p.tags.length > 0) && (
        <Group gap={6} wrap="wrap">
          {programme && (
            <Text size="xs" c="dimmed" title="Programme">
              {programme}
            </Text>
          )}
          {p.tags.map((t) => (
            <Anchor key={t} component="button" type="button" size="xs" c="pharos.7" onClick={() => onTag(t)} aria-label={`Show only projects tagged ${t}`}>
              #{t}
            </Anchor>
          ))}
        </Group>
      )}
    </Stack>
  );
}
