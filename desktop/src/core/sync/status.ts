import type { FailedItem } from './outbox';

/** What the counter shows about its link to the server. */
export interface SyncStatus {
  paired: boolean;
  /** The counter's id, name and server once paired (the id lets the back office know this counter in the list). */
  deviceId: string | null;
  deviceName: string | null;
  serverUrl: string | null;
  /** The last request to the server got an answer (any answer: the network works). */
  online: boolean;
  /** The last complete pull or answered push (epoch ms), null before the first. */
  lastSyncAt: number | null;
  pending: number;
  failed: FailedItem[];
  lastError: string | null;
  /** When the pusher tries again after a failure (epoch ms), null when it is not waiting. */
  retryAt: number | null;
}

/** The part of the status that lives in memory; the counts come from the database when asked. */
export interface LinkState {
  online: boolean;
  lastError: string | null;
  retryAt: number | null;
}

export const newLinkState = (): LinkState => ({ online: false, lastError: null, retryAt: null });
