// validatePack's errors as a list a person can act on: the record (a link to open it), the
// field and the reason, read out as soon as they show.
import { Link } from 'react-router';
import type { PackError } from '../../../shared/pack/validate-pack.ts';

export function ErrorList({
  message,
  errors,
  max = 30,
}: {
  message?: string;
  errors: readonly PackError[];
  max?: number;
}) {
  if (!message && errors.length === 0) return null;
  return (
    <div className="error" role="alert">
      {message && <p>{message}</p>}
      {errors.length > 0 && <PackErrorItems errors={errors.slice(0, max)} />}
    </div>
  );
}

/** The errors alone, one a line; the pack page shows them under a heading of its own. */
export function PackErrorItems({ errors }: { errors: readonly PackError[] }) {
  return (
    <ul>
      {errors.map((e, i) => (
        <li key={i}>
          {e.kind === 'pack' ? (
            e.record
          ) : (
            <Link to={`/studio/pack/${e.kind}/${e.record}`}>{`${e.kind}/${e.record}`}</Link>
          )}{' '}
          <code>{e.field}</code> {e.reason}
        </li>
      ))}
    </ul>
  );
}
