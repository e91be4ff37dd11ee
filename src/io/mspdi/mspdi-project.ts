import { defineSpec, fieldsOf, type Entry } from './element-spec.js';
import { CALENDAR } from './mspdi-calendars.js';
import type { MspdiDocument, MspdiHeader } from './mspdi-document.js';
import { HEADER_ENTRIES } from './mspdi-header.js';
import { ASSIGNMENT, RESOURCE } from './mspdi-resources.js';
import { TASK } from './mspdi-tasks.js';

/** `/Project` as MSPDI lays it out: header elements and the four collections side by side. */
export type FlatProject = MspdiHeader & Omit<MspdiDocument, 'header'>;

const p = fieldsOf<FlatProject>();
const headerEntries: readonly Entry<FlatProject>[] = HEADER_ENTRIES;

export const PROJECT = defineSpec<FlatProject>([
  ...headerEntries,
  p.wrapped('Calendars', 'Calendar', 'calendars', CALENDAR, true),
  p.wrapped('Tasks', 'Task', 'tasks', TASK, true),
  p.wrapped('Resources', 'Resource', 'resources', RESOURCE, true),
  p.wrapped('Assignments', 'Assignment', 'assignments', ASSIGNMENT, true),
]);

/** The document from the flat `/Project` record: header fields apart from the collections. */
export function splitProject(flat: FlatProject): MspdiDocument {
  const { calendars, tasks, resources, assignments, ...header } = flat;
  return { header, calendars, tasks, resources, assignments };
}

/** The flat `/Project` record of a document, for writing. */
export function joinProject(document: MspdiDocument): FlatProject {
  return {
    ...document.header,
    calendars: document.calendars,
    tasks: document.tasks,
    resources: document.resources,
    assignments: document.assignments,
  };
}
