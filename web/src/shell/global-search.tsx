import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useProjectSearch } from '../api/queries';
import { useCurrentOrganisation } from '../auth/current-organisation';
import { StageChip } from '../shared/status-chip';

/** The top-bar search: `/` focuses it, it finds projects by name or code, Enter opens one, Esc leaves. */
export function GlobalSearch() {
  const { orgId } = useCurrentOrganisation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 150);
  const results = useProjectSearch(orgId, debounced);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  useHotkeys([['/', () => input.current?.focus()]]);

  const items = text.trim() ? (results.data?.items ?? []) : [];
  const open = (id: string) => {
    setText('');
    combobox.closeDropdown();
    input.current?.blur();
    void navigate(`/projects/${id}`);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal>
      <Combobox.Target>
        <TextInput
          ref={input}
          value={text}
          type="search"
          aria-label="Search projects by name or code"
          placeholder="Search projects"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={results.isFetching && text ? <Loader size={14} /> : <Kbd size="xs" visibleFrom="sm">/</Kbd>}
          onChange={(e) => {
            setText(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => text && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setText('');
              combobox.closeDropdown();
              e.currentTarget.blur();
            }
          }}
          w="100%"
          maw={420}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!text.trim()}>
        <Combobox.Options aria-label="Matching projects">
          {items.map((p) => (
            <Combobox.Option value={p.id} key={p.id}>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" ff="monospace" c="dimmed" style={{ flexShrink: 0 }}>
                    {p.code}
                  </Text>
                  <Text size="sm" truncate>
                    {p.name}
                  </Text>
                </Group>
                <StageChip stage={p.stage} size="xs" />
              </Group>
            </Combobox.Option>
          ))}
          {items.length === 0 && !results.isFetching && debounced.trim() && <Combobox.Empty>No project matches “{debounced.trim()}”</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
