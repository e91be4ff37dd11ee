import { BOOL, DATE_TIME, DECIMAL_NUMBER, DURATION, INT, TEXT, oneOf } from './codecs.js';
import { defineSpec, fieldsOf } from './element-spec.js';
import type { MspdiAssignment, MspdiAssignmentBaseline, MspdiResource } from './mspdi-document.js';

/** Resources (`/Project/Resources/Resource`) and assignments (`/Project/Assignments/Assignment`), in Project's element order. */

const r = fieldsOf<MspdiResource>();
export const RESOURCE = defineSpec<MspdiResource>(
  [
    r.scalar('UID', 'uid', INT),
    r.scalar('GUID', 'guid', TEXT),
    r.scalar('ID', 'id', INT),
    r.scalar('Name', 'name', TEXT),
    r.scalar('Type', 'type', oneOf([0, 1, 2] as const)),
    r.scalar('IsNull', 'isNull', BOOL),
    r.scalar('Initials', 'initials', TEXT),
    r.scalar('Code', 'code', TEXT),
    r.scalar('MaterialLabel', 'materialLabel', TEXT),
    r.scalar('Group', 'group', TEXT),
    r.scalar('WorkGroup', 'workGroup', INT),
    r.scalar('EmailAddress', 'emailAddress', TEXT),
    r.scalar('MaxUnits', 'maxUnits', DECIMAL_NUMBER),
    r.scalar('AvailableFrom', 'availableFrom', DATE_TIME),
    r.scalar('AvailableTo', 'availableTo', DATE_TIME),
    r.scalar('CanLevel', 'canLevel', BOOL),
    r.scalar('AccrueAt', 'accrueAt', INT),
    r.scalar('StandardRate', 'standardRatePerHour', DECIMAL_NUMBER),
    r.scalar('StandardRateFormat', 'standardRateFormat', INT),
    r.scalar('OvertimeRate', 'overtimeRatePerHour', DECIMAL_NUMBER),
    r.scalar('OvertimeRateFormat', 'overtimeRateFormat', INT),
    r.scalar('CostPerUse', 'costPerUseHundredths', DECIMAL_NUMBER),
    r.scalar('CalendarUID', 'calendarUid', INT),
    r.scalar('Notes', 'notes', TEXT),
    r.scalar('IsGeneric', 'isGeneric', BOOL),
    r.scalar('IsInactive', 'isInactive', BOOL),
    r.scalar('IsEnterprise', 'isEnterprise', BOOL),
    r.scalar('BookingType', 'bookingType', INT),
    r.scalar('CreationDate', 'creationDate', DATE_TIME),
    r.scalar('IsCostResource', 'isCostResource', BOOL),
    r.scalar('IsBudget', 'isBudget', BOOL),
  ],
  { required: ['UID'], noun: 'resource' },
);

const b = fieldsOf<MspdiAssignmentBaseline>();
const ASSIGNMENT_BASELINE = defineSpec<MspdiAssignmentBaseline>(
  [
    b.scalar('Number', 'number', INT),
    b.scalar('Interim', 'interim', BOOL),
    b.scalar('Start', 'start', DATE_TIME),
    b.scalar('Finish', 'finish', DATE_TIME),
    b.scalar('Work', 'workMinutes', DURATION),
    b.scalar('Cost', 'costHundredths', DECIMAL_NUMBER),
  ],
  { required: ['Number'] },
);

const a = fieldsOf<MspdiAssignment>();
export const ASSIGNMENT = defineSpec<MspdiAssignment>(
  [
    a.scalar('UID', 'uid', INT),
    a.scalar('GUID', 'guid', TEXT),
    a.scalar('TaskUID', 'taskUid', INT),
    a.scalar('ResourceUID', 'resourceUid', INT),
    a.scalar('PercentWorkComplete', 'percentWorkComplete', DECIMAL_NUMBER),
    a.scalar('ActualCost', 'actualCostHundredths', DECIMAL_NUMBER),
    a.scalar('ActualFinish', 'actualFinish', DATE_TIME),
    a.scalar('ActualStart', 'actualStart', DATE_TIME),
    a.scalar('ActualWork', 'actualWorkMinutes', DURATION),
    a.scalar('Confirmed', 'confirmed', BOOL),
    a.scalar('Cost', 'costHundredths', DECIMAL_NUMBER),
    a.scalar('CostRateTable', 'costRateTable', INT),
    a.scalar('Delay', 'delayTenthMinutes', DECIMAL_NUMBER),
    a.scalar('Finish', 'finish', DATE_TIME),
    a.scalar('HasFixedRateUnits', 'hasFixedRateUnits', BOOL),
    a.scalar('FixedMaterial', 'fixedMaterial', BOOL),
    a.scalar('LevelingDelay', 'levelingDelayTenthMinutes', DECIMAL_NUMBER),
    a.scalar('LevelingDelayFormat', 'levelingDelayFormat', INT),
    a.scalar('Milestone', 'milestone', BOOL),
    a.scalar('Notes', 'notes', TEXT),
    a.scalar('OvertimeWork', 'overtimeWorkMinutes', DURATION),
    a.scalar('RemainingCost', 'remainingCostHundredths', DECIMAL_NUMBER),
    a.scalar('RemainingWork', 'remainingWorkMinutes', DURATION),
    a.scalar('Start', 'start', DATE_TIME),
    a.scalar('Stop', 'stop', DATE_TIME),
    a.scalar('Resume', 'resume', DATE_TIME),
    a.scalar('Units', 'units', DECIMAL_NUMBER),
    a.scalar('Work', 'workMinutes', DURATION),
    a.scalar('WorkContour', 'workContour', INT),
    a.scalar('BookingType', 'bookingType', INT),
    a.scalar('CreationDate', 'creationDate', DATE_TIME),
    a.scalar('BudgetCost', 'budgetCostHundredths', DECIMAL_NUMBER),
    a.scalar('BudgetWork', 'budgetWorkMinutes', DURATION),
    a.list('Baseline', 'baselines', ASSIGNMENT_BASELINE),
  ],
  { required: ['UID', 'TaskUID', 'ResourceUID'], noun: 'assignment' },
);
