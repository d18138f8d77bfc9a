import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";

import { api, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan, useScope } from "@/app/scope";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { type Column, DataTable } from "@/components/DataTable";
import { filterControl } from "@/components/Field";
import { FormError, QueryView } from "@/components/States";
import { formatUsd } from "@/lib/format";

export interface PriceRow {
  provider: string;
  model: string;
  match: "exact" | "regex";
  pattern: string;
  input_per_mtok: string;
  cached_input_per_mtok: string;
  output_per_mtok: string;
}

const EMPTY: PriceRow = { provider: "", model: "", match: "exact", pattern: "", input_per_mtok: "", cached_input_per_mtok: "", output_per_mtok: "" };
const RATES = ["input_per_mtok", "cached_input_per_mtok", "output_per_mtok"] as const;

export function toRow(price: Record<string, unknown>): PriceRow {
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    provider: text(price.provider),
    model: text(price.model),
    match: price.match === "regex" ? "regex" : "exact",
    pattern: price.match === "regex" ? text(price.pattern) : "",
    input_per_mtok: text(price.input_per_mtok),
    cached_input_per_mtok: text(price.cached_input_per_mtok),
    output_per_mtok: text(price.output_per_mtok),
  };
}

/** A row as the API takes it: numbers as numbers, an empty optional rate left out, no pattern for exact names. */
export function toPrice(row: PriceRow): Record<string, unknown> {
  const price: Record<string, unknown> = { provider: row.provider, model: row.model, match: row.match };
  if (row.match === "regex") price.pattern = row.pattern;
  for (const rate of RATES) if (row[rate] !== "") price[rate] = Number(row[rate]);
  return price;
}

export function PricingSettings() {
  const { organizationId } = useScope();
  const pricing = useQuery({
    queryKey: ["pricing", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/pricing", { params: { query: { organization_id: organizationId } } })),
  });
  return (
    <QueryView query={pricing}>
      {(data) => (
        <div className="space-y-4">
          <OverridesEditor key={JSON.stringify(data.overrides)} organizationId={organizationId} overrides={data.overrides} />
          <BundledPrices prices={data.bundled} asOf={data.bundled_as_of} />
        </div>
      )}
    </QueryView>
  );
}

function OverridesEditor({ organizationId, overrides }: { organizationId: string; overrides: Record<string, unknown>[] }) {
  const can = useCan();
  const editable = can("admin");
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<PriceRow[]>(() => overrides.map(toRow));
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PUT("/api/v1/pricing", { params: { query: { organization_id: organizationId } }, body: { prices: rows.map(toPrice) } })),
    onSuccess: (data) => queryClient.setQueryData(["pricing", organizationId], data),
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const errorOf = (i: number, name: string) => fields[`prices[${i}].${name}`];
  const set = (i: number, patch: Partial<PriceRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const input = (i: number, name: keyof PriceRow, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => {
    const error = errorOf(i, name);
    return (
      <td className="px-1 py-1 align-top">
        <input
          aria-label={`${label}, row ${i + 1}`}
          aria-invalid={error ? true : undefined}
          value={rows[i]?.[name] ?? ""}
          onChange={(e) => set(i, { [name]: e.target.value })}
          readOnly={!editable}
          className={`${filterControl} w-full ${error ? "border-red-500" : ""}`}
          {...props}
        />
        {error && <p className="mt-0.5 text-xs text-red-600 dark:text-red-400">{error}</p>}
      </td>
    );
  };

  return (
    <Card title="Your prices" actions={<span className="text-xs text-fg-subtle">USD per million tokens; they win over the bundled table</span>}>
      <form onSubmit={submit} className="space-y-3">
        {rows.length === 0 ? (
          <p className="text-sm text-fg-muted">No overrides: every model is priced from the bundled table. Add one for a negotiated rate or a model of your own.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[760px] text-sm">
              <caption className="sr-only">Price overrides</caption>
              <thead>
                <tr className="text-left text-xs text-fg-subtle">
                  {["Provider", "Model", "Match", "Pattern (regex)", "Input", "Cached input", "Output", ""].map((h) => (
                    <th key={h} scope="col" className="px-1 py-1 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {input(i, "provider", "Provider", { placeholder: "openai" })}
                    {input(i, "model", "Model", { placeholder: "gpt-4o-mini", required: true })}
                    <td className="px-1 py-1 align-top">
                      <select aria-label={`Match, row ${i + 1}`} value={row.match} onChange={(e) => set(i, { match: e.target.value as PriceRow["match"] })} disabled={!editable} className={filterControl}>
                        <option value="exact">exact</option>
                        <option value="regex">regex</option>
                      </select>
                    </td>
                    {input(i, "pattern", "Pattern", { disabled: row.match !== "regex", placeholder: row.match === "regex" ? "^gpt-4o-.*" : "" })}
                    {input(i, "input_per_mtok", "Input price", { type: "number", step: "any", min: 0 })}
                    {input(i, "cached_input_per_mtok", "Cached input price", { type: "number", step: "any", min: 0 })}
                    {input(i, "output_per_mtok", "Output price", { type: "number", step: "any", min: 0 })}
                    <td className="px-1 py-1 align-top">
                      {editable && (
                        <Button size="sm" variant="ghost" aria-label={`Remove row ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                          <Trash2 className="size-3.5" aria-hidden />
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FormError error={save.error} shownFields={rows.flatMap((_, i) => Object.keys(EMPTY).map((k) => `prices[${i}].${k}`))} />
        {editable && (
          <div className="flex gap-2">
            <Button size="sm" onClick={() => setRows([...rows, { ...EMPTY }])}>
              <Plus className="size-3.5" aria-hidden /> Add a price
            </Button>
            <Button size="sm" type="submit" variant="primary" busy={save.isPending}>
              Save prices
            </Button>
            {save.isSuccess && (
              <span role="status" className="self-center text-sm text-emerald-600 dark:text-emerald-400">
                Saved.
              </span>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}

type Bundled = Record<string, unknown>;

function BundledPrices({ prices, asOf }: { prices: Bundled[]; asOf: string }) {
  const [q, setQ] = useState("");
  const shown = prices.filter((p) => `${p.provider} ${p.model}`.toLowerCase().includes(q.toLowerCase()));
  const rate = (v: unknown) => (typeof v === "number" ? formatUsd(v) : "–");
  const columns: Column<Bundled>[] = [
    { key: "provider", header: "Provider", render: (p) => String(p.provider) },
    { key: "model", header: "Model", render: (p) => <code className="font-mono text-xs">{String(p.model)}</code> },
    { key: "in", header: "Input", align: "right", render: (p) => rate(p.input_per_mtok) },
    { key: "cached", header: "Cached input", align: "right", render: (p) => rate(p.cached_input_per_mtok) },
    { key: "out", header: "Output", align: "right", render: (p) => rate(p.output_per_mtok) },
  ];
  return (
    <Card
      padded={false}
      title={`Bundled prices (as of ${asOf})`}
      actions={
        <label>
          <span className="sr-only">Search bundled prices</span>
          <input type="search" placeholder="Search models" value={q} onChange={(e) => setQ(e.target.value)} className={`${filterControl} w-48`} />
        </label>
      }
    >
      <div className="max-h-96 overflow-y-auto">
        <DataTable caption="Bundled model prices, USD per million tokens" columns={columns} rows={shown} rowKey={(p) => `${p.provider}/${p.model}/${p.pattern}`} />
      </div>
    </Card>
  );
}
