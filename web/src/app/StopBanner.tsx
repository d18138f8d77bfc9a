import { OctagonX } from "lucide-react";
import { Link, useLocation } from "react-router";

import { useStops } from "@/features/governance/queries";

/** Every page says when an emergency stop is in force; the governance page shows the stops themselves. */
export function StopBanner() {
  const stops = useStops(true);
  const { pathname } = useLocation();
  if (!stops.data?.length || pathname.startsWith("/governance")) return null;
  const [first] = stops.data;
  const what = first?.scope === "fleet" ? "the whole fleet" : `${first?.scope} ${first?.target}`;
  return (
    <div role="status" aria-label="Emergency stop in force" className="flex items-center gap-2 bg-red-600 px-4 py-1.5 text-sm text-white">
      <OctagonX className="size-4 shrink-0" aria-hidden />
      <span className="min-w-0 truncate">
        Emergency stop in force for {what}
        {stops.data.length > 1 ? ` and ${stops.data.length - 1} more` : ""}: “{first?.reason}”
      </span>
      <Link to="/governance/stops" className="ml-auto whitespace-nowrap font-medium underline">
        See and release
      </Link>
    </div>
  );
}
