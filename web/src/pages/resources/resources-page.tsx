import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePeople, useRoles, type Person, type Role } from '../../api/capacity';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { organisationPath } from '../../auth/permissions';
import { EmptyState } from '../../shared/empty-state';
import { ErrorPanel } from '../../shared/error-panel';
import { RecordHeader } from '../../shared/record-header';
import { useNewItemAction } from '../../shared/use-new-item-action';
import { DeleteTarget, type Deleting } from './delete-target';
import { PeopleTable } from './people-table';
import { PersonModal } from './person-modal';
import { currentMonth, today } from './resources-format';
import { RoleModal } from './role-modal';
import { RolesTable } from './roles-table';

type Editing = { kind: 'role'; role: Role | null } | { kind: 'person'; person: Person | null } | null;

/**
 * The organisation's roles and the named people in them: the capacity projects' demand is
 * set against. Everyone in the organisation reads it; people holding `capacity:manage`
 * (administrators, PMO directors and managers, resource managers) change it.
 */
export function ResourcesPage() {
  const { orgId, organisation, can } = useCurrentOrganisation();
  useDocumentTitle('Resources · Pharos');
  const roles = useRoles(orgId);
  const people = usePeople(orgId);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const mayManage = can('capacity:manage', organisationPath(orgId));
  const roleList = roles.data?.items ?? [];
  const personList = people.data?.items ?? [];
  const month = currentMonth();
  const day = today();

  const roleCode = params.get('role');
  const filterRole = roleCode ? roleList.find((r) => r.code === roleCode) : undefined;
  const shown = roleCode ? personList.filter((p) => p.roleId === filterRole?.id) : personList;
  const sort = params.get('sort') ?? 'name';
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const addRole = () => setEditing({ kind: 'role', role: null });
  const addPerson = () => setEditing({ kind: 'person', person: null });
  const personButton = useNewItemAction(mayManage && roleList.length > 0, 'Add person', addPerson);
  const roleButton = mayManage ? (
    <Button variant={roleList.length > 0 ? 'default' : 'filled'} leftSection={<IconPlus size={16} />} onClick={addRole} size="sm">
      Add role
    </Button>
  ) : undefined;

  return (
    <>
      <RecordHeader
        crumbs={[{ label: organisation?.name ?? 'Organisation', to: '/' }, { label: 'Resources' }]}
        title="Resources"
        actions={
          mayManage ? (
            <>
              {roleButton}
              {personButton}
            </>
          ) : undefined
        }
      />
      <Stack gap="xl">
        <Text size="sm" c="dimmed" maw={760}>
          Roles and the named people in them: the capacity that projects&rsquo; demand is set against, month by month, on each portfolio&rsquo;s Capacity tab.
          {!mayManage && ' You can read them; resource managers and the PMO change them.'}
        </Text>
        <Stack component="section" gap="xs" aria-labelledby="roles-heading">
          <Title order={2} size="h3" id="roles-heading">
            Roles
          </Title>
          {roles.isError ? (
            <ErrorPanel error={roles.error} what="roles" onRetry={() => void roles.refetch()} />
          ) : !roles.isPending && roleList.length === 0 ? (
            <EmptyState
              icon={<IconUsersGroup size={22} />}
              title="No roles yet"
              description="A role is a kind of capacity (developer, business analyst, tester): the hours one full-time person gives a month, and any unnamed FTE over time. People belong to roles, and projects estimate their demand per role."
              action={
                mayManage ? (
                  <Button leftSection={<IconPlus size={16} />} onClick={addRole}>
                    Add a role
                  </Button>
                ) : (
                  <Text size="sm">Ask a resource manager or the PMO to set them up.</Text>
                )
              }
            />
          ) : (
            <RolesTable
              roles={roleList}
              people={personList}
              month={month}
              loading={roles.isPending}
              onEdit={mayManage ? (role) => setEditing({ kind: 'role', role }) : undefined}
              onDelete={mayManage ? (role) => setDeleting({ kind: 'role', id: role.id }) : undefined}
            />
          )}
        </Stack>
        {roleList.length > 0 && (
          <Stack component="section" gap="xs" aria-labelledby="people-heading" id="people">
            <Group justify="space-between" align="center" wrap="wrap" gap="xs">
              <Title order={2} size="h3" id="people-heading">
                People
              </Title>
              <Select
                aria-label="Filter people by role"
                size="xs"
                w={220}
                placeholder="All roles"
                data={roleList.map((r) => ({ value: r.code, label: `${r.code} · ${r.name}` }))}
                value={filterRole ? filterRole.code : null}
                onChange={(code) => setParam('role', code)}
                clearable
                searchable
              />
            </Group>
            {people.isError ? (
              <ErrorPanel error={people.error} what="people" onRetry={() => void people.refetch()} />
            ) : (
              <PeopleTable
                people={shown}
                roles={roleList}
                day={day}
                loading={people.isPending}
                sort={sort}
                onSort={(s) => setParam('sort', s === 'name' ? null : s)}
                empty={
                  personList.length === 0 ? (
                    <EmptyState
                      icon={<IconUsers size={22} />}
                      title="No named people yet"
                      description="Name the people in each role with their FTE, months in the role, non-project share and absences, so capacity follows who is actually there."
                      action={
                        mayManage && (
                          <Button leftSection={<IconPlus size={16} />} onClick={addPerson}>
                            Add a person
                          </Button>
                        )
                      }
                    />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {filterRole ? `Nobody is in ${filterRole.code} yet.` : `No role has the code ${roleCode ?? ''}.`}
                    </Text>
                  )
                }
                onEdit={mayManage ? (person) => setEditing({ kind: 'person', person }) : undefined}
                onDelete={mayManage ? (person) => setDeleting({ kind: 'person', id: person.id }) : undefined}
              />
            )}
          </Stack>
        )}
      </Stack>
      {editing?.kind === 'role' && <RoleModal role={editing.role} onClose={() => setEditing(null)} />}
      {editing?.kind === 'person' && <PersonModal person={editing.person} roles={roleList} defaultRoleId={filterRole?.id} onClose={() => setEditing(null)} />}
      {deleting && <DeleteTarget target={deleting} roles={roleList} people={personList} onClose={() => setDeleting(null)} />}
    </>
  );
}
