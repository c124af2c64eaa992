// Routes compose features; features never import each other. The finder is the first screen
// and loads with the app; every other screen is its own chunk, precached for offline use.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter } from 'react-router';
import type { DeviceSettings } from '../db/database.ts';
import { FinderPage } from '../features/finder/finder-page.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireDevice } from './require-device.tsx';

const named = <K extends string, P>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const AboutPage = named(() => import('../features/about/about-page.tsx'), 'AboutPage');
const AttentionPage = named(
  () => import('../features/attention/attention-page.tsx'),
  'AttentionPage',
);
const ContactNotesPage = named(
  () => import('../features/contact-notes/contact-notes-page.tsx'),
  'ContactNotesPage',
);
const DiagnosticsPage = named(
  () => import('../features/diagnostics/diagnostics-page.tsx'),
  'DiagnosticsPage',
);
const PlacesPage = named(() => import('../features/directory/places-page.tsx'), 'PlacesPage');
const PlacePage = named(() => import('../features/directory/places-page.tsx'), 'PlacePage');
const ServicePage = named(() => import('../features/directory/service-page.tsx'), 'ServicePage');
const ServicesPage = named(() => import('../features/directory/services-page.tsx'), 'ServicesPage');
const EnrolPage = named(() => import('../features/enrolment/enrol-page.tsx'), 'EnrolPage');
const FlowPage = named(() => import('../features/guided-flow/flow-page.tsx'), 'FlowPage');
const PageEditor = named(() => import('../features/local-pages/page-editor.tsx'), 'PageEditor');
const PageView = named(() => import('../features/local-pages/page-view.tsx'), 'PageView');
const PagesPage = named(() => import('../features/local-pages/pages-page.tsx'), 'PagesPage');
const CapturePage = named(() => import('../features/cases/capture-page.tsx'), 'CapturePage');
const CasePage = named(() => import('../features/cases/case-page.tsx'), 'CasePage');
const QueuePage = named(() => import('../features/cases/queue-page.tsx'), 'QueuePage');
const PackPage = named(() => import('../features/pack-info/pack-page.tsx'), 'PackPage');

function Loading() {
  const { t } = useTranslation();
  return <p>{t('app.loading')}</p>;
}

/** A screen for an enrolled device; `staff` screens are not offered on a kiosk. */
function screen(render: (device: DeviceSettings) => ReactNode, options: { staff?: boolean } = {}) {
  return (
    <RequireDevice staff={options.staff ?? false}>
      {(device) => <Suspense fallback={<Loading />}>{render(device)}</Suspense>}
    </RequireDevice>
  );
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { index: true, element: screen((d) => <FinderPage device={d} />) },
        {
          path: 'enrol',
          element: (
            <Suspense fallback={<Loading />}>
              <EnrolPage />
            </Suspense>
          ),
        },
        { path: 'notes', element: screen((d) => <ContactNotesPage device={d} />, { staff: true }) },
        { path: 'cases/new', element: screen((d) => <CapturePage device={d} />) },
        { path: 'cases/:caseId', element: screen(() => <CasePage />, { staff: true }) },
        { path: 'queue', element: screen((d) => <QueuePage device={d} />, { staff: true }) },
        { path: 'services', element: screen(() => <ServicesPage />, { staff: true }) },
        { path: 'services/:serviceId', element: screen(() => <ServicePage />) },
        { path: 'services/:serviceId/flow', element: screen((d) => <FlowPage device={d} />) },
        { path: 'places', element: screen(() => <PlacesPage />) },
        { path: 'places/:placeId', element: screen(() => <PlacePage />) },
        { path: 'pages', element: screen((d) => <PagesPage device={d} />, { staff: true }) },
        { path: 'pages/new', element: screen((d) => <PageEditor device={d} />, { staff: true }) },
        { path: 'pages/:pageId', element: screen((d) => <PageView device={d} />, { staff: true }) },
        {
          path: 'pages/:pageId/edit',
          element: screen((d) => <PageEditor device={d} />, { staff: true }),
        },
        { path: 'attention', element: screen(() => <AttentionPage />, { staff: true }) },
        { path: 'pack', element: screen(() => <PackPage />, { staff: true }) },
        {
          path: 'diagnostics',
          element: screen((d) => <DiagnosticsPage device={d} />, { staff: true }),
        },
        {
          path: 'about',
          element: (
            <Suspense fallback={<Loading />}>
              <AboutPage />
            </Suspense>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
