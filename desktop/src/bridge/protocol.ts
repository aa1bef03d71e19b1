/**
 * The one way the screens reach the core: a command by name with its input, answered with its output or an error.
 * The same messages travel over Electron IPC (preload → main → the core's utility process) and over HTTP (the
 * browser host), so the renderer cannot tell them apart and tests in Chromium drive the real core.
 */

/** An error the screens can show: a code to branch on, a sentence for the person, and per-field details. */
export interface CommandError {
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** The refusal's key and values (core/refusals.ts), for the screens to say it in the cashier's language. */
  text?: { key: string; params: Record<string, string | number> };
}

export type CommandAnswer = { ok: true; output: unknown } | { ok: false; error: CommandError };

/** A request to the core's process: `id` pairs it with its answer. */
export interface CommandRequest {
  id: number;
  command: string;
  input: unknown;
}

export type CoreMessage =
  | ({ kind: 'answer'; id: number } & CommandAnswer)
  /** Something the screens should know without asking (sync status moved, a payment confirmed). */
  | { kind: 'event'; name: string; data: unknown };

/** What runs the commands: the core, wherever it lives. */
export interface CommandRunner {
  run(command: string, input: unknown): Promise<unknown>;
  /** Tells `listener` of every event the core emits; answers a function that stops telling. */
  subscribe(listener: (name: string, data: unknown) => void): () => void;
  close(): Promise<void>;
}

/** Any thrown value as an error the screens can show; internals never cross. */
export function toCommandError(error: unknown): CommandError {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const { code, message, fields, text } = error as {
      code: string;
      message?: unknown;
      fields?: unknown;
      text?: CommandError['text'];
    };
    return {
      code,
      message: typeof message === 'string' ? message : code,
      ...(fields && typeof fields === 'object' ? { fields: fields as Record<string, string> } : {}),
      ...(text && typeof text.key === 'string' ? { text: { key: text.key, params: text.params } } : {}),
    };
  }
  return { code: 'internal', message: 'Something went wrong in the counter. Try again, or restart the app.' };
}

/** Command names are plain identifiers: nothing else is looked up on the core. */
export function isCommandName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-zA-Z][a-zA-Z0-9]{0,60}$/.test(name);
}
