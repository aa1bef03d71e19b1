/** The Code 128 encoder lives in shared/ (the server's claim slips print it too); the receipts keep importing it here. */
export {
  barRuns,
  code128Svg,
  encodeCode128,
  CODE_B,
  CODE_C,
  QUIET_MODULES,
  START_B,
  START_C,
  STOP,
  type Code128,
} from '@shop/shared';
