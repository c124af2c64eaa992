// A form for any pack record, driven by its zod schema (src/shared/pack/schema.ts): every field
// labelled in the screen's language, text a citizen reads shown in all six languages side by
// side with the missing ones marked, lists that grow and shrink, choices from the schema's
// enums, and validatePack's errors under the field they are about. The studio's pack and places
// editors use it; what it cannot know (a process map's diagram, a preview) they add around it.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { PACK_LANGUAGES, type PackLanguage } from '../../shared/pack/local-text.ts';
import type { PackError } from '../../shared/pack/validate-pack.ts';
import { UI_LANGUAGES } from '../i18n/i18n.ts';
import { ErrorMessage } from './form-fields.tsx';

/** Each language named in itself, as the language picker names it. */
const languageName = (lang: PackLanguage) =>
  UI_LANGUAGES.find((l) => l.code === lang)?.name ?? lang;

/** What the form needs of a zod schema's definition (zod 4 keeps it on `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  entries?: Record<string, string>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  defaultValue?: unknown;
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default wrappers, and whether the field may be left out. */
function unwrap(schema: z.ZodType): { def: Def; optional: boolean } {
  let def = defOf(schema);
  let optional = false;
  for (;;) {
    if (def.type === 'optional') optional = true;
    if (['optional', 'default', 'prefault', 'nullable', 'readonly'].includes(def.type)) {
      if (def.type === 'default') optional = true;
      def = defOf(def.innerType as z.ZodType);
    } else if (def.type === 'pipe' && def.in) def = defOf(def.in);
    else return { def, optional };
  }
}

const isLocalText = (def: Def) =>
  def.type === 'object' &&
  !!def.shape &&
  Object.keys(def.shape).join(',') === PACK_LANGUAGES.join(',');

/** The choices of an enum, a literal, or a union of literals; null when it is none of those. */
function choicesOf(def: Def): (string | number)[] | null {
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'literal' && def.values) return def.values as (string | number)[];
  if (def.type === 'union' && def.options && !def.discriminator) {
    const all = def.options.map((o) => choicesOf(unwrap(o).def));
    if (all.every((c) => c !== null)) return all.flat() as (string | number)[];
  }
  return null;
}

/** Text that may run long gets a text area. */
const LONG = new Set([
  'description',
  'staff',
  'citizen',
  'promise',
  'summary',
  'eligibility',
  'fees',
  'prompt',
]);

/**
 * The words of an enum's value, by field name: the first key the app has words under (a place's
 * `kind` and a partner's share a name, not their values).
 */
const CHOICE_KEYS: Record<string, string | string[]> = {
  channels: 'channels',
  facilities: 'directory.facility',
  outcome: 'flow.outcomes',
  tier: 'directory.tiers',
  tiers: 'directory.tiers',
  day: 'directory.days',
  requiredForRoles: 'roles',
  role: 'roles',
  accessPointKinds: 'directory.kinds',
  kind: ['directory.kinds', 'studioPack.choices.partnerKind'],
  stepKind: 'directory.stepKinds',
  unit: 'studioPack.choices.unit',
  level: 'studioPack.choices.level',
  about: 'studioPack.choices.about',
  collects: 'studioPack.choices.collects',
};

type Value = unknown;
type Obj = Record<string, Value>;

/** A copy of `value` with `path` set to `next` (undefined removes the key). */
export function setAt(value: Value, path: (string | number)[], next: Value): Value {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[head] = setAt(list[head], rest, next);
    return list;
  }
  const obj: Obj = { ...((value as Obj | undefined) ?? {}) };
  const child = setAt(obj[head as string], rest, next);
  if (child === undefined) delete obj[head as string];
  else obj[head as string] = child;
  return obj;
}

