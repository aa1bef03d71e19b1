/**
 * Options of one command, read strictly: a misspelt option (`--acount`) or a missing value is an error, never
 * silently ignored, because a setting written without the value the owner meant is worse than none.
 */

/** `value` options take the next argument, whatever it is ('' clears a field); `flag` options take none. */
export type OptionKinds = Readonly<Record<string, 'value' | 'flag'>>;

export interface ParsedArguments {
  /** Option name (without `--`) to its value; flags read as 'true'. */
  options: Record<string, string>;
  positional: string[];
}

/** A command line that cannot be read: the message says what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function readArguments(args: readonly string[], kinds: OptionKinds): ParsedArguments {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = splitInline(arg.slice(2));
    const kind = kinds[name];
    if (!kind) {
      const known = Object.keys(kinds).map((option) => `--${option}`);
      throw new UsageError(
        `unknown option --${name}` + (known.length ? ` (this command takes ${known.join(', ')})` : ''),
      );
    }
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      options[name] = 'true';
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return { options, positional };
}

/** `--name=value` as well as `--name value`. */
function splitInline(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}
