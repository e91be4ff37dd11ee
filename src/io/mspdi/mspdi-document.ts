/**
 * A Microsoft Project XML (MSPDI) file as a typed document, with MSPDI's own meanings and
 * units. Nothing is converted into Pharos's scheduling model here: values stay as Project
 * wrote them, only decoded from text (numbers, flags, ISO durations to minutes, clock times
 * to minutes since midnight). Every optional property is absent when the file has no element
 * for it, so reading, writing and reading again gives a deep-equal document.
 *
 * Units are in the names: `…Minutes` are minutes (durations are rounded to 1/1000 minute),
 * `…TenthMinutes` are tenths of a minute as Project writes slack and delays,
 * `…Hundredths` are hundredths of the currency unit (MSPDI writes money ×100),
 * `…PerHour` are currency units per hour.
 */

/** Local wall-clock date and time, `YYYY-MM-DDTHH:MM:SS`, no time zone (never a JS `Date`). */
export type MspdiDateTime = string;

/** 0 FF, 1 FS, 2 SF, 3 SS (MSPDI's own numbering). */
export type MspdiLinkType = 0 | 1 | 2 | 3;

/** 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT. */
export type MspdiConstraintType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** 0 fixed units, 1 fixed duration, 2 fixed work. */
export type MspdiTaskType = 0 | 1 | 2;

/** 0 material, 1 work, 2 cost. */
export type MspdiResourceType = 0 | 1 | 2;

/** Day of the week: 1 Sunday … 7 Saturday. */
export type MspdiDayType = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Duration, lag and delay display format: 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w, 10 ew,
 * 11 mo, 12 emo, 19 %, 20 e%, 21 null; +32 (35–53) is the estimated (`?`) form.
 * `e` means elapsed (24×7) time. See {@link isElapsedFormat}, {@link isPercentFormat}.
 */
export type MspdiDurationFormat = number;

export const MSPDI_NAMESPACE = 'http://schemas.microsoft.com/project';

export const MSPDI_LINK_TYPE_NAMES = { 0: 'FF', 1: 'FS', 2: 'SF', 3: 'SS' } as const;

export const MSPDI_CONSTRAINT_TYPE_NAMES = {
  0: 'ASAP',
  1: 'ALAP',
  2: 'MSO',
  3: 'MFO',
  4: 'SNET',
  5: 'SNLT',
  6: 'FNET',
  7: 'FNLT',
} as const;

/** Whether a duration/lag format counts elapsed (24×7) time rather than working time. */
export function isElapsedFormat(format: MspdiDurationFormat): boolean {
  return [4, 6, 8, 10, 12, 20].includes(format >= 35 ? format - 32 : format);
}

/** Whether a lag format is a percentage of the predecessor's duration (`LinkLag` is then the percentage). */
export function isPercentFormat(format: MspdiDurationFormat): boolean {
  return [19, 20, 51, 52].includes(format);
}

/** Whether a duration format is the estimated (`?`) form. */
export function isEstimatedFormat(format: MspdiDurationFormat): boolean {
  return format >= 35 && format <= 53;
}

