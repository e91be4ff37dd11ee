/** MS Project XML (MSPDI): a typed document model, read and written faithfully. */
export type {
  MspdiAssignment,
  MspdiAssignmentBaseline,
  MspdiCalendar,
  MspdiCalendarException,
  MspdiConstraintType,
  MspdiDateTime,
  MspdiDayType,
  MspdiDocument,
  MspdiDurationFormat,
  MspdiHeader,
  MspdiLinkType,
  MspdiPredecessorLink,
  MspdiReadResult,
  MspdiResource,
  MspdiResourceType,
  MspdiTask,
  MspdiTaskBaseline,
  MspdiTaskType,
  MspdiWeekDay,
  MspdiWeekDayException,
  MspdiWorkingTime,
  MspdiWorkWeek,
  UnsupportedItem,
  UnsupportedKind,
} from './mspdi-document.js';
export {
  MSPDI_CONSTRAINT_TYPE_NAMES,
  MSPDI_LINK_TYPE_NAMES,
  MSPDI_NAMESPACE,
  isElapsedFormat,
  isEstimatedFormat,
  isPercentFormat,
} from './mspdi-document.js';
export { formatIsoDuration, parseIsoDurationMinutes } from './codecs.js';
export { readMspdi } from './read-mspdi.js';
export { writeMspdi } from './write-mspdi.js';
