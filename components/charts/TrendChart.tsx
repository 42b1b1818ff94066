"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/queries/overview";

/** Vendors and critical/high third-party trusts over scans. */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const data = points.map((p) => ({ ...p, label: `#${p.scanId} ${p.at.slice(5, 10)}` }));
  return (
    <div className="h-64 w-full" data-testid="trend-chart" role="img" aria-label="Trend of vendors and critical and high trusts over scans">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} />
          <Tooltip contentStyle={{ background: "var(--color-white)", borderColor: "var(--color-slate-300)", color: "var(--color-slate-900)" }} />
          <Legend />
          <Line type="monotone" dataKey="vendors" name="Vendors" stroke="var(--color-slate-900)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="critical" name="Critical trusts" stroke="#b91c1c" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="high" name="High trusts" stroke="#ea580c" strokeWidth={2} strokeDasharray="5 3" dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