/** `/Project` header elements (project properties and scheduling options). */
export type MspdiHeader = {
  /** 12 Project 2007, 14 Project 2010 or later; absent in 2002/2003 files. */
  saveVersion?: number;
  buildNumber?: string;
  uid?: string;
  name?: string;
  title?: string;
  guid?: string;
  subject?: string;
  category?: string;
  company?: string;
  manager?: string;
  author?: string;
  creationDate?: MspdiDateTime;
  revision?: number;
  lastSaved?: MspdiDateTime;
  scheduleFromStart?: boolean;
  startDate?: MspdiDateTime;
  finishDate?: MspdiDateTime;
  /** Fiscal year start month, 1–12. */
  fyStartDate?: number;
  /** A task is critical when its total slack is at most this many days. */
  criticalSlackLimitDays?: number;
  currencyDigits?: number;
  currencySymbol?: string;
  currencyCode?: string;
  /** 0 before, 1 after, 2 before with space, 3 after with space. */
  currencySymbolPosition?: number;
  /** The project calendar. */
  calendarUid?: number;
  defaultStartTimeMinutes?: number;
  defaultFinishTimeMinutes?: number;
  minutesPerDay?: number;
  minutesPerWeek?: number;
  daysPerMonth?: number;
  defaultTaskType?: MspdiTaskType;
  /** 1 start, 2 prorated, 3 end. */
  defaultFixedCostAccrual?: number;
  defaultStandardRatePerHour?: number;
  defaultOvertimeRatePerHour?: number;
  durationFormat?: MspdiDurationFormat;
  /** 1 m, 2 h, 3 d, 4 w, 5 mo. */
  workFormat?: number;
  editableActualCosts?: boolean;
  honorConstraints?: boolean;
  /** 0 percent complete, 1 physical percent complete. */
  earnedValueMethod?: number;
  insertedProjectsLikeSummary?: boolean;
  multipleCriticalPaths?: boolean;
  newTasksEffortDriven?: boolean;
  newTasksEstimated?: boolean;
  splitsInProgressTasks?: boolean;
  spreadActualCost?: boolean;
  spreadPercentComplete?: boolean;
  taskUpdatesResource?: boolean;
  fiscalYearStart?: boolean;
  /** 0 Sunday … 6 Saturday. */
  weekStartDay?: number;
  moveCompletedEndsBack?: boolean;
  moveRemainingStartsBack?: boolean;
  moveRemainingStartsForward?: boolean;
  moveCompletedEndsForward?: boolean;
  /** 0 Baseline, 1–10 Baseline 1–10. */
  baselineForEarnedValue?: number;
  autoAddNewResourcesAndTasks?: boolean;
  statusDate?: MspdiDateTime;
  currentDate?: MspdiDateTime;
  microsoftProjectServerUrl?: boolean;
  autolink?: boolean;
  /** 0 project start date, 1 current date. */
  newTaskStartDate?: number;
  newTasksAreManual?: boolean;
  defaultTaskEvMethod?: number;
  projectExternallyEdited?: boolean;
  extendedCreationDate?: MspdiDateTime;
  actualsInSync?: boolean;
  removeFileProperties?: boolean;
  adminProject?: boolean;
  updateManuallyScheduledTasksWhenEditingLinks?: boolean;
  keepTaskOnNearestWorkingTimeWhenMadeAutoScheduled?: boolean;
};

/** One working period of a day, in minutes since midnight; `toMinutes` 1440 is midnight at the end of the day (`ToTime` 00:00:00). */
export type MspdiWorkingTime = { fromMinutes: number; toMinutes: number };

/** A regular day of the week in a calendar or a work week. */
export type MspdiWeekDay = {
  dayType: MspdiDayType;
  /** Absent in a derived calendar means the base calendar's day applies. */
  dayWorking?: boolean;
  workingTimes: MspdiWorkingTime[];
};

/**
 * The 2002/2003 exception form: a `WeekDay` with `DayType` 0 and a `TimePeriod`.
 * Project 2007 and later still write these, one per occurrence, next to `Exceptions`;
 * when a calendar has `exceptions`, prefer them (these are then their expansion).
 */
export type MspdiWeekDayException = {
  dayWorking?: boolean;
  fromDate?: MspdiDateTime;
  toDate?: MspdiDateTime;
  workingTimes: MspdiWorkingTime[];
};

/** A 2007+ calendar exception, possibly recurring; the recurrence fields are kept as written. */
export type MspdiCalendarException = {
  /** true: the range ends after `occurrences`; false: it ends at `toDate`. */
  enteredByOccurrences?: boolean;
  fromDate?: MspdiDateTime;
  toDate?: MspdiDateTime;
  occurrences?: number;
  name?: string;
  /**
   * 1 daily, 2 yearly by month day, 3 yearly by position, 4 monthly by month day,
   * 5 monthly by position, 6 weekly, 7 by day count, 8 by weekday count, 9 none.
   */
  type?: number;
  /** Recur every `period` days/weeks/months. */
  period?: number;
  /** Bit set: 1 Sunday, 2 Monday, 4 Tuesday, 8 Wednesday, 16 Thursday, 32 Friday, 64 Saturday. */
  daysOfWeek?: number;
  /** 0 January … 11 December. */
  month?: number;
  /** 0 day, 1 weekday, 2 weekend day, 3 Sunday … 9 Saturday. */
  monthItem?: number;
  /** 0 first, 1 second, 2 third, 3 fourth, 4 last. */
  monthPosition?: number;
  monthDay?: number;
  dayWorking?: boolean;
  workingTimes: MspdiWorkingTime[];
};

