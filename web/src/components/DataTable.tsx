import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import type { ReactNode } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** The API's sort field, when the column can be sorted. */
  sortKey?: string;
  align?: "left" | "right";
  className?: string;
}

/** `sort` is the API's form: "name" ascending, "-name" descending. */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  onRowClick,
  caption,
  rowClassName,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string | undefined;
  onSort?: (sort: string) => void;
  onRowClick?: (row: T) => void;
  caption: string;
  rowClassName?: (row: T) => string;
}) {
  const sortField = sort?.replace(/^-/, "");
  const descending = sort?.startsWith("-");
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-line text-left text-xs font-medium uppercase tracking-wide text-fg-subtle">
            {columns.map((col) => {
              const active = col.sortKey && col.sortKey === sortField;
              const ariaSort = active ? (descending ? "descending" : "ascending") : undefined;
              return (
                <th key={col.key} scope="col" aria-sort={ariaSort} className={`whitespace-nowrap px-3 py-2 font-medium ${col.align === "right" ? "text-right" : ""} ${col.className ?? ""}`}>
                  {col.sortKey && onSort ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 uppercase hover:text-fg"
                      onClick={() => onSort(active && !descending ? `-${col.sortKey}` : (col.sortKey as string))}
                    >
                      {col.header}
                      {active ? descending ? <ArrowDown className="size-3" aria-hidden /> : <ArrowUp className="size-3" aria-hidden /> : <ChevronsUpDown className="size-3 opacity-40" aria-hidden />}
                    </button>
                  ) : (
                    col.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              onClick={onRowClick ? (e) => !(e.target as HTMLElement).closest("a,button,input,select") && onRowClick(row) : undefined}
              className={`border-b border-line last:border-0 ${onRowClick ? "cursor-pointer hover:bg-raised/60" : ""} ${rowClassName?.(row) ?? ""}`}
            >
              {columns.map((col) => (
                <td key={col.key} className={`px-3 py-2 align-middle ${col.align === "right" ? "text-right tabular" : ""} ${col.className ?? ""}`}>
                  {col.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
