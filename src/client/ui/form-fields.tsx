// The parts every form is made of, built one way: a field with its visible label (the e2e tests
// find controls by their labels) and an optional hint the control is described by; a choice (a
// radio or a checkbox inside its words); a group of radio choices; a PIN or passphrase; and the
// message a form shows when something is wrong. A screen passes the words (through i18next) and
// the control's attributes; an `aria-describedby` it passes wins over the hint's. Below them,
// the fields a contact or a case is captured with, the same at a staffed door and at a kiosk.
import {
  useId,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../shared/channels.ts';
import { SECRET_MAX_LENGTH } from '../../shared/staff.ts';

type FieldProps<A> = Omit<A, 'onChange' | 'id'> & {
  id?: string | undefined;
  label: ReactNode;
  hint?: ReactNode;
  /** Called with the control's new value. */
  onValue: (value: string) => void;
};

/** What a field hands its control: the attributes given, the control's id, its description. */
type ControlAttributes = Record<string, unknown> & {
  id: string;
  onChange: (event: ChangeEvent<{ value: string }>) => void;
};

/** A field's label and hint around the control that `control` makes. */
function Field<A>({
  id,
  label,
  hint,
  onValue,
  control,
  ...attributes
}: FieldProps<A> & { control: (attributes: ControlAttributes) => ReactNode }) {
  const own = useId();
  const controlId = id ?? own;
  const hintId = `${controlId}-hint`;
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {control({
        id: controlId,
        ...(hint ? { 'aria-describedby': hintId } : {}),
        ...attributes,
        onChange: (event) => onValue(event.target.value),
      })}
    </div>
  );
}

export function TextField(
  props: FieldProps<InputHTMLAttributes<HTMLInputElement>> & { ref?: Ref<HTMLInputElement> },
) {
  return <Field {...props} control={(attributes) => <input {...attributes} />} />;
}

export function TextAreaField(props: FieldProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return <Field {...props} control={(attributes) => <textarea {...attributes} />} />;
}

/** A drop-down; its options are the children. */
export function SelectField(props: FieldProps<SelectHTMLAttributes<HTMLSelectElement>>) {
  return <Field {...props} control={(attributes) => <select {...attributes} />} />;
}

/**
 * A PIN (digits only, typed on the device's keypad) or, for a privileged person, a passphrase
 * (a longer secret of any characters).
 */
export function SecretField({
  passphrase,
  onValue,
  ...props
}: { passphrase: boolean } & FieldProps<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <TextField
      type="password"
      autoComplete="off"
      {...(passphrase
        ? { maxLength: SECRET_MAX_LENGTH }
        : { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 8 })}
      {...props}
      onValue={(typed) => onValue(passphrase ? typed : typed.replace(/\D/g, ''))}
    />
  );
}

/** A radio button or checkbox inside its words. */
export function Choice({
  label,
  ...input
}: { label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="choice">
      <input {...input} />
      <span>{label}</span>
    </label>
  );
}

export interface ChoicesProps<T extends string | number> {
  legend: ReactNode;
  name: string;
  options: readonly T[];
  value: T | null;
  onChoose: (option: T) => void;
  label: (option: T) => ReactNode;
  wrap?: string;
}

/** One of several, as radio buttons under a legend; `wrap` lays the choices out (a class). */
export function Choices<T extends string | number>({
  legend,
  name,
  options,
  value,
  onChoose,
  label,
  wrap,
}: ChoicesProps<T>) {
  const choices = options.map((option) => (
    <Choice
      key={option}
      type="radio"
      name={name}
      value={option}
      checked={value === option}
      onChange={() => onChoose(option)}
      label={label(option)}
    />
  ));
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {wrap ? <div className={wrap}>{choices}</div> : choices}
    </fieldset>
  );
}

/** What is wrong, read out as soon as it shows; nothing when there is nothing to say. */
export function ErrorMessage({ children, id }: { children: ReactNode; id?: string }) {
  return children ? (
    <p className="error" role="alert" id={id}>
      {children}
    </p>
  ) : null;
}

// --- A contact or a case: its channel, where it is, how to contact the citizen ---
// For the place and the contact, `words` is the i18n group that holds the labels (staff's
// wording or the citizen's own); `controls` adds attributes to a control (autocomplete, a
// kiosk's right-to-left-safe phone and its errors).

/** How the citizen came to us, chosen from every channel, each in the reader's language. */
export function ChannelField({
  value,
  onChoose,
  name,
}: {
  value: Channel;
  onChoose: (channel: Channel) => void;
  name?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('notes.channel')}
      value={value}
      onValue={(chosen) => onChoose(chosen as Channel)}
      {...(name ? { name } : {})}
    >
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {t(`channels.${c}`)}
        </option>
      ))}
    </SelectField>
  );
}

type Controls<K extends string> = Partial<Record<K, InputHTMLAttributes<HTMLInputElement>>>;

export interface PlaceDetails {
  address: string;
  postcode: string;
}

export const NO_PLACE: PlaceDetails = { address: '', postcode: '' };

export function PlaceFields({
  words,
  value,
  onChange,
  controls = {},
}: {
  words: string;
  value: PlaceDetails;
  onChange: (next: PlaceDetails) => void;
  controls?: Controls<keyof PlaceDetails>;
}) {
  const { t } = useTranslation();
  return (
    <div className="field-row">
      <TextField
        label={t(`${words}.address`)}
        value={value.address}
        onValue={(address) => onChange({ ...value, address })}
        maxLength={300}
        // An address typed in Latin letters reads in its own direction in Arabic too.
        dir="auto"
        {...controls.address}
      />
      <TextField
        label={t(`${words}.postcode`)}
        value={value.postcode}
        onValue={(postcode) => onChange({ ...value, postcode: postcode.toUpperCase() })}
        maxLength={8}
        dir="ltr"
        {...controls.postcode}
      />
    </div>
  );
}

export interface ContactDetails {
  name: string;
  phone: string;
  email: string;
  /** The citizen agrees that we keep these details to contact them about this. */
  consent: boolean;
}

export const NO_CONTACT: ContactDetails = { name: '', phone: '', email: '', consent: false };

/** The contact-details fieldset; `children` follow the agreement (a staffed door's extras). */
export function ContactFields({
  words,
  value,
  onChange,
  controls = {},
  children,
}: {
  words: string;
  value: ContactDetails;
  onChange: (next: ContactDetails) => void;
  controls?: Controls<keyof ContactDetails>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const text = (key: 'name' | 'phone' | 'email', type: string, maxLength: number) => (
    <TextField
      label={t(`${words}.${key}`)}
      {...(type === 'text' ? {} : { type })}
      value={value[key]}
      onValue={(typed) => onChange({ ...value, [key]: typed })}
      maxLength={maxLength}
      autoComplete="off"
      {...controls[key]}
    />
  );
  return (
    <fieldset className="field">
      <legend>{t(`${words}.contactTitle`)}</legend>
      <p className="hint">{t(`${words}.contactHint`)}</p>
      <div className="field-row">
        {text('name', 'text', 120)}
        {text('phone', 'tel', 20)}
        {text('email', 'email', 200)}
      </div>
      <Choice
        type="checkbox"
        label={t(`${words}.consent`)}
        checked={value.consent}
        onChange={(e) => onChange({ ...value, consent: e.target.checked })}
        {...controls.consent}
      />
      {children}
    </fieldset>
  );
}
