/** Numbers as a manager reads them: shares in percent, money in dollars, 3 significant digits. */

/** A value of an outcome in its unit. */
export function formatNumber(value: number, unit: string): string {
  if (unit === 'share') return `${(100 * value).toFixed(1)}%`;
  if (unit === 'dollars') return `${value < 0 ? '−' : ''}$${Math.abs(Math.round(value)).toLocaleString('en-US')}`;
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US').replace('-', '−');
  return Number(value.toPrecision(3)).toString().replace('-', '−');
}

/** A difference in an outcome's unit, signed; differences of shares in percentage points. */
export function formatDifference(value: number, unit: string): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const magnitude = Math.abs(value);
  if (unit === 'share') return `${sign}${(100 * magnitude).toFixed(1)} pts`;
  return `${sign}${formatNumber(magnitude, unit)}`;
}

/** A relative change, signed, in percent; none for shares (a relative change of a share misleads). */
export function formatRelative(value: number, unit = ''): string {
  if (unit === 'share') return '';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(100 * value).toFixed(1)}%`;
}
