import { useQueryClient } from '@tanstack/react-query';
import { capacityKeys, useCapacityMutations, type Person, type Role } from '../../api/capacity';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { isApiError } from '../../api/client';
import { DeleteModal } from './delete-modal';

export type Deleting = { kind: 'role' | 'person'; id: string };

/**
 * Confirms deleting a role or a person, using the record's latest version from the lists (so
 * after a conflict reloads them, a second try can succeed).
 */
export function DeleteTarget({ target, roles, people, onClose }: { target: Deleting; roles: Role[]; people: Person[]; onClose: () => void }) {
  const { orgId } = useCurrentOrganisation();
  const client = useQueryClient();
  const { deleteRole, deletePerson } = useCapacityMutations(orgId);
  const remove = target.kind === 'role' ? deleteRole : deletePerson;
  const record = target.kind === 'role' ? roles.find((r) => r.id === target.id) : people.find((p) => p.id === target.id);
  if (!record) return null;
  const title = target.kind === 'role' ? `Delete role ${(record as Role).code}?` : `Delete ${record.name}?`;
  const message =
    target.kind === 'role'
      ? `${record.name} and its unnamed FTE steps go. A role still holding people or project demand cannot be deleted: move or remove them first.`
      : `${record.name} no longer counts towards the capacity of their role. The change is kept in the audit trail.`;
  const confirm = () =>
    remove.mutate(
      { id: record.id, version: record.version },
      {
        onSuccess: onClose,
        onError: (error) => {
          // A stale version: the mutation's own refresh runs only on success, so reload the lists here.
          if (isApiError(error, 409) && error.problem.code === 'version-conflict') void client.invalidateQueries({ queryKey: capacityKeys.all });
        },
      },
    );
  return <DeleteModal title={title} message={message} confirmLabel={target.kind === 'role' ? 'Delete role' : 'Delete person'} pending={remove.isPending} error={remove.error} onConfirm={confirm} onClose={onClose} />;
}
