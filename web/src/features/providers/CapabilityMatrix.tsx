import { Check, Minus } from "lucide-react";

import { Card } from "@/components/Card";
import { type Column, DataTable } from "@/components/DataTable";
import { Empty, QueryView } from "@/components/States";
import { formatCount, humanize } from "@/lib/format";

import { CAPABILITIES } from "./providerDraft";
import { type CapabilityRow, useCapabilities } from "./queries";

const LABELS = new Map<string, string>(CAPABILITIES.map((c) => [c.value, c.label]));

/** A list price per million tokens: two decimals at least, four at most ($0.15, $2.50, $0.075). */
export function formatPrice(value: number | null): string {
  if (value === null) return "–";
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

function Has({ on }: { on: boolean | undefined }) {
  return on ? (
    <span className="inline-flex text-emerald-600 dark:text-emerald-400">
      <Check className="size-4" aria-hidden />
      <span className="sr-only">yes</span>
    </span>
  ) : (
    <span className="inline-flex text-fg-subtle">
      <Minus className="size-4" aria-hidden />
      <span className="sr-only">no</span>
    </span>
  );
}

/** Every registered model with what it can do, how much it takes in, and its list prices. */
export function CapabilityMatrix() {
  const matrix = useCapabilities();
  return (
    <Card title="Capabilities of the registered models" padded={false}>
      <QueryView query={matrix}>
        {(data) => {
          if (!data.items.length) {
            return <Empty title="No models registered">A provider's models, with their context window, capabilities and prices, are listed in its editor on the Providers and health tab.</Empty>;
          }
          const columns: Column<CapabilityRow>[] = [
            { key: "provider", header: "Provider", className: "whitespace-nowrap", render: (r) => r.provider },
            { key: "model", header: "Model", className: "whitespace-nowrap", render: (r) => <code className="font-mono text-xs">{r.model}</code> },
            {
              key: "context",
              header: "Context window",
              align: "right",
              render: (r) => <span title={r.context_window === null ? undefined : `${r.context_window.toLocaleString("en-US")} tokens`}>{formatCount(r.context_window)}</span>,
            },
            ...data.capabilities.map(
              (c): Column<CapabilityRow> => ({ key: `cap-${c}`, header: LABELS.get(c) ?? humanize(c), className: "text-center", render: (r) => <Has on={r.capabilities[c]} /> }),
            ),
            { key: "input", header: "Input $/M tok", align: "right", render: (r) => formatPrice(r.input_per_mtok) },
            { key: "output", header: "Output $/M tok", align: "right", render: (r) => formatPrice(r.output_per_mtok) },
          ];
          return <DataTable caption="Capabilities of the registered models" columns={columns} rows={data.items} rowKey={(r) => `${r.provider_id}/${r.model}`} />;
        }}
      </QueryView>
    </Card>
  );
}
