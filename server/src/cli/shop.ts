import { AppError } from '../http/errors';
import { createActiveUser } from '../modules/accounts/users';
import { bakongCheck } from './bakong-check';
import { backupCommand, restoreCommand } from './backup';
import { deviceCommand } from './devices';
import { openForCli, parseOptions } from './open';
import { setterCommands } from './setting-commands';
import { runSetter, showSettings } from './settings';

const commands: ReadonlyArray<[string, string]> = [
  ['create-admin --email E --password P [--name N]', 'create an active admin account'],
  ['settings', 'show every setting as the server uses it (secrets hidden), and the Bakong connection'],
  ['settings get KEY', 'one setting as JSON'],
  ...Object.values(setterCommands).map((command): [string, string] => [command.usage, command.summary]),
  ['bakong-check', 'ask the Bakong Open API (BAKONG_API_URL) whether BAKONG_TOKEN works'],
  ['create-device --name N', 'add a counter and print its one-time pairing code (valid 15 minutes)'],
  ['devices', 'list the counters: paired or not, last seen and synced, items queued and parked'],
  ['revoke-device ID', 'revoke a counter: its token stops working at once'],
  [
    'backup DIR [--keep N]',
    'copy the shop (database, uploads, secrets key, manifest) into a new folder while it sells; --keep: remove older backups beside it',
  ],
  ['restore DIR', 'restore a backup into an empty data folder, checking its files and the stock ledger'],
];

const usage = `Usage: npm run shop -- <command>

Commands:
${commands.map(([synopsis, summary]) => `  ${synopsis.replaceAll('\n', '\n  ')}\n      ${summary}`).join('\n')}

Every set-… command checks its input by the rules the server applies, stores it with an audit row and prints what
is stored; with a problem it names the option to fix, stores nothing and exits with 1.`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'create-admin') return createAdmin(rest);
  if (command === 'settings') return showSettings(rest);
  if (command === 'bakong-check') return bakongCheck();
  if (command === 'create-device' || command === 'devices' || command === 'revoke-device')
    return deviceCommand(command, rest, usage);
  if (command === 'backup') return backupCommand(rest);
  if (command === 'restore') return restoreCommand(rest);
  const setter = command === undefined ? undefined : setterCommands[command];
  if (command !== undefined && setter) return runSetter(command, setter, rest);
  console.error(usage);
  return command === undefined || command === 'help' ? 0 : 1;
}

async function createAdmin(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (!options.email || !options.password) {
    console.error('create-admin needs --email and --password\n\n' + usage);
    return 1;
  }
  const { database } = await openForCli();
  try {
    const admin = await createActiveUser(database.db, {
      email: options.email,
      password: options.password,
      name: options.name ?? 'Administrator',
      role: 'admin',
    });
    console.log(`Admin account created for ${admin.email}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = Object.entries(error.fields ?? {}).map(([field, problem]) => `  ${field}: ${problem}`);
    console.error([error.message, ...details].join('\n'));
    return 1;
  } finally {
    await database.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
