import { AppError } from '../http/errors';
import { createActiveUser } from '../modules/accounts/users';
import { openForCli, parseOptions } from './open';

const usage = `Usage: npm run shop -- <command>

Commands:
  create-admin --email E --password P [--name N]   create an active admin account`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const options = parseOptions(rest);
  if (command !== 'create-admin') {
    console.error(usage);
    process.exit(command ? 1 : 0);
  }
  if (!options.email || !options.password) {
    console.error('create-admin needs --email and --password\n\n' + usage);
    process.exit(1);
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
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = Object.entries(error.fields ?? {}).map(([field, problem]) => `  ${field}: ${problem}`);
    console.error([error.message, ...details].join('\n'));
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

void main();
