import { Button, CloseButton, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch, IconTag } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { STAGES, STAGE_LABELS, STATES, STATE_LABELS } from '../../../../src/domain/structure/index.js';
import type { ListParams } from './use-project-list-params';

type Props = {
  params: ListParams;
  update: (changes: Partial<ListParams>, options?: { replace?: boolean }) => void;
  clear: () => void;
  filtered: boolean;
  /** Programmes to filter by (portfolio page only). */
  programmes?: { value: string; label: string }[];
};

const stageOptions = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));
const stateOptions = STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }));
const sortOptions = [
  { value: 'code', label: 'Code A–Z' },
  { value: '-code', label: 'Code Z–A' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: 'plannedStart', label: 'Start, earliest first' },
  { value: '-plannedStart', label: 'Start, latest first' },
  { value: 'plannedFinish', label: 'Finish, earliest first' },
  { value: '-plannedFinish', label: 'Finish, latest first' },
  { value: '-updatedAt', label: 'Recently changed' },
];
const alignedOptions = [
  { value: 'true', label: 'Aligned' },
  { value: 'false', label: 'Unaligned' },
];

/** Filters of a project list; every change goes to the URL. */
export function ProjectFilters({ params, update, clear, filtered, programmes }: Props) {
  const [text, setText] = useState(params.q);
  useEffect(() => setText(params.q), [params.q]);
  const pushText = useDebouncedCallback((q: string) => update({ q }, { replace: true }), 250);

  return (
    <Group gap="xs" wrap="wrap" align="flex-end" role="search" aria-label="Filter projects">
      <TextInput
        label="Find"
        placeholder="Name or code"
        leftSection={<IconSearch size={14} aria-hidden />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          pushText(e.currentTarget.value);
        }}
        w={{ base: '100%', xs: 200 }}
        size="xs"
      />
      <Select label="Stage" placeholder="Any stage" data={stageOptions} value={params.stage} onChange={(v) => update({ stage: v })} clearable allowDeselect w={{ base: 'calc(50% - 4px)', xs: 140 }} size="xs" />
      <Select label="State" placeholder="Any state" data={stateOptions} value={params.state} onChange={(v) => update({ state: v })} clearable allowDeselect w={{ base: 'calc(50% - 4px)', xs: 130 }} size="xs" />
      <Select
        label="Alignment"
        placeholder="Aligned or not"
        data={alignedOptions}
        value={params.aligned}
        onChange={(v) => update({ aligned: v === 'true' || v === 'false' ? v : null })}
        clearable
        allowDeselect
        w={{ base: 'calc(50% - 4px)', xs: 140 }}
        size="xs"
      />
      {programmes && programmes.length > 0 && (
        <Select
          label="Programme"
          placeholder="Any programme"
          data={programmes}
          value={params.programme}
          onChange={(v) => update({ programme: v })}
          clearable
          allowDeselect
          searchable
          w={{ base: 'calc(50% - 4px)', xs: 200 }}
          size="xs"
        />
      )}
      <Select
        label="Sort"
        data={sortOptions}
        value={params.sort}
        onChange={(v) => v && update({ sort: v })}
        w="calc(50% - 4px)"
        size="xs"
        hiddenFrom="sm"
      />
      {params.tag && (
        <TextInput
          label="Tag"
          value={params.tag}
          readOnly
          leftSection={<IconTag size={14} aria-hidden />}
          rightSection={<CloseButton size="xs" aria-label="Remove tag filter" onClick={() => update({ tag: null })} />}
          w={140}
          size="xs"
        />
      )}
      {filtered && (
        <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={clear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
