import { monotonicFactory } from 'ulidx';

/** Ids are ULIDs made by the application: sortable by creation time, unique across servers and POS terminals. */
export const newId: () => string = monotonicFactory();
