import { formatKhr, formatUsd } from '@shop/shared';
import type { Config } from '../config';
import type { SettingOverview } from '../modules/settings/overview';

/** How `npm run shop` prints settings: one field a line, money also as people read it. */

export function formatSettingValue(value: unknown, indent = '  '): string[] {
  if (value === null || value === undefined) return [`${indent}(not set)`];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${indent}${JSON.stringify(value)}`];
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  const width = Math.max(...entries.map(([field]) => field.length));
  return entries.map(([field, inner]) => `${indent}${field.padEnd(width)}  ${readable(field, inner)}`);
}

function readable(field: string, value: unknown): string {
  if (value === null || value === '') return '(none)';
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    if (field.endsWith('Cents')) return `${value} (${formatUsd(value)})`;
    if (field === 'rielPerUsd') return `${value} (1 USD = ${formatKhr(value)})`;
    if (field.endsWith('Percent')) return `${value} %`;
    if (field.endsWith('Days')) return value === 1 ? '1 day' : `${value} days`;
    if (field.endsWith('Minutes')) return value < 60 ? `${value} min` : `${value} min (${hours(value)})`;
  }
  // A group of values under one field (the discount limit per role) reads as the field's unit after each.
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value)
      .map(([part, inner]) => `${part} ${readable(field, inner)}`)
      .join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function hours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

/** Every setting, then the Bakong connection (environment variables, not settings): what an owner checks before opening. */
export function formatOverview(settings: readonly SettingOverview[], config: Config): string[] {
  const lines: string[] = [];
  for (const setting of settings) {
    lines.push(`${setting.key}${setting.title ? ` — ${setting.title}` : ''}`);
    if (setting.key === 'payments.merchant' && setting.value === null) {
      lines.push(
        config.bakong.standin
          ? '  (not set: the demo account computershop@aclb, fine only with the Bakong stand-in)'
          : '  NOT SET: customers cannot pay until it is (npm run shop -- set-merchant …)',
      );
    } else {
      lines.push(...formatSettingValue(setting.value));
      if (!setting.stored) lines.push('  (not stored: the defaults)');
    }
    if (setting.problem)
      lines.push(`  ! the stored value breaks the rules (${setting.problem}); set it again`);
    if (setting.updatedAt !== null) lines.push(`  (stored ${new Date(setting.updatedAt).toISOString()})`);
    lines.push('');
  }
  lines.push('Bakong Open API — environment variables, not settings');
  if (config.bakong.standin) {
    lines.push(
      '  the built-in stand-in: payments are simulated (set BAKONG_API_URL and BAKONG_TOKEN for real ones)',
    );
  } else {
    lines.push(
      `  BAKONG_API_URL  ${config.bakong.baseUrl}`,
      `  BAKONG_TOKEN    ${config.bakong.token ? 'set (hidden)' : 'not set'}; a token entered in the back office ` +
        `(payments.bakongToken) wins; check the one in use: npm run shop -- bakong-check`,
    );
  }
  return lines;
}
