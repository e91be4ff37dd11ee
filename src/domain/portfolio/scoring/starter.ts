import type { Criterion } from './criteria.js';

/**
 * The criteria a new scoring model starts from: the usual investment-committee set (value,
 * strategic alignment, delivery risk, urgency, regulatory need), every one editable.
 */
export const STARTER_CRITERIA: readonly Criterion[] = [
  { id: 'value', name: 'Financial value', description: 'Net present value of the business case', unit: '£m', min: 0, max: 20, direction: 'higher-is-better', weight: 3, source: 'entered' },
  { id: 'alignment', name: 'Strategic alignment', description: "Worked out from the project's contributions to the strategic objectives", unit: 'points', min: 0, max: 100, direction: 'higher-is-better', weight: 3, source: 'alignment' },
  { id: 'risk', name: 'Delivery risk', description: '1 = routine, 5 = never done here before', unit: '', min: 1, max: 5, direction: 'lower-is-better', weight: 2, source: 'entered' },
  { id: 'urgency', name: 'Urgency', description: '1 = can wait a year, 5 = needed this quarter', unit: '', min: 1, max: 5, direction: 'higher-is-better', weight: 1, source: 'entered' },
  { id: 'compliance', name: 'Regulatory need', description: '0 = none, 5 = a legal obligation', unit: '', min: 0, max: 5, direction: 'higher-is-better', weight: 1, source: 'entered' },
];
