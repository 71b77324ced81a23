import { useState, type ReactNode } from 'react';
import { getToken } from '../api';
import { useCaseT } from '../i18n/casework';
import { ErrorBox, L, useDate } from '../ui';

/** One attached document as the portal keeps it until the form is sent. */
export interface PickedDocument {
  fileId: string;
  requirement: number | null;
  fileName: string;
}

export interface RequiredDocument {
  name: string;
  description?: string;
  mandatory: boolean;
}

const auth = (): Record<string, string> => {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** `POST /documents`: the raw file; the gateway checks its type by content and keeps it private. */
async function uploadDocument(file: File): Promise<{ id: string; fileName: string }> {
  const res = await fetch(`/documents?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', ...auth() },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; fileName?: string; error?: string };
  if (!res.ok || !body.id) throw new Error(body.error ?? `HTTP ${res.status}`);
  return { id: body.id, fileName: body.fileName ?? file.name };
}

/** Opens a private document in a new tab through a short-lived signed link (no token in the URL bar for long). */
async function openDocument(downloadUrl: string) {
  const res = await fetch(`${downloadUrl}/link`, { method: 'POST', headers: auth() });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const { url } = (await res.json()) as { url: string };
  window.open(url, '_blank', 'noopener');
}

/**
 * A file input per document the procedure asks for, and one for anything else. Each file is
 * uploaded as soon as it is chosen; the form then sends the ids with the requirement each meets.
 */
export function DocumentPicker({ required, onChange, idPrefix = 'doc' }: {
  required: RequiredDocument[];
  /** Given an update of the list, not the list: uploads chosen one after another finish in any order. */
  onChange: (update: (picked: PickedDocument[]) => PickedDocument[]) => void;
  idPrefix?: string;
}) {
  const c = useCaseT();
  const [state, setState] = useState<Record<string, string>>({});
  const slots: { key: string; requirement: number | null; label: string; doc?: RequiredDocument }[] = [
    ...required.map((doc, i) => ({ key: String(i), requirement: i, label: doc.name, doc })),
    { key: 'extra', requirement: null, label: c.extra },
  ];
  const pick = async (requirement: number | null, key: string, file: File | undefined) => {
    if (!file) return;
    setState((s) => ({ ...s, [key]: c.uploading }));
    try {
      const up = await uploadDocument(file);
      // Against the list as it is when this upload ends: a list read when it began would drop a
      // file chosen meanwhile for another requirement.
      onChange((picked) => [...picked.filter((d) => requirement === null || d.requirement !== requirement), { fileId: up.id, requirement, fileName: up.fileName }]);
      setState((s) => ({ ...s, [key]: c.uploaded(up.fileName) }));
    } catch (err) {
      setState((s) => ({ ...s, [key]: c.uploadFailed((err as Error).message) }));
    }
  };
  return (
    <fieldset className="documents">
      <legend>{c.documents}</legend>
      <p className="hint">{c.documentsHint}</p>
      {slots.map((slot) => {
        const id = `${idPrefix}-${slot.key}`;
        return (
          <div className="field" key={slot.key}>
            <label htmlFor={id}>
              <L>{slot.label}</L> <span className="meta">({slot.doc ? (slot.doc.mandatory ? c.required : c.optional) : c.optional})</span>
            </label>
            {slot.doc?.description && <p className="hint" id={`${id}-hint`}><L>{slot.doc.description}</L></p>}
            <input
              id={id}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={slot.doc?.description ? `${id}-hint` : undefined}
              onChange={(e) => void pick(slot.requirement, slot.key, e.target.files?.[0])}
            />
            {state[slot.key] && <p className="meta" role="status">{state[slot.key]}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The attached documents, each opened through a signed link. */
export function DocumentList({ documents, children }: { documents: any[] | null; children?: ReactNode }) {
  const c = useCaseT();
  const { time } = useDate();
  const [error, setError] = useState<Error | null>(null);
  if (!documents) return null;
  return (
    <section aria-labelledby="h-documents">
      <h2 id="h-documents">{c.documents}</h2>
      {children}
      {error && <ErrorBox error={error} />}
      {documents.length === 0 ? <p>{c.noDocuments}</p> : (
        <ul className="list" data-testid="documents">
          {documents.map((d) => (
            <li key={d.id}>
              <strong><L>{d.requirement ?? c.extra}</L></strong>: <L>{d.fileName}</L>{' '}
              <span className="meta">{c.stage[d.stage]} · {time(d.attachedAt)} · {Math.ceil(d.sizeBytes / 1024)} KB</span>{' '}
              {d.downloadUrl ? (
                <button type="button" onClick={() => void openDocument(d.downloadUrl).catch(setError)}>{c.open(d.fileName)}</button>
              ) : <span className="meta">{c.removed}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

