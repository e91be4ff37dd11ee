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
  /** `name`, `-fte`, …: the column sorted on, as the URL keeps it. */
  sort: string;
  onSort: (sort: string) => void;
  onEdit?: (person: Person) => void;
  onDelete?: (person: Person) => void;
};

/** The named people: role, FTE, non-project share, months in the role, absences. */
export function PeopleTable({ people, roles, day, loading, empty, sort, onSort, onEdit, onDelete }: Props) {
  const roleOf = new Map(roles.map((r) => [r.id, r] as const));
  const sorted = sortPeople(people, sort, (p) => roleOf.get(p.roleId)?.code ?? '', day);
  const columns: Column<Person>[] = [
    {
      key: 'name',
      header: 'Name',
      sortKey: 'name',
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
      sortKey: 'role',
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
    { key: 'fte', header: 'FTE', sortKey: 'fte', numeric: true, width: 76, render: (p) => fteText(p.fte) },
    { key: 'nonProject', header: 'Non-project', sortKey: 'nonProject', numeric: true, width: 110, render: (p) => `${Number((p.nonProjectShare * 100).toFixed(1))}%` },
    { key: 'months', header: 'Months in the role', sortKey: 'from', minWidth: 170, render: (p) => <Text size="sm" c={p.fromMonth || p.toMonth ? undefined : 'dimmed'}>{monthsInRole(p)}</Text> },
    {
      key: 'absences',
      header: 'Absences',
      sortKey: 'nextAbsence',
      minWidth: 190,
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
  return (
    <DataTable caption="People" columns={columns} rows={sorted} rowKey={(p) => p.id} loading={loading} empty={empty} sort={sort} onSort={onSort} minWidth={860} />
  );
}

/** People in the order the sort key asks (`-` first for descending); ties by name. Blank months and no absence sort last. */
export function sortPeople(people: Person[], sort: string, roleCode: (p: Person) => string, day: string): Person[] {
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const value = (p: Person): string | number | null => {
    switch (key) {
      case 'role':
        return roleCode(p);
      case 'fte':
        return p.fte;
      case 'nonProject':
        return p.nonProjectShare;
      case 'from':
        return p.fromMonth;
      case 'nextAbsence':
        return nextAbsence(p.absences, day)?.from ?? null;
      default:
        return p.name.toLocaleLowerCase();
    }
  };
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);
  return [...people].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === vb) return byName(a, b);
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return desc ? -c : c;
  });
}
