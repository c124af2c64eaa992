// Routes compose features; features never import each other.
import { createBrowserRouter } from 'react-router';
import { AboutPage } from '../features/about/about-page.tsx';
import { AttentionPage } from '../features/attention/attention-page.tsx';
import { ContactNotesPage } from '../features/contact-notes/contact-notes-page.tsx';
import { PlacePage, PlacesPage } from '../features/directory/places-page.tsx';
import { ServicePage } from '../features/directory/service-page.tsx';
import { ServicesPage } from '../features/directory/services-page.tsx';
import { PageEditor } from '../features/local-pages/page-editor.tsx';
import { PageView } from '../features/local-pages/page-view.tsx';
import { PagesPage } from '../features/local-pages/pages-page.tsx';
import { PackPage } from '../features/pack-info/pack-page.tsx';
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
        { path: 'services', element: <RequireDevice>{() => <ServicesPage />}</RequireDevice> },
        {
          path: 'services/:serviceId',
          element: <RequireDevice>{() => <ServicePage />}</RequireDevice>,
        },
        { path: 'places', element: <RequireDevice>{() => <PlacesPage />}</RequireDevice> },
        { path: 'places/:placeId', element: <RequireDevice>{() => <PlacePage />}</RequireDevice> },
        {
          path: 'pages',
          element: <RequireDevice>{(d) => <PagesPage device={d} />}</RequireDevice>,
        },
        {
          path: 'pages/new',
          element: <RequireDevice>{(d) => <PageEditor device={d} />}</RequireDevice>,
        },
        {
          path: 'pages/:pageId',
          element: <RequireDevice>{(d) => <PageView device={d} />}</RequireDevice>,
        },
        {
          path: 'pages/:pageId/edit',
          element: <RequireDevice>{(d) => <PageEditor device={d} />}</RequireDevice>,
        },
        { path: 'pack', element: <RequireDevice>{() => <PackPage />}</RequireDevice> },
        { path: 'about', element: <AboutPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
