import { STAGE_LABELS, STATE_LABELS, type ProjectState, type Stage } from '../../../../src/domain/structure/index.js';
import { formatDate, formatMoney } from '../../shared/format';

/** Words people read for a project's fields, in history and conflict messages. */
export const FIELD_LABELS: Record<string, string> = {
  code: 'Code',
  name: 'Name',
  description: 'Description',
  stage: 'Stage',
  state: 'State',
  plannedStart: 'Planned start',
  plannedFinish: 'Planned finish',
  budget: 'Budget',
  tags: 'Tags',
  programmeId: 'Programme',
  portfolioId: 'Portfolio',
  sponsorId: 'Sponsor',
  managerId: 'Manager',
  organisationId: 'Organisation',
  id: 'Id',
  weight: 'Weight',
  objectiveId: 'Objective',
  projectId: 'Project',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

/** One field's value as text: dates as `12 Mar 2027`, money in the currency, stages by name. */
export function formatFieldValue(field: string, value: unknown, currency: string, names?: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (field === 'stage' && typeof value === 'string') return STAGE_LABELS[value as Stage] ?? value;
  if (field === 'state' && typeof value === 'string') return STATE_LABELS[value as ProjectState] ?? value;
  if ((field === 'plannedStart' || field === 'plannedFinish') && typeof value === 'string') return formatDate(value);
  if (field === 'budget' && typeof value === 'number') return formatMoney(value, currency);
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(none)';
  if (typeof value === 'string' && names?.has(value)) return names.get(value) as string;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
