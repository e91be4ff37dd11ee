import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Person, Role } from '../../api/capacity';
import { DataTable, type Column } from '../../shared/data-table';
import { absenceRange, fteText, monthsInRole, nextAbsence } from './resources-format';
import { RowActions } from './row-actions';

type Props = {
  people: Person[];
  roles: Role[];
  /** Today, `YYYY-MM-DD`: absences already over are not "next". */
  day: string;
  loading: boolean;
  empty: ReactNode;
  onEdit?: (person: Person) => void;
  onDelete?: (person: Person) => void;
};

/** The named people: role, FTE, non-project share, months in the role, absences. */
export function PeopleTable({ people, roles, day, loading, empty, onEdit, onDelete }: Props) {
  const roleOf = new Map(roles.map((r) => [r.id, r] as const));
  const columns: Column<Person>[] = [
    {
      key: 'name',
      header: 'Name',
      minWidth: 150,
      render: (p) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
          {p.userId && (
            <Badge size="xs" variant="outline" color="gray" c="gray.7" title="Has a Pharos account">
              account
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      minWidth: 120,
      render: (p) => {
        const r = roleOf.get(p.roleId);
        return r ? (
          <Text size="sm">
            <Text span ff="monospace" size="sm" c="dimmed">
              {r.code}
            </Text>{' '}
            {r.name}
          </Text>
        ) : (
          '—'
        );
      },
    },
    { key: 'fte', header: 'FTE', numeric: true, width: 60, render: (p) => fteText(p.fte) },
    { key: 'nonProject', header: 'Non-project', numeric: true, width: 96, render: (p) => `${Number((p.nonProjectShare * 100).toFixed(1))}%` },
    { key: 'months', header: 'Months in the role', minWidth: 150, render: (p) => <Text size="sm" c={p.fromMonth || p.toMonth ? undefined : 'dimmed'}>{monthsInRole(p)}</Text> },
    {
      key: 'absences',
      header: 'Absences',
      minWidth: 180,
      render: (p) => {
        if (p.absences.length === 0) return <Text size="sm" c="dimmed">None</Text>;
        const next = nextAbsence(p.absences, day);
        return (
          <Text size="sm">
            <span className="num">{p.absences.length}</span>
            {next ? (
              <>
                {' · next '}
                <span className="num">{absenceRange(next)}</span>
                {next.note && <Text span size="sm" c="dimmed">{` (${next.note})`}</Text>}
              </>
            ) : (
              <Text span size="sm" c="dimmed">
                {' · all past'}
              </Text>
            )}
          </Text>
        );
      },
    },
  ];
  if (onEdit && onDelete) {
    columns.push({ key: 'actions', header: '', width: 76, render: (p) => <RowActions label={p.name} onEdit={() => onEdit(p)} onDelete={() => onDelete(p)} /> });
  }
  return <DataTable caption="People" columns={columns} rows={people} rowKey={(p) => p.id} loading={loading} empty={empty} minWidth={820} />;
}
