"use client";

import { useState } from "react";

/** Copies a value (an ARN shown shortened) to the clipboard. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={`${label}: ${value}`}
      title={copied ? "Copied" : `${label} the full value`}
      className="rounded px-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? "✓" : "⧉"}
    </button>
  );
}
