import { useCurrentOrganisation } from '../../auth/current-organisation';
import { ChangeRegister } from '../change/change-register';
import { useProjectContext } from './project-context';

/** The project's change requests. */
export function ChangesTab() {
  const { project, path } = useProjectContext();
  const { can } = useCurrentOrganisation();
  return <ChangeRegister level={{ scopeType: 'project', scopeId: project.id }} may={{ raise: can('change:raise', path) }} />;
}
