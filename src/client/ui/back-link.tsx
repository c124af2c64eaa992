// The way back from a screen to the list it was opened from, above its heading, written one way
// on every screen: a paragraph holding one link (the e2e tests find it by its words).
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p>
      <Link to={to}>{children}</Link>
    </p>
  );
}
