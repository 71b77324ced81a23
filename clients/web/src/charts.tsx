import { useId } from 'react';

/**
 * A horizontal SVG bar chart that is also a table: the picture is for the eye, and the same numbers
 * are in a visually hidden table for screen readers (read once, with each label's language), so
 * nothing is only in the picture. `labelLang`: the labels' language when they are content.
 */
export function BarChart({ title, data, labelLang }: { title: string; data: { label: string; value: number }[]; labelLang?: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 28;
  const labelW = 180;
  const width = 520;
  const height = Math.max(row, data.length * row);
  // useId, not the title: non-Latin titles all became the same id (\W matches every CJK character).
  const id = `chart-${useId().replace(/:/g, '')}`;
  return (
    <figure className="card chart" aria-labelledby={id}>
      <figcaption id={id}><h3 className="h4">{title}</h3></figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" preserveAspectRatio="xMinYMin meet">
        {data.map((d, i) => {
          const w = ((width - labelW - 50) * d.value) / max;
          return (
            <g key={d.label} transform={`translate(0 ${i * row})`}>
              <text x={labelW - 8} y={row / 2 + 5} textAnchor="end" className="chart-label" lang={labelLang}>{d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label}</text>
              <rect x={labelW} y={5} width={Math.max(w, d.value ? 2 : 0)} height={row - 10} className="chart-bar" rx={3} />
              <text x={labelW + w + 6} y={row / 2 + 5} className="chart-value">{d.value}</text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>{data.map((d) => <tr key={d.label}><th scope="row" lang={labelLang}>{d.label}</th><td>{d.value}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
