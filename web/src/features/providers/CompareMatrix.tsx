import { Trophy } from "lucide-react";

import { Card } from "@/components/Card";
import { type Column, DataTable } from "@/components/DataTable";
import { Empty, QueryView } from "@/components/States";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

import { bestCells, type BestColumn } from "./costs";
import { type CompareRow, useCompare } from "./queries";

function Best({ on, children }: { on: boolean; children: React.ReactNode }) {
  if (!on) return <>{children}</>;
  return (
    <span className="inline-flex items-center gap-1 font-semibold text-emerald-700 dark:text-emerald-300" title="Best of the models with 10 calls or more">
      <Trophy className="size-3" aria-label="best" />
      {children}
    </span>
  );
}

/** Per provider and model, from real traffic: the lowest error rate, latency and price per column are marked. */
export function CompareMatrix({ window }: { window: string }) {
  const compare = useCompare(window);
  return (
    <Card title="Models compared on real traffic" padded={false}>
      <QueryView query={compare}>
        {(data) => {
          if (!data.items.length) return <Empty title="No LLM calls in this window">Calls through the gateway or reported over OTLP are compared here.</Empty>;
          const best = bestCells(data.items);
          const key = (r: CompareRow) => `${r.provider}/${r.model}`;
          const isBest = (r: CompareRow, c: BestColumn) => best[c].has(key(r));
          const columns: Column<CompareRow>[] = [
            { key: "provider", header: "Provider", render: (r) => r.provider || "–" },
            { key: "model", header: "Model", render: (r) => <code className="font-mono text-xs">{r.model}</code> },
            { key: "calls", header: "Calls", align: "right", render: (r) => formatCount(r.calls) },
            { key: "errors", header: "Error rate", align: "right", render: (r) => <Best on={isBest(r, "error_rate")}>{formatPercent(r.error_rate)}</Best> },
            { key: "p50", header: "Latency p50", align: "right", render: (r) => <Best on={isBest(r, "latency")}>{formatMs(r.latency_ms.p50)}</Best> },
            { key: "p95", header: "p95", align: "right", render: (r) => formatMs(r.latency_ms.p95) },
            { key: "ttft", header: "First token", align: "right", render: (r) => <Best on={isBest(r, "ttft")}>{formatMs(r.ttft_ms_p50)}</Best> },
            { key: "tokens", header: "Tokens", align: "right", render: (r) => formatCount(r.input_tokens + r.output_tokens) },
            { key: "per1k", header: "Cost / 1k tok", align: "right", render: (r) => <Best on={isBest(r, "cost_per_1k_tokens")}>{formatUsd(r.cost_per_1k_tokens)}</Best> },
            { key: "cost", header: "Cost", align: "right", render: (r) => formatUsd(r.cost_usd) },
          ];
          return <DataTable caption="Providers and models compared" columns={columns} rows={data.items} rowKey={key} />;
        }}
      </QueryView>
    </Card>
  );
}
