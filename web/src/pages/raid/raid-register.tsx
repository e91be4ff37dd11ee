import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useRiskMatrix, type RaidLevel } from '../../api/raid';
import { useIsPhone } from '../../shared/use-is-phone';
import { IssueRegister } from './issue-register';
import { LogRegister } from './log-register';
import { RiskRegister } from './risk-register';

type Register = 'risks' | 'issues' | 'assumption' | 'dependency' | 'decision';

type Props = { orgId: string; level: RaidLevel; may: { raise: boolean; manage: boolean } };

const REGISTERS: { value: Register; label: string }[] = [
  { value: 'risks', label: 'Risks' },
  { value: 'issues', label: 'Issues' },
  { value: 'assumption', label: 'Assumptions' },
  { value: 'dependency', label: 'Dependencies' },
  { value: 'decision', label: 'Decisions' },
];
const INCLUDES = [
  { value: 'all', label: 'Own and escalated' },
  { value: 'own', label: 'Own' },
  { value: 'escalated', label: 'Escalated from below' },
];

/**
 * The RAID registers of one level. Projects list their own items; a programme or portfolio
 * lists its own and those escalated to it from below (by the PMO's rule or by hand).
 */
export function RaidRegister({ orgId, level, may }: Props) {
  const matrix = useRiskMatrix(orgId);
  const [register, setRegister] = useState<Register>('risks');
  const above = level.scopeType !== 'project';
  const [include, setInclude] = useState<'own' | 'escalated' | 'all'>(above ? 'all' : 'own');
  // On a phone the choices are lists: the controls' rows would be wider than the screen.
  const phone = useIsPhone();
  return (
    <Stack gap="sm">
      <Group gap="sm" justify="space-between">
        {phone ? (
          <Select size="sm" w={170} value={register} onChange={(v) => v && setRegister(v as Register)} data={REGISTERS} allowDeselect={false} aria-label="Register" />
        ) : (
          <SegmentedControl value={register} onChange={(v) => setRegister(v as Register)} data={REGISTERS} aria-label="Register" />
        )}
        {above && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Show
            </Text>
            {phone ? (
              <Select size="xs" w={170} value={include} onChange={(v) => v && setInclude(v as typeof include)} data={INCLUDES} allowDeselect={false} aria-label="Which items" />
            ) : (
              <SegmentedControl size="xs" value={include} onChange={(v) => setInclude(v as typeof include)} data={INCLUDES} aria-label="Which items" />
            )}
          </Group>
        )}
      </Group>
      {register === 'risks' ? (
        <RiskRegister level={level} matrix={matrix.data} may={may} include={include} />
      ) : register === 'issues' ? (
        <IssueRegister level={level} matrix={matrix.data} may={may} include={include} />
      ) : (
        <LogRegister key={register} kind={register} level={level} may={may} include={include} />
      )}
    </Stack>
  );
}
