import { Alert, Button, FileButton, Group, Menu, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, apiUrl, isApiError } from '../../api/client';
import { raidKeys, type RaidLevel } from '../../api/raid';
import type { RaidImportReport } from '../../../../src/api/schemas/raid-transfer.schema.js';

export type RegisterPath = 'risks' | 'issues' | 'assumptions' | 'dependencies' | 'decisions';
type Query = Record<string, string | number | boolean | null | undefined>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const typeOf = (file: File): string => (file.name.toLowerCase().endsWith('.xlsx') ? XLSX : file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : file.type || 'application/octet-stream');

type Props = { register: RegisterPath; noun: string; level: RaidLevel; query: Query; mayImport: boolean };

/** A register's Export menu (CSV, Excel: the rows the list shows) and, for those who may raise items, its Import button. */
export function RegisterTransfer({ register, noun, level, query, mayImport }: Props) {
  const [importing, setImporting] = useState(false);
  const href = (format: 'csv' | 'xlsx') => apiUrl(`/${register}/export`, { ...level, ...query, format });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />}>
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>The {register} shown, as a file</Menu.Label>
          <Menu.Item component="a" href={href('csv')} download leftSection={<IconFileTypeCsv size={14} />}>
            CSV
          </Menu.Item>
          <Menu.Item component="a" href={href('xlsx')} download leftSection={<IconFileSpreadsheet size={14} />}>
            Excel (.xlsx)
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {mayImport && (
        <Button size="xs" variant="default" leftSection={<IconUpload size={14} />} onClick={() => setImporting(true)}>
          Import
        </Button>
      )}
      {importing && <ImportModal register={register} noun={noun} level={level} onClose={() => setImporting(false)} />}
    </>
  );
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Choose a file, see what it would do (a dry run: counts and each problem by row and column), then import it all. */
function ImportModal({ register, noun, level, onClose }: { register: RegisterPath; noun: string; level: RaidLevel; onClose: () => void }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const send = (f: File, dryRun: boolean) => api.postFile<RaidImportReport>(`/${register}/import`, f, typeOf(f), { ...level, dryRun });
  const preview = useMutation({ mutationFn: (f: File) => send(f, true) });
  const run = useMutation({
    mutationFn: (f: File) => send(f, false),
    onSuccess: () => void client.invalidateQueries({ queryKey: raidKeys.all }),
  });
  const choose = (f: File | null) => {
    if (!f) return;
    setFile(f);
    run.reset();
    preview.mutate(f);
  };
  const report = run.data ?? preview.data;
  const failure = run.error ?? preview.error;
  const busy = preview.isPending || run.isPending;
  const problems = report?.problems ?? (isApiError(failure) ? (failure.problem.issues ?? []).map((i) => ({ field: i.field, reason: i.reason, row: null, column: null })) : []);
  const canImport = file !== null && preview.data !== undefined && preview.data.problems.length === 0 && !run.data && !busy;
  return (
    <Modal opened onClose={onClose} title={`Import ${register}`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          A CSV or Excel file with a header row, such as one exported here. Rows with the Ref of a {noun} in this register change it (refused if it changed since the file was exported); rows without one raise new {register}. Owners are matched by email. Nothing is kept unless every row can be imported.
        </Text>
        <Group gap="sm">
          <FileButton onChange={choose} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button {...props} size="xs" variant={file ? 'default' : 'filled'} leftSection={<IconUpload size={14} />} disabled={busy}>
                {file ? 'Choose another file' : 'Choose a file'}
              </Button>
            )}
          </FileButton>
          {file && (
            <Text size="sm" c="dimmed">
              {file.name}
            </Text>
          )}
        </Group>
        {busy && <Progress value={100} animated striped aria-label={run.isPending ? 'Importing' : 'Checking the file'} />}
        {failure && !report && (
          <Alert color="red" role="alert" title={run.error ? 'Nothing was imported' : 'The file cannot be imported'}>
            {isApiError(failure) && failure.problem.issues?.length ? `${plural(failure.problem.issues.length, 'problem')}: see below.` : failure.message}
          </Alert>
        )}
        {report && (
          <Alert color={run.data ? 'green' : report.problems.length ? 'red' : 'blue'} role="status" title={run.data ? 'Imported' : report.problems.length ? `${plural(report.problems.length, 'problem')}: nothing can be imported until each is fixed` : 'Ready to import'}>
            {run.data ? 'Done: ' : 'The file would: '}
            {plural(report.created, `new ${noun}`)} · {plural(report.updated, 'update')} · {report.unchanged} unchanged
          </Alert>
        )}
        {problems.length > 0 && (
          <Table striped withTableBorder fz="sm" aria-label="Problems">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Row</Table.Th>
                <Table.Th w={160}>Column</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.row ?? ''}</Table.Td>
                  <Table.Td>{p.column ?? p.field}</Table.Td>
                  <Table.Td>{p.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {run.data ? 'Close' : 'Cancel'}
          </Button>
          {!run.data && (
            <Button onClick={() => file && run.mutate(file)} disabled={!canImport} loading={run.isPending}>
              {preview.data ? `Import ${plural(preview.data.rows.length, 'row')}` : 'Import'}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
