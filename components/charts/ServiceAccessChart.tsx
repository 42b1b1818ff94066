"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ServiceLevels } from "@/lib/queries/vendorDetail";

const ORDER = ["Permissions management", "Write", "Tagging", "Read", "List"] as const;
const COLOR: Record<(typeof ORDER)[number], string> = {
  "Permissions management": "#b91c1c",
  Write: "#ea580c",
  Tagging: "#ca8a04",
  Read: "#2563eb",
  List: "#64748b",
};

/**
 * Actions granted per service, coloured by the strongest access level there (named in the
 * tooltip): the services given, most first (the page sends only those it charts).
 */
export function ServiceAccessChart({ services }: { services: ServiceLevels[] }) {
  const data = services.map((s) => {
    const top = ORDER.find((l) => s.levels.includes(l)) ?? "List";
    return { service: s.service, actions: s.actions, top, levels: s.levels.join(", "), fill: COLOR[top] };
  });
  return (
    <div className="w-full" style={{ height: Math.max(160, data.length * 26 + 40) }} data-testid="service-chart" role="img" aria-label="Actions granted per AWS service">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} />
          <YAxis type="category" dataKey="service" width={110} tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} />
          <Tooltip formatter={(value, _name, item) => [`${value} actions (${(item.payload as { levels: string }).levels})`, "Granted"]} contentStyle={{ background: "var(--color-white)", borderColor: "var(--color-slate-300)", color: "var(--color-slate-900)" }} />
          <Bar dataKey="actions" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.service} fill={d.fill} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
