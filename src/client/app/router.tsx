// Routes compose features; features never import each other. The finder is the first screen
// and loads with the app; every other screen is its own chunk, precached for offline use.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, useLocation } from 'react-router';
import type { DeviceSettings } from '../db/database.ts';
import { FinderPage } from '../features/finder/finder-page.tsx';
import { wipeKioskSession } from '../features/kiosk/wipe-session.ts';
import { loadEnglishScreens, UI_LANGUAGES } from '../i18n/i18n.ts';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireDevice } from './require-device.tsx';

const named = <K extends string, P>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) =>
  lazy(async () => {
    const [module] = await Promise.all([load(), loadEnglishScreens()]);
    return { default: module[name] };
  });

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
// A first visit's first screen: its words are in the first load (en.json), so it does not
// wait for the rest of English (en-screens.json) on a slow link.
const EnrolPage = lazy(async () => ({
  default: (await import('../features/enrolment/enrol-page.tsx')).EnrolPage,
}));
const FlowPage = named(() => import('../features/guided-flow/flow-page.tsx'), 'FlowPage');
const PageEditor = named(() => import('../features/local-pages/page-editor.tsx'), 'PageEditor');
const PageView = named(() => import('../features/local-pages/page-view.tsx'), 'PageView');
const PagesPage = named(() => import('../features/local-pages/pages-page.tsx'), 'PagesPage');
const CapturePage = named(() => import('../features/cases/capture-page.tsx'), 'CapturePage');
const KioskRequestPage = named(
  () => import('../features/cases/kiosk-request-page.tsx'),
  'KioskRequestPage',
);
const CasePage = named(() => import('../features/cases/case-page.tsx'), 'CasePage');
const LookupPage = named(() => import('../features/case-lookup/lookup-page.tsx'), 'LookupPage');
const QueuePage = named(() => import('../features/cases/queue-page.tsx'), 'QueuePage');
const TrainingPage = named(() => import('../features/training/training-page.tsx'), 'TrainingPage');
const TrainingModulePage = named(
  () => import('../features/training/training-page.tsx'),
  'TrainingModulePage',
);
const TeamOverviewPage = named(
  () => import('../features/team-overview/team-overview-page.tsx'),
  'TeamOverviewPage',
);
const RosterPage = named(() => import('../features/roster/roster-page.tsx'), 'RosterPage');
const AuditsPage = named(() => import('../features/audits/audits-page.tsx'), 'AuditsPage');
const AuditFormPage = named(
  () => import('../features/audits/audit-form-page.tsx'),
  'AuditFormPage',
);
const AuditScoresPage = named(
  () => import('../features/audit-scores/audit-scores-page.tsx'),
  'AuditScoresPage',
);
const CustomersPage = named(
  () => import('../features/customers/customers-page.tsx'),
  'CustomersPage',
);
const CustomerPage = named(() => import('../features/customers/customer-page.tsx'), 'CustomerPage');
const CustomerMatchesPage = named(
  () => import('../features/customers/customer-matches-page.tsx'),
  'CustomerMatchesPage',
);
const InsightPage = named(() => import('../features/insight/insight-page.tsx'), 'InsightPage');
const StudioPage = named(() => import('../features/studio/studio-page.tsx'), 'StudioPage');
const AdminLogPage = named(
  () => import('../features/studio/admin-log-page.tsx'),
  'AdminLogPageView',
);
const StudioDevicesPage = named(
  () => import('../features/studio-devices/devices-page.tsx'),
  'StudioDevicesPage',
);
const StudioKeysPage = named(
  () => import('../features/studio-keys/keys-page.tsx'),
  'StudioKeysPage',
);
const PeoplePage = named(() => import('../features/studio-people/people-page.tsx'), 'PeoplePage');
const InvitePage = named(() => import('../features/studio-people/invite-page.tsx'), 'InvitePage');
const PersonPage = named(() => import('../features/studio-people/person-page.tsx'), 'PersonPage');
const StudioPackPage = named(
  () => import('../features/studio-pack/studio-pack-page.tsx'),
  'StudioPackPage',
);
const RecordEditorPage = named(
  () => import('../features/studio-pack/record-editor-page.tsx'),
  'RecordEditorPage',
);
const StudioPlacesPage = named(
  () => import('../features/studio-places/studio-places-page.tsx'),
  'StudioPlacesPage',
);
const PlaceEditorPage = named(
  () => import('../features/studio-places/place-editor-page.tsx'),
  'PlaceEditorPage',
);
const PackPage = named(() => import('../features/pack-info/pack-page.tsx'), 'PackPage');
const AfterContactFeedback = named(() => import('./after-contact.tsx'), 'AfterContactFeedback');

