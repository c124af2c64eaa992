// Why a sync stopped short, and whether waiting and retrying can help.
/** Why a sync stopped short. The key names a sentence in i18n "sync.errors". */
export type SyncErrorKey =
  | 'offline'
  | 'unreachable'
  | 'server-error'
  | 'unauthorised'
  | 'update-needed'
  | 'bad-response'
  | 'device-error';

export class SyncError extends Error {
  readonly key: SyncErrorKey;
  /** Whether waiting and retrying can help (it cannot for a revoked device or an old app). */
  readonly retryable: boolean;
  constructor(key: SyncErrorKey, detail: string, retryable: boolean) {
    super(detail);
    this.key = key;
    this.retryable = retryable;
  }
}