/** A 2007+ work week: other regular days for a period of time. */
export type MspdiWorkWeek = {
  fromDate?: MspdiDateTime;
  toDate?: MspdiDateTime;
  name?: string;
  weekDays: MspdiWeekDay[];
};

export type MspdiCalendar = {
  uid: number;
  guid?: string;
  name?: string;
  isBaseCalendar?: boolean;
  isBaselineCalendar?: boolean;
  /** −1 or absent for a base calendar. */
  baseCalendarUid?: number;
  /** Days of the week (`DayType` 1–7), in file order. */
  weekDays: MspdiWeekDay[];
  /** `WeekDay` entries with `DayType` 0 (see {@link MspdiWeekDayException}). */
  weekDayExceptions: MspdiWeekDayException[];
  exceptions: MspdiCalendarException[];
  workWeeks: MspdiWorkWeek[];
};

export type MspdiPredecessorLink = {
  predecessorUid: number;
  /** Absent means FS (1). */
  type?: MspdiLinkType;
  crossProject?: boolean;
  crossProjectName?: string;
  /**
   * `LinkLag` as written: tenths of a minute, except for percentage formats
   * ({@link isPercentFormat}) where it is the percentage of the predecessor's duration.
   */
  linkLag?: number;
  lagFormat?: MspdiDurationFormat;
};

/** A saved task baseline (`Number` 0 is "Baseline", 1–10 are "Baseline 1"–"Baseline 10"). */
export type MspdiTaskBaseline = {
  number: number;
  interim?: boolean;
  start?: MspdiDateTime;
  finish?: MspdiDateTime;
  durationMinutes?: number;
  durationFormat?: MspdiDurationFormat;
  estimatedDuration?: boolean;
  workMinutes?: number;
  costHundredths?: number;
  fixedCostHundredths?: number;
};

export type MspdiTask = {
  uid: number;
  guid?: string;
  id?: number;
  name?: string;
  active?: boolean;
  manual?: boolean;
  type?: MspdiTaskType;
  /** A blank row. */
  isNull?: boolean;
  createDate?: MspdiDateTime;
  contact?: string;
  wbs?: string;
  outlineNumber?: string;
  /** 0 is the project summary task (UID 0). */
  outlineLevel?: number;
  priority?: number;
  /** Text typed into Start/Finish/Duration of a manually scheduled task (2010+). */
  startText?: string;
  finishText?: string;
  durationText?: string;
  start?: MspdiDateTime;
  finish?: MspdiDateTime;
  durationMinutes?: number;
  manualStart?: MspdiDateTime;
  manualFinish?: MspdiDateTime;
  manualDurationMinutes?: number;
  durationFormat?: MspdiDurationFormat;
  freeformDurationFormat?: number;
  workMinutes?: number;
  stop?: MspdiDateTime;
  resume?: MspdiDateTime;
  effortDriven?: boolean;
  recurring?: boolean;
  estimated?: boolean;
  milestone?: boolean;
  summary?: boolean;
  displayAsSummary?: boolean;
  critical?: boolean;
  isSubproject?: boolean;
  isSubprojectReadOnly?: boolean;
  subprojectName?: string;
  externalTask?: boolean;
  externalTaskProject?: string;
  earlyStart?: MspdiDateTime;
  earlyFinish?: MspdiDateTime;
  lateStart?: MspdiDateTime;
  lateFinish?: MspdiDateTime;
  freeSlackTenthMinutes?: number;
  totalSlackTenthMinutes?: number;
  startSlackTenthMinutes?: number;
  finishSlackTenthMinutes?: number;
  fixedCostHundredths?: number;
  /** 1 start, 2 prorated, 3 end. */
  fixedCostAccrual?: number;
  percentComplete?: number;
  percentWorkComplete?: number;
  costHundredths?: number;
  actualStart?: MspdiDateTime;
  actualFinish?: MspdiDateTime;
  actualDurationMinutes?: number;
  actualCostHundredths?: number;
  actualWorkMinutes?: number;
  remainingDurationMinutes?: number;
  remainingCostHundredths?: number;
  remainingWorkMinutes?: number;
  constraintType?: MspdiConstraintType;
  /** −1 or absent: no task calendar. */
  calendarUid?: number;
  constraintDate?: MspdiDateTime;
  deadline?: MspdiDateTime;
  levelAssignments?: boolean;
  levelingCanSplit?: boolean;
  levelingDelayTenthMinutes?: number;
  levelingDelayFormat?: MspdiDurationFormat;
  preLeveledStart?: MspdiDateTime;
  preLeveledFinish?: MspdiDateTime;
  ignoreResourceCalendar?: boolean;
  notes?: string;
  hideBar?: boolean;
  rollup?: boolean;
  physicalPercentComplete?: number;
  /** 0 percent complete, 1 physical percent complete. */
  earnedValueMethod?: number;
  predecessors: MspdiPredecessorLink[];
  baselines: MspdiTaskBaseline[];
};

