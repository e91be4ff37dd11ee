import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Person, Role } from '../../api/capacity';
import { DataTable, type Column } from '../../shared/data-table';
import { fteOverTime, fteText, inRole, monthLabel } from './resources-format';
import { RowActions } from './row-actions';

type Props = {
  roles: Role[];
  people: Person[];
  month: string;
  loading: boolean;
  /** Present only for people who may change capacity. */
  onEdit?: (role: Role) => void;
  onDelete?: (role: Role) => void;
};

/** The organisation's roles: unnamed FTE now and its next change, and the named people in each. */
export function RolesTable({ roles, people, month, loading, onEdit, onDelete }: Props) {
  const columns: Column<Role>[] = [
    { key: 'code', header: 'Code', width: 90, render: (r) => <Text ff="monospace" size="sm" fw={600}>{r.code}</Text> },
    {
      key: 'name',
      header: 'Name',
      minWidth: 160,
      render: (r) => (
        <>
          <Text size="sm" fw={500}>
            {r.name}
          </Text>
          {r.description && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {r.description}
            </Text>
          )}
        </>
      ),
    },
    { key: 'hours', header: 'Hours per FTE month', numeric: true, wrapHeader: true, width: 110, render: (r) => `${r.hoursPerFteMonth} h` },
    { key: 'fte', header: 'Unnamed FTE now', numeric: true, wrapHeader: true, width: 100, render: (r) => fteText(fteOverTime(r.fteSteps, month).now) },
    {
      key: 'next',
      header: 'Next change',
      minWidth: 130,
      render: (r) => {
        const { next } = fteOverTime(r.fteSteps, month);
        return next ? (
          <Text size="sm" className="num">
            {fteText(next.fte)} FTE from {monthLabel(next.from)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            None planned
          </Text>
        );
      },
    },
    {
      key: 'people',
      header: 'People',
      numeric: true,
      width: 130,
      render: (r) => {
        const named = people.filter((p) => p.roleId === r.id && inRole(p, month)).reduce((s, p) => s + p.fte, 0);
        return r.people === 0 ? (
          <Text size="sm" c="dimmed">
            0
          </Text>
        ) : (
          <Anchor component={Link} to={`?role=${encodeURIComponent(r.code)}`} size="sm" aria-label={`${r.people} ${r.people === 1 ? 'person' : 'people'} in ${r.code}: show them`}>
            {r.people} · {fteText(named)} FTE now
          </Anchor>
        );
      },
    },
  ];
  if (onEdit && onDelete) {
    columns.push({ key: 'actions', header: '', width: 76, render: (r) => <RowActions label={`role ${r.code}`} onEdit={() => onEdit(r)} onDelete={() => onDelete(r)} /> });
  }
  return <DataTable caption="Roles" columns={columns} rows={roles} rowKey={(r) => r.id} loading={loading} minWidth={720} />;
}
