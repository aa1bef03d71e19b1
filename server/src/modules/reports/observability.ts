import { createRequire } from 'node:module';
import { Registry } from 'prom-client';
import { ulid } from 'ulidx';
import type { Config } from '../../config';
import type { ShopDatabase } from '../../db/database';
import { databaseSizeBytes } from '../../db/size';
import type { SecretBox } from '../../secrets/secret-box';
import { fileStoreSpace } from '../../storage/disk-space';
import { serverRootUrl } from '../../server-root';
import type { BakongReachability } from '../payments/bakong-reachability';
import { bakongTokenStatus } from '../settings/bakong-token';
import type { HealthSources } from './health';
import { createRequestStats } from './request-stats';

/** The health figures' sources for one shop: its own metrics registry, request counters and clock of start. */
export interface Observability {
  registry: Registry;
  health: HealthSources;
}

const serverPackage = createRequire(serverRootUrl)('./package.json') as { version: string };

export function createObservability(parts: {
  config: Config;
  database: ShopDatabase;
  secrets: SecretBox;
  /** Whether Bakong answers, kept about a minute (made once per shop in the composition root). */
  bakongReachability: () => Promise<BakongReachability>;
}): Observability {
  const registry = new Registry();
  const { database } = parts;
  return {
    registry,
    health: {
      db: database.db,
      dialect: database.dialect,
      version: serverPackage.version,
      startedAt: Date.now(),
      requests: createRequestStats(registry),
      bakongToken: async () => {
        const status = await bakongTokenStatus(database.db, parts.secrets, parts.config.bakong);
        return { expiresAt: status.expiresAt, source: status.source };
      },
      poolUse: () => database.poolUse(),
      processId: ulid(),
      databaseBytes: () => databaseSizeBytes(database.db),
      fileStore: () => fileStoreSpace(parts.config.storage),
      bakongReachability: parts.bakongReachability,
    },
  };
}
