import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { MonthPicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isMonth } from '../../../../src/domain/portfolio/capacity/months.js';
import { monthLabel } from './resources-format';

type Props = {
  label: string;
  /** The text as typed, `YYYY-MM` or empty. */
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  placeholder?: string;
  required?: boolean;
};

/**
 * A month: typed as `YYYY-MM` (checked as you type by the caller) or picked from Mantine's
 * month picker; the readable form (`Mar 2027`) shows underneath.
 */
export function MonthField({ label, value, onChange, error, placeholder = 'YYYY-MM', required }: Props) {
  const [opened, { close, toggle }] = useDisclosure(false);
  const valid = isMonth(value);
  const picker = (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" onClick={toggle} aria-label={`Pick ${label.toLowerCase()} from a calendar`}>
          <IconCalendar size={16} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <MonthPicker
          value={valid ? `${value}-01` : null}
          defaultDate={valid ? `${value}-01` : undefined}
          onChange={(v) => {
            onChange(v ? v.slice(0, 7) : '');
            close();
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
  return (
    <TextInput
      label={label}
      value={value}
      placeholder={placeholder}
      inputMode="numeric"
      autoComplete="off"
      required={required}
      onChange={(e) => onChange(e.currentTarget.value.trim())}
      error={error}
      description={valid ? monthLabel(value) : undefined}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      rightSection={picker}
      rightSectionPointerEvents="all"
    />
  );
}
