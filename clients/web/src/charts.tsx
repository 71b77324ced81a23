import { useId } from 'react';
import { useT } from './context';
import { L, useLangOf } from './ui';

/**
 * A horizontal SVG bar chart that is also a table: the SVG is labelled for screen readers and the
 * same numbers are in a visually hidden table, so nothing is only in the picture.
 */
export function BarChart({ title, data }: { title: string; data: { label: string; value: number }[] }) {
  const t = useT();
  const langOf = useLangOf();
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 28;
  const labelW = 180;
  const width = 520;
  const height = Math.max(row, data.length * row);
  // Unique whatever the title's script (a title in Chinese has no \w characters at all).
  const id = useId();
  return (
    <figure className="card chart" aria-labelledby={id}>
      <figcaption id={id}><h3 className="h4">{title}</h3></figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${t.dashboard.chartOf(title)}: ${data.map((d) => `${d.label} ${d.value}`).join(', ')}`} preserveAspectRatio="xMinYMin meet">
        {data.map((d, i) => {
          const w = ((width - labelW - 50) * d.value) / max;
          return (
            <g key={d.label} transform={`translate(0 ${i * row})`}>
              <text x={labelW - 8} y={row / 2 + 5} textAnchor="end" className="chart-label" lang={langOf(d.label)}>{d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label}</text>
              <rect x={labelW} y={5} width={Math.max(w, d.value ? 2 : 0)} height={row - 10} className="chart-bar" rx={3} />
              <text x={labelW + w + 6} y={row / 2 + 5} className="chart-value">{d.value}</text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>{data.map((d) => <tr key={d.label}><th scope="row"><L>{d.label}</L></th><td>{d.value}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