/** A blank value for a schema: what "Add" puts in a list. */
export function blankOf(schema: z.ZodType): Value {
  const { def } = unwrap(schema);
  if (def.type === 'object' && def.shape) {
    const obj: Obj = {};
    for (const [k, s] of Object.entries(def.shape)) {
      const inner = unwrap(s);
      if (inner.optional) continue;
      obj[k] = blankOf(s);
    }
    return obj;
  }
  if (def.type === 'array') return [];
  if (def.type === 'union' && def.options?.[0]) {
    const choices = choicesOf(def);
    return choices ? choices[0] : blankOf(def.options[0]);
  }
  const choices = choicesOf(def);
  if (choices) return choices[0];
  if (def.type === 'number') return 0;
  if (def.type === 'boolean') return false;
  if (def.type === 'record') return {};
  return '';
}

interface FieldContext {
  errors: PackError[];
  /** Fields that cannot change (a record's id once it exists). */
  locked: ReadonlySet<string>;
  /** The record's kind: the errors are about one record of it. */
  idPrefix: string;
}

function FieldErrors({ path, ctx, id }: { path: string; ctx: FieldContext; id?: string }) {
  const mine = ctx.errors.filter((e) => e.field === path);
  if (mine.length === 0) return null;
  return (
    <ErrorMessage {...(id ? { id } : {})}>{mine.map((e) => e.reason).join('; ')}</ErrorMessage>
  );
}

function useLabel() {
  const { t } = useTranslation();
  return (name: string) => t(`studioPack.field.${name}`, { defaultValue: name });
}

/** Six languages side by side; the missing ones marked (a Welsh page as complete as English). */
function LocalTextField({
  name,
  path,
  value,
  optional,
  onChange,
  ctx,
}: {
  name: string;
  path: string;
  value: Partial<Record<PackLanguage, string>> | undefined;
  optional: boolean;
  onChange: (next: Value) => void;
  ctx: FieldContext;
}) {
  const label = useLabel();
  const long = LONG.has(name);
  const present = value ?? {};
  const anything = PACK_LANGUAGES.some((l) => present[l]);
  const set = (lang: PackLanguage, text: string) => {
    const next: Obj = { ...present };
    if (text === '') delete next[lang];
    else next[lang] = text;
    const empty = PACK_LANGUAGES.every((l) => !next[l]);
    onChange(empty && optional ? undefined : next);
  };
  return (
    <fieldset className="schema-field schema-field--languages" data-path={path}>
      <legend>{label(name)}</legend>
      <LanguageCells
        field={label(name)}
        missing={(lang) => !present[lang] && (anything || !optional)}
        control={(lang, attributes, missing) => {
          const common = {
            ...attributes,
            value: present[lang] ?? '',
            'aria-invalid': lang === 'en' && missing ? true : undefined,
          } as const;
          return long ? (
            <textarea {...common} rows={3} onChange={(e) => set(lang, e.target.value)} />
          ) : (
            <input {...common} onChange={(e) => set(lang, e.target.value)} />
          );
        }}
      />
      <FieldErrors path={path} ctx={ctx} />
      {PACK_LANGUAGES.map((lang) => (
        <FieldErrors key={lang} path={`${path}.${lang}`} ctx={ctx} />
      ))}
    </fieldset>
  );
}

/** What each language's control is given: its id, language, direction and description. */
interface LanguageControl {
  id: string;
  lang: PackLanguage;
  dir: 'rtl' | 'ltr';
  'aria-describedby': string | undefined;
}

/**
 * One control per language, side by side: each labelled with the field and the language, a
 * missing translation said beside its control (which is described by it).
 */
