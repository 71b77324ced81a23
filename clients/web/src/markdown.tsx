import type { ReactNode } from 'react';

/**
 * A deliberately tiny Markdown renderer: paragraphs, # headings, - and 1. lists, **bold**,
 * *italic* and [links](https://…). It builds React elements, never HTML strings, so any HTML in
 * the text is shown as text; only http(s) and site-relative links become links.
 */
const safeHref = (href: string) => (/^(https?:\/\/|\/(?!\/))/i.test(href) ? href : null);

function inline(text: string, key = 0): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const k = `${key}-${m.index}`;
    if (m[1] !== undefined) {
      const href = safeHref(m[2]);
      out.push(href ? <a key={k} href={href} rel="noopener noreferrer">{m[1]}</a> : `${m[1]} (${m[2]})`);
    } else if (m[3] !== undefined) out.push(<strong key={k}>{m[3]}</strong>);
    else out.push(<em key={k}>{m[4]}</em>);
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ source }: { source: string }) {
  const blocks: ReactNode[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    const k = blocks.length;
    if (para.length) blocks.push(<p key={k}>{inline(para.join(' '), k)}</p>);
    para = [];
    if (list) {
      const items = list.items.map((it, i) => <li key={i}>{inline(it, i)}</li>);
      blocks.push(list.ordered ? <ol key={`l${k}`}>{items}</ol> : <ul key={`l${k}`}>{items}</ul>);
    }
    list = null;
  };
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      // The page's h1 is the title, so Markdown headings start at h2.
      const level = Math.min(6, heading[1].length + 1);
      const H = `h${level}` as 'h2';
      blocks.push(<H key={blocks.length}>{inline(heading[2], blocks.length)}</H>);
    } else if (bullet || numbered) {
      const ordered = !bullet;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]);
    } else if (list && /^\s+/.test(line)) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return <div className="prose">{blocks}</div>;
}
