import { NumberInput, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { Criterion } from '../../../../../src/domain/portfolio/scoring/index.js';
import { isApiError } from '../../../api/client';
import { sentence } from '../../../shared/validation';

type Props = {
  criterion: Criterion;
  value: number | null;
  /** Whether this person may enter values for this project. */
  editable: boolean;
  projectLabel: string;
  /** Saves the value (null clears it); rejects with the server's error. */
  onSave: (value: number | null) => Promise<unknown>;
};

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '–';
  const n = Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);
  return unit && unit !== 'points' ? `${n} ${unit}` : n;
}

/**
 * One project's value on one criterion. A click (or Enter) turns it into a number field;
 * Enter or leaving the field saves, Escape cancels; a value off the scale is refused here and
 * by the server, and the reason shows under the field.
 */
export function ScoreCell({ criterion, value, editable, projectLabel, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState<string | number>(value ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const label = `${criterion.name} of ${projectLabel}`;
  if (!editable || criterion.source !== 'entered') {
    return (
      <Text size="sm" ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} aria-label={`${label}: ${formatValue(value, criterion.unit)}`}>
        {formatValue(value, criterion.unit)}
      </Text>
    );
  }
  if (!editing) {
    return (
      <UnstyledButton
        onClick={() => {
          setText(value ?? '');
          setError(null);
          setEditing(true);
        }}
        aria-label={`${label}: ${formatValue(value, criterion.unit)} (click to edit)`}
        style={{ width: '100%', textAlign: 'right', fontVariantNumeric: 'tabular-nums', borderBottom: '1px dashed var(--mantine-color-gray-4)' }}
      >
        <Text size="sm" span c={value === null ? 'dimmed' : undefined}>
          {formatValue(value, criterion.unit)}
        </Text>
      </UnstyledButton>
    );
  }
  const commit = async () => {
    const next = text === '' ? null : Number(text);
    if (next !== null && !Number.isFinite(next)) return setError('Must be a number');
    if (next !== null && (next < criterion.min || next > criterion.max)) return setError(`Must be ${criterion.min}–${criterion.max}`);
    if (next === value) return setEditing(false);
    setSaving(true);
    try {
      await onSave(next);
      setEditing(false);
    } catch (e) {
      setError(isApiError(e) ? sentence(e.problem.issues?.[0]?.reason ?? e.problem.detail) : 'Could not save');
    } finally {
      setSaving(false);
    }
  };
  return (
    <NumberInput
      size="xs"
      autoFocus
      aria-label={label}
      value={text}
      min={criterion.min}
      max={criterion.max}
      clampBehavior="none"
      hideControls
      disabled={saving}
      error={error}
      onChange={setText}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void commit();
        if (e.key === 'Escape') setEditing(false);
      }}
      styles={{ input: { textAlign: 'right' } }}
    />
  );
}
