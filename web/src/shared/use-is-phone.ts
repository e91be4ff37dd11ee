import { useMediaQuery } from '@mantine/hooks';

/** True below Mantine's `sm` breakpoint (48em): phone layouts. Read at once, so the first render is right. */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', undefined, { getInitialValueInEffect: false }) ?? false;
}
