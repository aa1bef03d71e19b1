import type { CommandRunner } from './protocol';

/** A command's implementation: its input as the screen sent it (validated by the command itself), its output. */
export type CommandHandlers = Record<string, (input: unknown) => Promise<unknown>>;

/**
 * A CommandRunner over an object of command functions and an event source: what the utility process and the
 * browser host serve. Only the object's own functions are commands (never `toString` or `__proto__`).
 */
export function commandRunner(
  handlers: CommandHandlers,
  events: { on(listener: (name: string, data: unknown) => void): () => void },
  close: () => Promise<void>,
): CommandRunner {
  return {
    run: async (command, input) => {
      const handler = Object.hasOwn(handlers, command) ? handlers[command] : undefined;
      if (!handler) throw Object.assign(new Error(`No command ${command}`), { code: 'unknown_command' });
      return handler(input);
    },
    subscribe: (listener) => events.on(listener),
    close,
  };
}
