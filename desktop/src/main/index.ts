import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session, utilityProcess, type UtilityProcess } from 'electron';
import { isCommandName, type CommandAnswer, type CoreMessage } from '../bridge/protocol';

/**
 * Electron glue only: one window, and the core in a utility process of its own, so the local database and sync never
 * block the window. The renderer reaches the core through the preload's one function (`pos.run`); main relays
 * commands and answers and forwards the core's events to every window.
 */

// Two copies of the app would mean two pushers of one outbox: the second start focuses the first window instead.
if (!app.requestSingleInstanceLock()) app.quit();

// out/main, where the build puts this file and the core's entry beside it.
const here = dirname(fileURLToPath(import.meta.url));

const pending = new Map<number, (answer: CommandAnswer) => void>();
let core: UtilityProcess | null = null;
let nextId = 1;
let quitting = false;

function startCore(): UtilityProcess {
  const child = utilityProcess.fork(join(here, 'core-process.js'), [], {
    serviceName: 'Computer shop POS core',
    env: { ...process.env, POS_DATA_DIR: process.env.POS_DATA_DIR ?? join(app.getPath('userData'), 'pos') },
  });
  child.on('message', (message: CoreMessage) => {
    if (message.kind === 'answer') {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    } else {
      for (const window of BrowserWindow.getAllWindows())
        window.webContents.send('pos:event', message.name, message.data);
    }
  });
  child.on('exit', (code) => {
    // Commands in flight get an answer rather than hanging; the core comes back for the next one.
    for (const [id, settle] of pending) {
      settle({ ok: false, error: { code: 'core_restarted', message: 'The counter restarted; try again.' } });
      pending.delete(id);
    }
    core = null;
    if (code !== 0 && !quitting) core = startCore();
  });
  return child;
}

function runInCore(command: string, input: unknown): Promise<CommandAnswer> {
  core ??= startCore();
  const id = nextId++;
  const target = core;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    target.postMessage({ id, command, input });
  });
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Computer shop POS',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The window shows the app and nothing else: no new windows, no navigation away, links open in the browser.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(join(here, '../renderer/index.html'));
}

void app.whenReady().then(() => {
  // No camera, microphone, notifications or the like unless a screen asks for them by name later.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ipcMain.handle('pos:run', (_event, command: unknown, input: unknown) =>
    isCommandName(command)
      ? runInCore(command, input)
      : { ok: false, error: { code: 'unknown_command', message: 'No such command' } },
  );
  core = startCore();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('before-quit', () => {
  quitting = true;
  core?.postMessage({ id: 0, command: 'shutdown', input: null });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
