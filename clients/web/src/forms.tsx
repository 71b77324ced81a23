import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import type { UserError } from './api';
import { useContentLang } from './a11y';

/**
 * Labelled form controls with the portal's one layout: label, then the hint (so it is read before
 * the field is filled in), then the error, then the control; hint and error are the control's
 * description. Errors are the graph's userErrors for the field (server messages, marked with their
 * language) or already-written text.
 */
type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: UserError[] | string };

function useParts({ id, hint, error }: Common) {
  const langOf = useContentLang();
  const list = typeof error === 'string' ? [error] : (error ?? []).map((e) => e.message);
  const hasError = list.length > 0;
  const describedBy = [hint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return {
    describedBy,
    invalid: hasError || undefined,
    hint: hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null,
    error: hasError ? (
      <p id={`${id}-error`} className="field-error">
        {typeof error === 'string' ? error : <span lang={langOf()}>{list.join(' ')}</span>}
      </p>
    ) : null,
  };
}

export function Input({ id, label, hint, error, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const p = useParts({ id, label, hint, error });
  return (
    <div className={p.invalid ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {p.hint}
      {p.error}
      <input id={id} aria-invalid={p.invalid} aria-describedby={p.describedBy} {...rest} />
    </div>
  );
}

export function TextArea({ id, label, hint, error, ...rest }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const p = useParts({ id, label, hint, error });
  return (
    <div className={p.invalid ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {p.hint}
      {p.error}
      <textarea id={id} aria-invalid={p.invalid} aria-describedby={p.describedBy} {...rest} />
    </div>
  );
}

export function Select({ id, label, hint, error, children, ...rest }: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const p = useParts({ id, label, hint, error });
  return (
    <div className={p.invalid ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {p.hint}
      {p.error}
      <select id={id} aria-invalid={p.invalid} aria-describedby={p.describedBy} {...rest}>{children}</select>
    </div>
  );
}

/** A form's errors for a field named `input.x` or `x`. */
export const fieldErrors = (errors: UserError[], name: string) => errors.filter((e) => e.field === name || e.field === `input.${name}`);

/** For the error summary: the control id of a field path, given the form's names → ids. */
export const idsFrom = (ids: Record<string, string>) => (field: string) => {
  const name = field.replace(/^input\./, '');
  return ids[name] ?? ids[name.split('.')[0]];
};
