// The studio's front page: the sections this person may use, each with what it is for.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/staff.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { STUDIO_SECTIONS } from './studio-sections.ts';

export function StudioPage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const sections = session ? STUDIO_SECTIONS.filter((s) => can(session.role, s.action)) : [];
  return (
    <section className="panel studio" aria-labelledby="studio-title">
      <h1 id="studio-title">{t('studio.title')}</h1>
      <p className="hint">{t('studio.intro')}</p>
      {sections.length === 0 ? (
        <p>{t('studio.nothing')}</p>
      ) : (
        <ul className="studio-sections">
          {sections.map((section) => (
            <li key={section.id}>
              <Link to={section.path} className="studio-section">
                <span className="studio-section__name">
                  {t(`studio.sections.${section.id}.name`)}
                </span>
                <span className="studio-section__what">
                  {t(`studio.sections.${section.id}.what`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
