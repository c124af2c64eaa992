// Routes compose features; features never import each other.
import { createBrowserRouter } from 'react-router';
import { AboutPage } from '../features/about/about-page.tsx';
import { AttentionPage } from '../features/attention/attention-page.tsx';
import { ContactNotesPage } from '../features/contact-notes/contact-notes-page.tsx';
import { DiagnosticsPage } from '../features/diagnostics/diagnostics-page.tsx';
import { EnrolPage } from '../features/enrolment/enrol-page.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireDevice } from './require-device.tsx';

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        {
          index: true,
          element: (
            <RequireDevice>{(device) => <ContactNotesPage device={device} />}</RequireDevice>
          ),
        },
        { path: 'enrol', element: <EnrolPage /> },
        {
          path: 'attention',
          element: <RequireDevice>{() => <AttentionPage />}</RequireDevice>,
        },
        {
          path: 'diagnostics',
          element: <RequireDevice>{(device) => <DiagnosticsPage device={device} />}</RequireDevice>,
        },
        { path: 'about', element: <AboutPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
