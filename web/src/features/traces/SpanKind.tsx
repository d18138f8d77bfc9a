const KIND_COLOURS: Record<string, { bar: string; chip: string }> = {
  agent: { bar: "bg-indigo-500", chip: "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300" },
  task: { bar: "bg-indigo-500", chip: "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300" },
  llm: { bar: "bg-violet-500", chip: "bg-violet-50 text-violet-700 dark:bg-violet-500/15 dark:text-violet-300" },
  tool: { bar: "bg-amber-500", chip: "bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300" },
  retriever: { bar: "bg-cyan-500", chip: "bg-cyan-50 text-cyan-700 dark:bg-cyan-500/15 dark:text-cyan-300" },
  chain: { bar: "bg-slate-500", chip: "bg-slate-100 text-slate-700 dark:bg-slate-500/15 dark:text-slate-300" },
  guard: { bar: "bg-emerald-500", chip: "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300" },
  other: { bar: "bg-gray-400", chip: "bg-gray-100 text-gray-700 dark:bg-gray-500/15 dark:text-gray-300" },
};

export function kindColours(kind: string) {
  return KIND_COLOURS[kind] ?? (KIND_COLOURS.other as { bar: string; chip: string });
}

export function KindChip({ kind }: { kind: string }) {
  return <span className={`inline-block rounded px-1.5 py-px text-[10px] font-semibold uppercase tracking-wide ${kindColours(kind).chip}`}>{kind}</span>;
}
