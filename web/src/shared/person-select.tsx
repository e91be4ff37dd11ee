import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { usePeople } from '../api/queries';
import { useCurrentOrganisation } from '../auth/current-organisation';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable'> & {
  value: string | null;
  onChange: (userId: string | null) => void;
};

/**
 * Picks a person of the current organisation (anyone holding a role in it) by typing part
 * of their name: owners of risks, issues, actions and log items, validators. Clearing it
 * leaves the field without a person.
 */
export function PersonSelect({ value, onChange, placeholder = 'Nobody yet', nothingFoundMessage = 'Nobody of that name in the organisation', clearable = true, ...rest }: Props) {
  const people = usePeople(useCurrentOrganisation().orgId);
  const data = useMemo(
    () =>
      [...(people.data ?? new Map<string, string>())]
        .map(([id, name]) => ({ value: id, label: name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [people.data],
  );
  return <Select {...rest} data={data} value={value} onChange={onChange} searchable clearable={clearable} placeholder={placeholder} nothingFoundMessage={nothingFoundMessage} />;
}