export type MspdiResource = {
  uid: number;
  guid?: string;
  id?: number;
  name?: string;
  type?: MspdiResourceType;
  isNull?: boolean;
  initials?: string;
  code?: string;
  materialLabel?: string;
  group?: string;
  /** 0 default, 1 none, 2 email, 3 web. */
  workGroup?: number;
  emailAddress?: string;
  /** 1 = 100 %. */
  maxUnits?: number;
  availableFrom?: MspdiDateTime;
  availableTo?: MspdiDateTime;
  canLevel?: boolean;
  /** 1 start, 2 end, 3 prorated. */
  accrueAt?: number;
  standardRatePerHour?: number;
  standardRateFormat?: number;
  overtimeRatePerHour?: number;
  overtimeRateFormat?: number;
  costPerUseHundredths?: number;
  calendarUid?: number;
  notes?: string;
  isGeneric?: boolean;
  isInactive?: boolean;
  isEnterprise?: boolean;
  bookingType?: number;
  creationDate?: MspdiDateTime;
  isCostResource?: boolean;
  isBudget?: boolean;
};

export type MspdiAssignmentBaseline = {
  number: number;
  interim?: boolean;
  start?: MspdiDateTime;
  finish?: MspdiDateTime;
  workMinutes?: number;
  costHundredths?: number;
};

export type MspdiAssignment = {
  uid: number;
  guid?: string;
  taskUid: number;
  /** −65535 is Project's "no resource". */
  resourceUid: number;
  percentWorkComplete?: number;
  actualCostHundredths?: number;
  actualFinish?: MspdiDateTime;
  actualStart?: MspdiDateTime;
  actualWorkMinutes?: number;
  confirmed?: boolean;
  costHundredths?: number;
  /** Cost rate table 0–4 (A–E). */
  costRateTable?: number;
  delayTenthMinutes?: number;
  finish?: MspdiDateTime;
  hasFixedRateUnits?: boolean;
  fixedMaterial?: boolean;
  levelingDelayTenthMinutes?: number;
  levelingDelayFormat?: MspdiDurationFormat;
  milestone?: boolean;
  notes?: string;
  overtimeWorkMinutes?: number;
  remainingCostHundredths?: number;
  remainingWorkMinutes?: number;
  start?: MspdiDateTime;
  stop?: MspdiDateTime;
  resume?: MspdiDateTime;
  /** 1 = 100 %. */
  units?: number;
  workMinutes?: number;
  /** 0 flat, 1 back loaded, 2 front loaded, 3 double peak, 4 early peak, 5 late peak, 6 bell, 7 turtle, 8 contoured. */
  workContour?: number;
  bookingType?: number;
  creationDate?: MspdiDateTime;
  budgetCostHundredths?: number;
  budgetWorkMinutes?: number;
  baselines: MspdiAssignmentBaseline[];
};

export type MspdiDocument = {
  header: MspdiHeader;
  calendars: MspdiCalendar[];
  /** In file order, including the UID 0 project summary task and blank (`isNull`) rows. */
  tasks: MspdiTask[];
  resources: MspdiResource[];
  assignments: MspdiAssignment[];
};

/**
 * How much is lost with an element the document does not keep: `data` is content a user
 * entered (custom fields, timephased data, hyperlinks, outline codes…); `calculated` is a
 * value Project derives and recomputes when it opens the file (earned value, variances,
 * rolled-up totals); `settings` is presentation or server state (views, tables, VBA,
 * publishing flags).
 */
export type UnsupportedKind = 'data' | 'calculated' | 'settings';

/** Elements of one path that were read but not kept, e.g. `Project/Tasks/Task/ExtendedAttribute` ×1284. */
export type UnsupportedItem = {
  path: string;
  count: number;
  /** The first owner met, e.g. `task UID 12`, `calendar UID 3`, `project`. */
  example: string;
  kind: UnsupportedKind;
};

export type MspdiReadResult = { document: MspdiDocument; unsupported: UnsupportedItem[] };
