import { Skeleton, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import classes from './data-table.module.css';

export type Column<T> = {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The API's sort key for this column; when set, the header sorts. */
  sortKey?: string;
  /** Numbers are right-aligned in tabular figures. */
  numeric?: boolean;
  width?: number | string;
  /** The narrowest the column may get (long names wrap at word boundaries above it). */
  minWidth?: number;
  /** Lets a long header wrap onto two lines (headers stay on one line by default). */
  wrapHeader?: boolean;
};

type Props<T> = {
  /** What the table lists, for screen readers. */
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Current sort as the API writes it: `name` ascending, `-name` descending. */
  sort?: string;
  onSort?: (sort: string) => void;
  loading?: boolean;
  /** Shown in place of rows when there are none. */
  empty?: ReactNode;
  minWidth?: number;
};

function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: string; sort: string | undefined; onSort: (s: string) => void }) {
  const asc = sort === sortKey;
  const desc = sort === `-${sortKey}`;
  const Icon = asc ? IconArrowUp : desc ? IconArrowDown : IconArrowsSort;
  return (
    <UnstyledButton className={classes.sort} onClick={() => onSort(asc ? `-${sortKey}` : sortKey)} data-active={asc || desc || undefined}>
      {label}
      <Icon size={14} aria-hidden />
      <VisuallyHidden>{asc ? '(sorted ascending, click to sort descending)' : desc ? '(sorted descending, click to sort ascending)' : '(click to sort)'}</VisuallyHidden>
    </UnstyledButton>
  );
}

/**
 * The app's one table: dense rows, sortable headers that drive the URL, tabular figures for
 * numbers, horizontal scroll on narrow screens, skeleton rows while loading.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, loading, empty, minWidth = 720 }: Props<T>) {
  const ariaSort = (c: Column<T>) =>
    c.sortKey && sort === c.sortKey ? 'ascending' : c.sortKey && sort === `-${c.sortKey}` ? 'descending' : undefined;
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table tabularNums horizontalSpacing="xs" className={classes.table}>
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} w={c.width} miw={c.minWidth} ta={c.numeric ? 'right' : undefined} aria-sort={ariaSort(c)} className={c.wrapHeader ? classes.wrap : undefined}>
                {c.sortKey && onSort ? <SortHeader label={c.header} sortKey={c.sortKey} sort={sort} onSort={onSort} /> : c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && rows.length === 0
            ? Array.from({ length: 6 }, (_, i) => (
                <Table.Tr key={`skeleton-${i}`} aria-hidden>
                  {columns.map((c) => (
                    <Table.Td key={c.key}>
                      <Skeleton h={14} my={3} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : rows.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.key} ta={c.numeric ? 'right' : undefined} className={c.numeric ? classes.num : undefined}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
          {!loading && rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty ?? <Text c="dimmed">Nothing to show.</Text>}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
