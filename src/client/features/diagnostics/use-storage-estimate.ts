import { useCallback, useEffect, useState } from 'react';

export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

async function readStorageInfo(): Promise<StorageInfo> {
  const storage = navigator.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

export function useStorageEstimate(): { info: StorageInfo; requestPersist: () => Promise<void> } {
  const [info, setInfo] = useState<StorageInfo>({ usage: null, quota: null, persisted: null });
  useEffect(() => {
    let live = true;
    void readStorageInfo().then((next) => live && setInfo(next));
    return () => {
      live = false;
    };
  }, []);
  const requestPersist = useCallback(async () => {
    await navigator.storage?.persist?.();
    setInfo(await readStorageInfo());
  }, []);
  return { info, requestPersist };
}
