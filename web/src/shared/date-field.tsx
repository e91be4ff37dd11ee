import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { dateProblem } from '../../../src/domain/calendar-date.js';
import { formatDate } from './format';

type Props = {
  label: string;
  /** The text as typed, `YYYY-MM-DD` or empty. */
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  readOnly?: boolean;
  minDate?: string;
  name?: string;
};

/**
 * A calendar date: typed as `YYYY-MM-DD` (fast, exact, checked as you type by the caller) or
 * picked from Mantine's calendar. The readable form (`12 Mar 2027`) shows underneath.
 */
export function DateField({ label, value, onChange, error, readOnly, minDate, name }: Props) {
  const [opened, { close, toggle }] = useDisclosure(false);
  const valid = value !== '' && dateProblem(value) === null;
  const picker = (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" onClick={toggle} aria-label={`Pick ${label.toLowerCase()} from a calendar`} disabled={readOnly}>
          <IconCalendar size={16} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <DatePicker
          value={valid ? value : null}
          defaultDate={valid ? value : undefined}
          minDate={minDate && dateProblem(minDate) === null ? minDate : undefined}
          onChange={(v) => {
            onChange(v ?? '');
            close();
          }}
          firstDayOfWeek={1}
        />
      </Popover.Dropdown>
    </Popover>
  );
  return (
    <TextInput
      label={label}
      name={name}
      value={value}
      placeholder="YYYY-MM-DD"
      inputMode="numeric"
      autoComplete="off"
      onChange={(e) => onChange(e.currentTarget.value.trim())}
      error={error}
      readOnly={readOnly}
      description={valid ? formatDate(value) : undefined}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      rightSection={readOnly ? undefined : picker}
      rightSectionPointerEvents="all"
    />
  );
}
