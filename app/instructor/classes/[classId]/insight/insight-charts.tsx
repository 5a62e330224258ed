"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Bucket, CompletionPoint } from "@/lib/classes/insight/completion-series";
import { classText as t } from "@/lib/classes/ui-text";

// Charts use the theme's colours through CSS variables so they read in both themes.
const stroke = "var(--primary)";

export function CompletionChart({ points }: { points: CompletionPoint[] }) {
  if (points.length === 0) return <p className="text-muted-foreground">{t.completionChartEmpty}</p>;
  return (
    <div
      className="h-64 w-full"
      role="img"
      aria-label={`${t.completionChart}: ${points.map((p) => `${p.day} ${p.percent}%`).join(", ")}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis domain={[0, 100]} unit="%" fontSize={12} />
          <Tooltip formatter={(v) => [`${String(v)}%`, t.completion]} />
          <Line
            type="monotone"
            dataKey="percent"
            stroke={stroke}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HistogramChart({ title, buckets }: { title: string; buckets: Bucket[] }) {
  return (
    <figure className="grid gap-2">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div
        className="h-56 w-full"
        role="img"
        aria-label={`${title}: ${buckets.map((b) => `${b.label} ${b.learners}명`).join(", ")}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip formatter={(v) => [`${String(v)}명`, t.learnersAxis]} />
            <Bar dataKey="learners" fill={stroke} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
