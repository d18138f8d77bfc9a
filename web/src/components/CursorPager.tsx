import { useCallback, useState } from "react";

import { Button } from "./Button";

/** Keyset pages (`?cursor=` → `next_cursor`): a stack of the cursors seen, so Previous needs no offset. */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  // A new filter or sort starts again at the first page.
  const stack = state.key === resetKey ? state.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const next = useCallback((nextCursor: string) => setState({ key: resetKey, stack: [...stack, nextCursor] }), [resetKey, stack]);
  const previous = useCallback(() => setState({ key: resetKey, stack: stack.slice(0, -1) }), [resetKey, stack]);
  return { cursor, page: stack.length, next, previous, hasPrevious: stack.length > 1 };
}

export function CursorPager({
  pages,
  nextCursor,
  count,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  count: number;
}) {
  if (!pages.hasPrevious && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-2 border-t border-line px-3 py-2 text-xs text-fg-muted">
      <span>
        Page {pages.page} · {count} shown
      </span>
      <div className="flex gap-2">
        <Button size="sm" onClick={pages.previous} disabled={!pages.hasPrevious}>
          Previous
        </Button>
        <Button size="sm" onClick={() => nextCursor && pages.next(nextCursor)} disabled={!nextCursor}>
          Next
        </Button>
      </div>
    </nav>
  );
}
