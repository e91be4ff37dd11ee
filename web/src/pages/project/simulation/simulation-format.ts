import { formatMoney, minorDigits } from '../../../shared/format';

/** Simulated money to the whole major unit (pounds): its pence are noise. */
export function wholeMoney(x: number, currency: string): string {
  const unit = 10 ** minorDigits(currency);
  return formatMoney(Math.round(x / unit) * unit, currency);
}