function LanguageCells({
  field,
  missing,
  control,
}: {
  field: string;
  missing: (lang: PackLanguage) => boolean;
  control: (lang: PackLanguage, attributes: LanguageControl, missing: boolean) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="languages-side-by-side">
      {PACK_LANGUAGES.map((lang) => {
        const isMissing = missing(lang);
        const controlId = `${id}-${lang}`;
        const missingId = `${controlId}-missing`;
        return (
          <div key={lang} className={`language-cell${isMissing ? ' language-cell--missing' : ''}`}>
            <label htmlFor={controlId}>
              {t('studioPack.inLanguage', { field, language: languageName(lang) })}
            </label>
            {control(
              lang,
              {
                id: controlId,
                lang,
                dir: lang === 'ar' ? 'rtl' : 'ltr',
                'aria-describedby': isMissing ? missingId : undefined,
              },
              isMissing,
            )}
            {isMissing && (
              <span className="language-missing" id={missingId}>
                {t('studioPack.missing')}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Keywords: a list of words per language, side by side like any text a citizen reads. */
function KeywordsField({
  name,
  path,
  value,
  onChange,
  ctx,
}: {
  name: string;
  path: string;
  value: Partial<Record<PackLanguage, string[]>> | undefined;
  onChange: (next: Value) => void;
  ctx: FieldContext;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const present = value ?? {};
  return (
    <fieldset className="schema-field schema-field--languages" data-path={path}>
      <legend>{label(name)}</legend>
      <p className="hint">{t('studioPack.commaSeparated')}</p>
      <LanguageCells
        field={label(name)}
        missing={(lang) => !present[lang]?.length}
        control={(lang, attributes) => (
          <input
            {...attributes}
            defaultValue={(present[lang] ?? []).join(', ')}
            onChange={(e) => {
              const words = e.target.value
                .split(',')
                .map((w) => w.trim())
                .filter(Boolean);
              const next: Obj = { ...present };
              if (words.length === 0) delete next[lang];
              else next[lang] = words;
              onChange(next);
            }}
          />
        )}
      />
      <FieldErrors path={path} ctx={ctx} />
    </fieldset>
  );
}

function ChoiceWords({ name, value }: { name: string; value: string | number }) {
  const { t } = useTranslation();
  const keys = [CHOICE_KEYS[name] ?? []].flat().map((key) => `${key}.${value}`);
  return <>{keys.length > 0 ? t(keys, { defaultValue: String(value) }) : String(value)}</>;
}

/** One field of a record, whatever its schema. */
export function SchemaField({
  name,
  schema,
  path,
  value,
  onChange,
  ctx,
}: {
  name: string;
  schema: z.ZodType;
  path: (string | number)[];
  value: Value;
  onChange: (next: Value) => void;
  ctx: FieldContext;
}): ReactNode {
  const { t } = useTranslation();
  const label = useLabel();
  const id = useId();
  const { def, optional } = unwrap(schema);
  const at = path.join('.');
  const errorId = `${id}-error`;
  const hasError = ctx.errors.some((e) => e.field === at);
  const describe = hasError ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};

  if (isLocalText(def)) {
    return (
      <LocalTextField
        name={name}
        path={at}
        value={value as Partial<Record<PackLanguage, string>> | undefined}
        optional={optional}
        onChange={onChange}
        ctx={ctx}
      />
    );
  }
  if (def.type === 'record') {
    return (
      <KeywordsField
        name={name}
        path={at}
        value={value as Partial<Record<PackLanguage, string[]>> | undefined}
        onChange={onChange}
        ctx={ctx}
      />
    );
  }
  const choices = choicesOf(def);
  if (choices) {
    return (
      <div className="schema-field field" data-path={at}>
        <label htmlFor={id}>{label(name)}</label>
        <select
          id={id}
          value={value === undefined ? '' : String(value)}
          {...describe}
          onChange={(e) => {
            const raw = e.target.value;
            if (raw === '') return onChange(undefined);
            onChange(typeof choices[0] === 'number' ? Number(raw) : raw);
          }}
        >
          {optional && <option value="">{t('studioPack.none')}</option>}
          {choices.map((c) => (
            <option key={String(c)} value={String(c)}>
              {/* The value's words where the app has them, else the value itself. */}
              <ChoiceWords name={name} value={c} />
            </option>
          ))}
        </select>
        <FieldErrors path={at} ctx={ctx} id={errorId} />
      </div>
    );
  }
  if (def.type === 'array' && def.element) {
    const element = unwrap(def.element).def;
    const list = Array.isArray(value) ? value : [];
    const elementChoices = choicesOf(element);
    if (elementChoices) {
      return (
        <fieldset className="schema-field schema-field--choices" data-path={at}>
          <legend>{label(name)}</legend>
          <div className="schema-choices">
            {elementChoices.map((c) => (
              <label key={String(c)} className="choice">
                <input
                  type="checkbox"
                  checked={list.includes(c)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...list, c] : list.filter((x) => x !== c))
                  }
                />
                <span>
                  <ChoiceWords name={name} value={c} />
                </span>
              </label>
            ))}
          </div>
          <FieldErrors path={at} ctx={ctx} />
        </fieldset>
      );
    }
    if (element.type === 'string' || element.type === 'number') {
      return (
        <div className="schema-field field" data-path={at}>
          <label htmlFor={id}>{label(name)}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('studioPack.commaSeparated')}
          </p>
          <input
            id={id}
            defaultValue={list.join(', ')}
            aria-describedby={hasError ? `${id}-hint ${errorId}` : `${id}-hint`}
            onChange={(e) => {
              const items = e.target.value
                .split(',')
                .map((w) => w.trim())
                .filter(Boolean);
              onChange(element.type === 'number' ? items.map(Number) : items);
            }}
          />
          <FieldErrors path={at} ctx={ctx} id={errorId} />
          {list.map((_, i) => (
            <FieldErrors key={i} path={`${at}.${i}`} ctx={ctx} />
          ))}
        </div>
      );
    }
    return (
      <fieldset className="schema-field schema-field--list" data-path={at}>
        <legend>{label(name)}</legend>
        {list.map((item, i) => (
          <div className="schema-list-item" key={i}>
            <SchemaField
              name={name}
              schema={def.element as z.ZodType}
              path={[...path, i]}
              value={item}
              onChange={(next) => onChange(list.map((x, j) => (j === i ? next : x)))}
              ctx={ctx}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange(list.filter((_, j) => j !== i))}
            >
              {t('studioPack.removeItem', { field: label(name), n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange([...list, blankOf(def.element as z.ZodType)])}
        >
          {t('studioPack.addItem', { field: label(name) })}
        </button>
        <FieldErrors path={at} ctx={ctx} />
      </fieldset>
    );
  }
  if (def.type === 'union' && def.options) {
    // A step's kind (discriminated), or a commitment step's owner: a team or a role.
    const members = def.options.map((o) => unwrap(o).def);
    const key = def.discriminator;
    const obj = (value as Obj | undefined) ?? {};
    const index = key
      ? Math.max(
          0,
          members.findIndex((m) => choicesOf(unwrap(m.shape![key]!).def)?.[0] === obj[key]),
        )
      : Math.max(
          0,
          members.findIndex((m) => Object.keys(obj).every((k) => k in (m.shape ?? {}))),
        );
    const member = members[index]!;
    const labelOf = (m: Def) =>
      key
        ? String(choicesOf(unwrap(m.shape![key]!).def)?.[0])
        : Object.keys(m.shape ?? {}).join(' + ');
    return (
      <fieldset className="schema-field schema-field--object" data-path={at}>
        <legend>{label(name)}</legend>
        <div className="field">
          <label htmlFor={id}>{t('studioPack.variant', { field: label(name) })}</label>
          <select
            id={id}
            value={index}
            onChange={(e) => {
              const next = members[Number(e.target.value)]!;
              const blank = blankOf(def.options![Number(e.target.value)]!) as Obj;
              // Keep what the two shapes share (a step's id and wording).
              for (const k of Object.keys(next.shape ?? {})) {
                if (k !== key && obj[k] !== undefined) blank[k] = obj[k];
              }
              onChange(blank);
            }}
          >
            {members.map((m, i) => (
              <option key={i} value={i}>
                {key ? (
                  <ChoiceWords name="stepKind" value={labelOf(m)} />
                ) : (
                  t(`studioPack.union.${labelOf(m).replace(/ \+ /g, '-')}`, {
                    defaultValue: labelOf(m),
                  })
                )}
              </option>
            ))}
          </select>
        </div>
        <ObjectFields
          def={member}
          path={path}
          value={obj}
          onChange={onChange}
          ctx={ctx}
          skip={key}
        />
      </fieldset>
    );
  }
  if (def.type === 'object' && def.shape) {
    const obj = (value as Obj | undefined) ?? {};
    return (
      <fieldset className="schema-field schema-field--object" data-path={at}>
        <legend>{label(name)}</legend>
        {optional && value === undefined ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onChange(blankOf(schema))}
          >
            {t('studioPack.addItem', { field: label(name) })}
          </button>
        ) : (
          <>
            <ObjectFields def={def} path={path} value={obj} onChange={onChange} ctx={ctx} />
            {optional && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => onChange(undefined)}
              >
                {t('studioPack.removeField', { field: label(name) })}
              </button>
            )}
          </>
        )}
        <FieldErrors path={at} ctx={ctx} />
      </fieldset>
    );
  }
  if (def.type === 'boolean') {
    return (
      <div className="schema-field" data-path={at}>
        <label className="choice">
          <input
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked ? true : optional ? undefined : false)}
          />
          <span>{label(name)}</span>
        </label>
        <FieldErrors path={at} ctx={ctx} />
      </div>
    );
  }
  const number = def.type === 'number';
  const locked = ctx.locked.has(at);
  return (
    <div className="schema-field field" data-path={at}>
      <label htmlFor={id}>{label(name)}</label>
      <input
        id={id}
        type={number ? 'number' : 'text'}
        step={number ? 'any' : undefined}
        // Identifiers, addresses and postcodes read in their own direction in Arabic too.
        dir="auto"
        value={value === undefined || value === null ? '' : String(value)}
        readOnly={locked}
        {...describe}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === '') return onChange(optional ? undefined : number ? 0 : '');
          onChange(number ? Number(raw) : raw);
        }}
      />
      <FieldErrors path={at} ctx={ctx} id={errorId} />
    </div>
  );
}