/** The four faces above the finder, loaded only when a flow has just recorded a contact. */
function FeedbackAfterContact({ device }: { device: DeviceSettings }) {
  const { state } = useLocation();
  if (!(state as { feedbackFor?: unknown } | null)?.feedbackFor) return null;
  return (
    <Suspense fallback={null}>
      <AfterContactFeedback
        device={device}
        languages={UI_LANGUAGES}
        endKioskSession={wipeKioskSession}
      />
    </Suspense>
  );
}
const ServiceReviews = named(
  () => import('../features/reviews/service-reviews.tsx'),
  'ServiceReviews',
);
const ReviewModerationPage = named(
  () => import('../features/review-moderation/review-moderation-page.tsx'),
  'ReviewModerationPage',
);

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
        {
          index: true,
          element: screen((d) => (
            <>
              <FeedbackAfterContact device={d} />
              <FinderPage device={d} />
            </>
          )),
        },
        {
          path: 'enrol',
          element: (
            <Suspense fallback={<Loading />}>
              <EnrolPage />
            </Suspense>
          ),
        },
        { path: 'notes', element: screen((d) => <ContactNotesPage device={d} />, { staff: true }) },
        // Staff capture (channel, "recorded by", photos): never on a kiosk, whose citizens
        // make their own request on a form worded to them, kept in memory and the outbox only.
        { path: 'cases/new', element: screen((d) => <CapturePage device={d} />, { staff: true }) },
        {
          path: 'request',
          element: screen((d) => (
            <KioskRequestPage device={d} onFinish={() => void wipeKioskSession()} />
          )),
        },
        { path: 'cases/:caseId', element: screen(() => <CasePage />, { staff: true }) },
        // The counter's "what is happening with my reference?" (offline from the device).
        { path: 'lookup', element: screen((d) => <LookupPage device={d} />, { staff: true }) },
        { path: 'queue', element: screen((d) => <QueuePage device={d} />, { staff: true }) },
        { path: 'services', element: screen(() => <ServicesPage />, { staff: true }) },
        { path: 'training', element: screen(() => <TrainingPage />, { staff: true }) },
        {
          path: 'training/:moduleId',
          element: screen(() => <TrainingModulePage />, { staff: true }),
        },
        {
          path: 'overview',
          element: screen((d) => <TeamOverviewPage device={d} />, { staff: true }),
        },
        { path: 'roster', element: screen((d) => <RosterPage device={d} />, { staff: true }) },
        {
          path: 'services/:serviceId',
          element: screen((d) => (
            <ServicePage
              kiosk={d.mode === 'kiosk'}
              reviews={(service, partner) => (
                <ServiceReviews device={d} service={service} partner={partner} />
              )}
            />
          )),
        },
        {
          path: 'reviews/moderate',
          element: screen((d) => <ReviewModerationPage device={d} />, { staff: true }),
        },
        { path: 'audits', element: screen(() => <AuditsPage />, { staff: true }) },
        { path: 'audits/new/:placeId', element: screen(() => <AuditFormPage />, { staff: true }) },
        {
          path: 'audits/scores',
          element: screen((d) => <AuditScoresPage device={d} />, { staff: true }),
        },
        {
          path: 'customers',
          element: screen((d) => <CustomersPage device={d} />, { staff: true }),
        },
        {
          path: 'customers/matches',
          element: screen((d) => <CustomerMatchesPage device={d} />, { staff: true }),
        },
        {
          path: 'customers/:customerId',
          element: screen((d) => <CustomerPage device={d} />, { staff: true }),
        },
        {
          path: 'insight',
          element: screen((d) => <InsightPage device={d} />, { staff: true }),
        },
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
        { path: 'studio', element: screen(() => <StudioPage />, { staff: true }) },
        // The studio's pack (the draft, publish, versions) and places (live as they are saved).
        {
          path: 'studio/pack',
          element: screen((d) => <StudioPackPage device={d} />, { staff: true }),
        },
        {
          path: 'studio/pack/:kind/:id',
          element: screen((d) => <RecordEditorPage device={d} />, { staff: true }),
        },
        {
          path: 'studio/places',
          element: screen((d) => <StudioPlacesPage device={d} />, { staff: true }),
        },
        {
          path: 'studio/places/partners/:id',
          element: screen((d) => <PlaceEditorPage device={d} kind="partners" />, { staff: true }),
        },
        {
          path: 'studio/places/:id',
          element: screen((d) => <PlaceEditorPage device={d} kind="accessPoints" />, {
            staff: true,
          }),
        },
        {
          path: 'studio/log',
          element: screen((d) => <AdminLogPage device={d} />, { staff: true }),
        },
        {
          path: 'studio/people',
          element: screen((d) => <PeoplePage device={d} />, { staff: true }),
        },
        {
          path: 'studio/people/new',
          element: screen((d) => <InvitePage device={d} />, { staff: true }),
        },
        {
          path: 'studio/people/:staffId',
          element: screen((d) => <PersonPage device={d} />, { staff: true }),
        },
        {
          path: 'studio/devices',
          element: screen((d) => <StudioDevicesPage device={d} />, { staff: true }),
        },
        {
          path: 'studio/keys',
          element: screen((d) => <StudioKeysPage device={d} />, { staff: true }),
        },
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
