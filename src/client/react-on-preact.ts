// What the build gives every `import ... from 'react'` (see vite.config.ts): Preact's
// compatibility layer, plus the one React 19 hook it lacks that React Router imports.
import { useCallback, useState } from 'preact/compat';

// @ts-expect-error -- compat's types are written `export =` (for React's types); the module is ESM.
export * from 'preact/compat';
export { default } from 'preact/compat';

/**
 * React's useOptimistic shows a value while an async transition is pending and drops it when
 * the confirmed state arrives. Preact runs transitions at once, so here an optimistic value
 * lasts until the confirmed state (`passthrough`) changes. React Router's RouterProvider only
 * sets one when asked for `useTransitions`, which AnyDoor does not use.
 */
export function useOptimistic<S, A = S>(
  passthrough: S,
  reducer?: (state: S, action: A) => S,
): [S, (action: A) => void] {
  const [optimistic, setOptimistic] = useState<{ base: S; value: S } | null>(null);
  const shown = optimistic?.base === passthrough ? optimistic.value : passthrough;
  const add = useCallback(
    (action: A) =>
      setOptimistic((held) => {
        const current = held?.base === passthrough ? held.value : passthrough;
        return {
          base: passthrough,
          value: reducer ? reducer(current, action) : (action as unknown as S),
        };
      }),
    [passthrough, reducer],
  );
  return [shown, add];
}
