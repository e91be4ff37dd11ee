import { writeElement } from './element-spec.js';
import { MSPDI_NAMESPACE, type MspdiDocument } from './mspdi-document.js';
import { joinProject, PROJECT } from './mspdi-project.js';
import { buildXml } from './xml-tree.js';

/**
 * Writes an {@link MspdiDocument} as MS Project XML that Project can open: UTF-8, namespace
 * `http://schemas.microsoft.com/project`, the header elements and then `Calendars`, `Tasks`,
 * `Resources` and `Assignments`, each record's elements in Project's schema order. Absent
 * properties are not written; durations are written in hours (`PT8H30M0S`), the only ISO
 * form Project reads; a working time ending at midnight is written `00:00:00`.
 *
 * Throws a `validation-failed` PharosError naming the property (e.g. `tasks[3].start`) when a
 * value cannot be written (a date-time not in `YYYY-MM-DDTHH:MM:SS`, a non-finite number…).
 *
 * @example
 * writeMspdi(readMspdi(xml).document); // the same project, minus what `unsupported` listed
 */
export function writeMspdi(document: MspdiDocument): string {
  const root = writeElement('Project', joinProject(document), PROJECT, 'document');
  return buildXml({ ...root, attributes: { xmlns: MSPDI_NAMESPACE } });
}
