// One search result: what it is, who delivers it, its tier, and how this citizen can get it
// now: here, online, by phone, or at the nearest place that offers it face to face.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceMode } from '../../../shared/contact.ts';
import type { PackAccessPoint, Partner, Service } from '../../../shared/pack/schema.ts';
import { isolated } from '../../i18n/format.ts';
import { Localised } from '../../ui/localised.tsx';
import { useLocalText } from '../../ui/localised.tsx';

export interface CardContext {
  mode: DeviceMode;
  hereId: string;
  partners: ReadonlyMap<string, Partner>;
  mappedServices: ReadonlySet<string>;
  places: readonly PackAccessPoint[];
}

const today = () => ((new Date().getDay() + 6) % 7) + 1; // ISO weekday, device clock (display only)

export function canDoHere(service: Service, context: CardContext): boolean {
  if (!context.mappedServices.has(service.id)) return false;
  return context.mode !== 'kiosk' || service.tier <= 1;
}

export function ServiceCard({ service, context }: { service: Service; context: CardContext }) {
  const { t, i18n } = useTranslation();
  const local = useLocalText();
  // Numbers and times stay left to right in a right-to-left sentence (as ui/ltr.tsx's useLtr,
  // inline here: the finder is the first screen, and its load stays as small as it was).
  const ltr = i18n.dir() === 'rtl' ? isolated : (text: string) => text;
  const partner = context.partners.get(service.delivery.default.partnerId);
  const here = context.places.find((p) => p.id === context.hereId);
  const elsewhere = context.places
    .filter((p) => p.id !== context.hereId && p.faceToFaceServiceIds.includes(service.id))
    .sort(
      (a, b) =>
        Number(b.address.town === here?.address.town) -
        Number(a.address.town === here?.address.town),
    )
    .slice(0, 2);
  const phone = service.phone ?? partner?.phone;
  const doHere = canDoHere(service, context);
  return (
    <li className="service-card" data-testid="service-card">
      <h3 className="service-card__name">
        <Link to={`/services/${service.id}`}>
          <Localised text={service.name} />
        </Link>
      </h3>
      <p className="note__meta">
        {t('finder.deliveredBy', {
          partner: partner ? local(partner.name) : service.delivery.default.partnerId,
        })}
        {' · '}
        {t(`directory.tiers.${service.tier}`)}
      </p>
      <ul className="how-list">
        {doHere ? (
          <li>
            <Link className="button" to={`/services/${service.id}/flow`} data-testid="do-it-here">
              {t('finder.doItHere')}
            </Link>
          </li>
        ) : context.mode === 'kiosk' ? (
          <li className="how-list__note">{t('finder.askAtCounter')}</li>
        ) : null}
        {service.selfServiceUrl && context.mode === 'kiosk' ? (
          // A kiosk opens no other site (its wipe could not clear what was typed there): the
          // citizen takes the address away to their own phone.
          <li className="how-list__note">
            {t('finder.onlineOnPhone', { url: isolated(service.selfServiceUrl) })}
          </li>
        ) : service.selfServiceUrl ? (
          <li>
            <a href={service.selfServiceUrl} target="_blank" rel="noopener noreferrer">
              {t('finder.online')}
            </a>
          </li>
        ) : null}
        {phone ? <li>{t('finder.phone', { phone: ltr(phone) })}</li> : null}
        {elsewhere.map((p) => {
          const hours = p.openingHours.find((h) => h.day === today());
          return (
            <li key={p.id}>
              <Link to={`/places/${p.id}`}>{p.name}</Link>{' '}
              <span className="note__meta">
                {hours
                  ? t('finder.openToday', {
                      from: ltr(hours.opens),
                      to: ltr(hours.closes),
                    })
                  : t('finder.seeHours')}
              </span>
            </li>
          );
        })}
      </ul>
    </li>
  );
}
