import type { CommandAnswer, CommandError } from '../bridge/protocol';
import type { PosBridge } from '../preload';
import { hostSocket } from './host-socket';
import { refusalText } from './refusal-texts';

/**
 * How the screens reach the core: Electron's preload (`window.pos`) when there is one, else the browser host: its
 * WebSocket once open, its HTTP routes until then. Either way a command answers its output or throws a
 * CommandFailed the screen can show.
 */
declare global {
  interface Window {
    pos?: PosBridge;
  }
}

export class CommandFailed extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

async function overHttp(command: string, input: unknown): Promise<CommandAnswer> {
  const response = await fetch(`/pos/run/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pos-client': '1' },
    body: JSON.stringify(input ?? null),
  });
  if (response.status === 401)
    return { ok: false, error: { code: 'host_sign_in', message: 'Sign in with your PIN' } };
  if (!response.ok)
    return { ok: false, error: { code: 'host', message: `The counter answered ${response.status}` } };
  return (await response.json()) as CommandAnswer;
}

const socket = hostSocket(
  () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/pos/socket`,
);

export async function run<T>(command: string, input: unknown = null): Promise<T> {
  const answer = window.pos
    ? await window.pos.run(command, input)
    : await (socket.send(command, input ?? null) ?? overHttp(command, input));
  if (!answer.ok) throw new CommandFailed(answer.error);
  return answer.output as T;
}

/** The core's events (sync status moved, …); answers a function that stops listening. */
export function onCoreEvent(listener: (name: string, data: unknown) => void): () => void {
  if (window.pos) return window.pos.onEvent(listener);
  const source = new EventSource('/pos/events');
  const names = ['status', 'notifications'];
  const handlers = names.map((name) => {
    const handler = (event: MessageEvent<string>) => listener(name, JSON.parse(event.data) as unknown);
    source.addEventListener(name, handler);
    return handler;
  });
  return () => {
    names.forEach((name, i) => source.removeEventListener(name, handlers[i]!));
    source.close();
  };
}

const unreachableText = { en: 'The counter could not be reached.', km: 'មិនអាចភ្ជាប់ទៅម៉ាស៊ីនលក់បានទេ។' };

/**
 * What to tell the person about a failed command: the core's own reason, or that the core did not answer; in the
 * page's language (the LocaleProvider keeps `<html lang>`), so every screen's refusals follow the cashier's choice.
 */
export function messageOf(error: unknown, unreachable?: string): string {
  const locale = document.documentElement.lang;
  if (!(error instanceof CommandFailed))
    return unreachable ?? (locale === 'km' ? unreachableText.km : unreachableText.en);
  return refusalText(locale, error.message, error.error.text);
}
