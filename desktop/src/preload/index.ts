import { contextBridge, ipcRenderer } from 'electron';
import type { CommandAnswer } from '../bridge/protocol';

/**
 * The renderer's only door: run a core command, and hear the core's events. Nothing else of Node or Electron
 * reaches the page (context isolation on, sandboxed, no node integration).
 */
const pos = {
  run: (command: string, input: unknown): Promise<CommandAnswer> =>
    ipcRenderer.invoke('pos:run', command, input),
  onEvent: (listener: (name: string, data: unknown) => void): (() => void) => {
    const relay = (_event: unknown, name: string, data: unknown) => listener(name, data);
    ipcRenderer.on('pos:event', relay);
    return () => ipcRenderer.removeListener('pos:event', relay);
  },
};

contextBridge.exposeInMainWorld('pos', pos);

export type PosBridge = typeof pos;
