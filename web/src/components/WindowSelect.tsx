import { useSearchParams } from "react-router";

import { filterControl } from "./Field";

export const WINDOWS = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
];

/** The time window of a page, kept in the URL (?window=) so a view can be shared. */
export function useWindowParam(fallback = "24h"): [string, (window: string) => void] {
  const [search, setSearch] = useSearchParams();
  const window = search.get("window") ?? fallback;
  return [
    window,
    (next) =>
      setSearch(
        (prev) => {
          const params = new URLSearchParams(prev);
          params.set("window", next);
          return params;
        },
        { replace: true },
      ),
  ];
}

export function WindowSelect({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label>
      <span className="sr-only">Time window</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} className={filterControl}>
        {WINDOWS.map((w) => (
          <option key={w.value} value={w.value}>
            {w.label}
          </option>
        ))}
      </select>
    </label>
  );
}
