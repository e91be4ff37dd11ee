import { ActionIcon, Anchor, Button, Group, NumberInput, Popover, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Contribution } from '../../api/types';

type Props = {
  contribution: Contribution;
  editable: boolean;
  onWeight: (weight: number) => void;
  onRemove: () => void;
  busy: boolean;
};

/** One objective the project serves: its weight (edited in place, saved on Enter or leaving the field) and removal. */
export function ContributionRow({ contribution: c, editable, onWeight, onRemove, busy }: Props) {
  const [weight, setWeight] = useState<number | string>(c.weight);
  const [confirming, setConfirming] = useState(false);
  const problem = typeof weight !== 'number' ? 'Enter a weight from 0 to 100' : weight < 0 || weight > 100 ? 'Must be 0 to 100' : null;
  const commit = () => {
    if (!problem && typeof weight === 'number' && weight !== c.weight) onWeight(weight);
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" ff="monospace" c="dimmed" span mr="xs">
          {c.objectiveCode}
        </Text>
        <Anchor component={Link} to={`/strategy#objective-${c.objectiveId}`} size="sm">
          {c.objectiveName}
        </Anchor>
      </Table.Td>
      <Table.Td w={120}>
        {editable ? (
          <NumberInput
            aria-label={`Weight of the contribution to ${c.objectiveName}`}
            value={weight}
            onChange={setWeight}
            onBlur={commit}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), commit())}
            min={0}
            max={100}
            suffix="%"
            size="xs"
            error={problem}
            hideControls
            styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
          />
        ) : (
          <Text size="sm" ta="right" className="num">
            {c.weight}%
          </Text>
        )}
      </Table.Td>
      {editable && (
        <Table.Td w={48}>
          <Popover opened={confirming} onChange={setConfirming} position="left" withArrow shadow="md" trapFocus>
            <Popover.Target>
              <ActionIcon variant="subtle" color="red" onClick={() => setConfirming((o) => !o)} aria-label={`Remove the contribution to ${c.objectiveName}`} loading={busy}>
                <IconTrash size={16} />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="xs" maw={240}>
                <Text size="sm">Stop counting this project towards “{c.objectiveName}”?</Text>
                <Group gap="xs" justify="flex-end">
                  <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                    Keep
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    onClick={() => {
                      setConfirming(false);
                      onRemove();
                    }}
                  >
                    Remove
                  </Button>
                </Group>
              </Stack>
            </Popover.Dropdown>
          </Popover>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
