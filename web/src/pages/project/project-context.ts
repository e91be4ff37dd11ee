import { useOutletContext } from 'react-router';
import type { ScopePath } from '../../../../src/domain/policy/index.js';
import type { PmoMode } from '../../../../src/domain/structure/index.js';
import type { Project } from '../../api/types';

/** What the project page hands its tabs. */
export type ProjectContext = {
  project: Project;
  path: ScopePath;
  /** The PMO mode in force for the project's portfolio (undefined until loaded). */
  mode: PmoMode | undefined;
  may: {
    update: boolean;
    changeStage: boolean;
    manageContributions: boolean;
    readAudit: boolean;
  };
  /** The server refused a change (403): show the project read-only from now on. */
  markForbidden: () => void;
};

export function useProjectContext(): ProjectContext {
  return useOutletContext<ProjectContext>();
}
