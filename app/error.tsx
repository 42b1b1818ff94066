"use client";
/** An unexpected server error inside the layout: our panel (a reference; "database unavailable, retrying" when that is the cause). */
import { ServerErrorPanel } from "@/components/ServerErrorPanel";

export default function ServerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ServerErrorPanel digest={error.digest} reset={reset} />;
}
