import { PharosError } from '../../domain/errors.js';
import { readElement } from './element-spec.js';
import { MSPDI_NAMESPACE, type MspdiReadResult } from './mspdi-document.js';
import { PROJECT, splitProject } from './mspdi-project.js';
import { unsupportedCollector } from './unsupported.js';
import { parseXml } from './xml-tree.js';

function notMspdi(reason: string): PharosError {
  return new PharosError('malformed-request', `Not an MS Project XML (MSPDI) file: ${reason}`, {
    issues: [{ field: 'Project', reason }],
  });
}

/**
 * Reads an MS Project XML (MSPDI) file, as saved by Project 2002 to 2019, into an
 * {@link MspdiDocument}. Values keep MSPDI's meanings; every element the document has no
 * place for is listed in `unsupported` (grouped by path, with a count and the first owner),
 * never dropped without a word.
 *
 * Throws a PharosError: `malformed-request` when the text is not well-formed XML or not an
 * MSPDI project (a DOCTYPE is refused, so no entity is ever expanded), `validation-failed`
 * when a required element is missing or a value cannot be read; the message names the
 * element, e.g. `Project/Tasks/Task[UID=12]/Start: "2019-13-01" …`. The caller limits the size.
 *
 * @example
 * const { document, unsupported } = readMspdi(xmlText);
 * document.tasks.filter((t) => !t.isNull && t.outlineLevel !== 0).length;
 * unsupported; // [{ path: 'Project/Tasks/Task/ExtendedAttribute', count: 30, example: 'task UID 1', kind: 'data' }, …]
 */
export function readMspdi(xml: string): MspdiReadResult {
  const root = parseXml(xml);
  if (root.name !== 'Project') throw notMspdi(`the root element is <${root.name}>, not <Project>`);
  const namespaces = Object.entries(root.attributes).filter(([name]) => name === 'xmlns' || name.startsWith('xmlns:'));
  if (namespaces.length > 0 && !namespaces.some(([, uri]) => uri.startsWith(MSPDI_NAMESPACE))) {
    throw notMspdi(`<Project> is not in the namespace ${MSPDI_NAMESPACE}`);
  }
  const unsupported = unsupportedCollector();
  const flat = readElement(root, PROJECT, { path: 'Project', location: 'Project', owner: 'project', unsupported });
  return { document: splitProject(flat), unsupported: unsupported.items() };
}
