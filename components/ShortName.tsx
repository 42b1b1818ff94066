import { shortName } from "@/lib/format";
import { CopyButton } from "./CopyButton";
import { breakableParts, Raw } from "./DataTable";

/**
 * An ARN or long name from AWS, shortened in place (lib/format.ts shortName) with the full value
 * on hover, for screen readers and in the copy button. Short values are shown as they are.
 */
export function ShortName({ value, className = "" }: { value: string; className?: string }) {
  const short = shortName(value);
  if (short === value) return <Raw className={className}>{value}</Raw>;
  return (
    <span className={`relative inline-flex max-w-full items-baseline gap-0.5 ${className}`}>
      <span title={value} aria-hidden="true" className="[overflow-wrap:anywhere] font-mono text-xs">
        {breakableParts(short)}
      </span>
      <span className="sr-only">{value}</span>
      <CopyButton value={value} />
    </span>
  );
}
