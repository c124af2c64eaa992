// What a screen shows when what it was opened for is not on this device (a case, a page, a
// service, a place, a flow), or the address is no screen at all: a heading that says so and the
// way back to where it can be found, written one way everywhere.
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function NotFound({ title, to, back }: { title: ReactNode; to: string; back: ReactNode }) {
  return (
    <section className="panel">
      <h1>{title}</h1>
      <Link to={to}>{back}</Link>
    </section>
  );
}
