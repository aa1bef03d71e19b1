import os from 'node:os';
import { settingKeys } from '@shop/shared';
import { Invalid } from '../http/errors';
import { systemActor } from '../modules/audit/audit';
import { changeSettings, type ChangedSetting } from '../modules/settings/changes';
import { settingsOverview } from '../modules/settings/overview';
import { openForCli } from './open';
import { readArguments, UsageError } from './options';
import type { SetterCommand } from './setting-commands';
import { formatOverview, formatSettingValue } from './settings-output';

/** `settings` (every setting, secrets hidden) and `settings get KEY` (one, as JSON for scripts). */
export async function showSettings(args: readonly string[]): Promise<number> {
  const [sub, key, ...extra] = args;
  if (sub !== undefined && (sub !== 'get' || key === undefined || extra.length > 0)) {
    console.error('Usage: npm run shop -- settings [get KEY]');
    return 1;
  }
  const { config, database } = await openForCli();
  try {
    const settings = await settingsOverview(database.db);
    if (key === undefined) {
      console.log(formatOverview(settings, config).join('\n'));
      return 0;
    }
    const setting = settings.find((s) => s.key === key);
    if (!setting) {
      console.error(`No setting ${key}. Settings: ${settings.map((s) => s.key).join(', ')}`);
      return 1;
    }
    console.log(JSON.stringify(setting.value, null, 2));
    if (!setting.stored)
      console.error(`(${key} is not stored: ${setting.value === null ? 'not set' : 'the defaults'})`);
    return 0;
  } finally {
    await database.close();
  }
}

/** One friendly setter: checks the input, stores it with an audit row, prints what is now stored. */
export async function runSetter(
  name: string,
  command: SetterCommand,
  args: readonly string[],
): Promise<number> {
  let changes;
  try {
    changes = command.changes(readArguments(args, command.options));
  } catch (error) {
    return reportProblem(error, name, command);
  }
  const { database } = await openForCli();
  try {
    const changed = await changeSettings(database.db, changes, {
      actor: systemActor,
      source: 'cli',
      osUser: operatingSystemUser(),
    });
    console.log(formatChanged(changed).join('\n'));
    return 0;
  } catch (error) {
    return reportProblem(error, name, command);
  } finally {
    await database.close();
  }
}

function formatChanged(changed: readonly ChangedSetting[]): string[] {
  const lines = changed.flatMap(({ key, value }) => [`Saved ${key}:`, ...formatSettingValue(value)]);
  if (changed.some(({ key }) => key === settingKeys.merchantAccount))
    lines.push(
      'New payment QRs are made for this account; QRs already handed out keep the account they name.',
    );
  if (changed.some(({ key }) => key === settingKeys.counterPolicy))
    lines.push(
      'Counters use it from their next sync; receipts already made keep the footer they were printed with.',
    );
  // The counter policy is for counters only: no server reads it.
  if (changed.some(({ key }) => key !== settingKeys.counterPolicy))
    lines.push(
      'Running servers use it from their next order or invoice, and the web shop from its next page.',
    );
  return lines;
}

function reportProblem(error: unknown, name: string, command: SetterCommand): number {
  if (error instanceof UsageError) {
    console.error(`${name}: ${error.message}\n\nUsage: npm run shop -- ${command.usage}`);
    return 1;
  }
  if (error instanceof Invalid) {
    const fields = Object.entries(error.fields ?? {}).map(
      ([field, problem]) => `  ${command.fields[field] ?? field}: ${problem}`,
    );
    console.error([error.message, ...fields].join('\n'));
    return 1;
  }
  throw error;
}

/** Who ran the command on this machine, for the audit row; unknown in some containers. */
function operatingSystemUser(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}