function ObjectFields({
  def,
  path,
  value,
  onChange,
  ctx,
  skip,
}: {
  def: Def;
  path: (string | number)[];
  value: Obj;
  onChange: (next: Value) => void;
  ctx: FieldContext;
  skip?: string | undefined;
}) {
  return (
    <>
      {Object.entries(def.shape ?? {})
        .filter(([k]) => k !== skip)
        .map(([k, s]) => (
          <SchemaField
            key={k}
            name={k}
            schema={s}
            path={[...path, k]}
            value={value[k]}
            onChange={(next) => onChange(setAt(value, [k], next))}
            ctx={ctx}
          />
        ))}
    </>
  );
}

/** Every field of a record, in the order its schema declares them. */
export function SchemaForm({
  schema,
  value,
  onChange,
  errors,
  locked = [],
  only,
}: {
  schema: z.ZodType;
  value: Obj;
  onChange: (next: Obj) => void;
  errors: PackError[];
  locked?: string[];
  /** Only these top-level fields (an editor shows the rest its own way). */
  only?: string[];
}) {
  const { def } = unwrap(schema);
  const ctx: FieldContext = { errors, locked: new Set(locked), idPrefix: '' };
  const shape = Object.entries(def.shape ?? {}).filter(([k]) => !only || only.includes(k));
  return (
    <div className="schema-form">
      {shape.map(([k, s]) => (
        <SchemaField
          key={k}
          name={k}
          schema={s}
          path={[k]}
          value={value[k]}
          onChange={(next) => onChange(setAt(value, [k], next) as Obj)}
          ctx={ctx}
        />
      ))}
    </div>
  );
}
