import { useCurrentOrganisation } from '../../auth/current-organisation';
import { RaidRegister } from '../raid/raid-register';
import { useProjectContext } from './project-context';

/** The project's risks and issues. */
export function RaidTab() {
  const { project, path } = useProjectContext();
  const { orgId, can } = useCurrentOrganisation();
  return <RaidRegister orgId={orgId} level={{ scopeType: 'project', scopeId: project.id }} may={{ raise: can('raid:raise', path), manage: can('raid:manage', path) }} />;
}
