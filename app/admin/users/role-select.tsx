"use client";

import { useState } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { sendJson } from "@/lib/http/send-json";
import { format, messages } from "@/lib/i18n";

/** A native select (accessible, works on phones) that saves on change. */
export function RoleSelect(props: { userId: string; email: string; initialRole: Role }) {
  const m = messages();
  const [role, setRole] = useState<Role>(props.initialRole);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function change(next: Role) {
    const previous = role;
    setRole(next);
    setPending(true);
    const result = await sendJson(`/api/admin/users/${encodeURIComponent(props.userId)}`, "PATCH", {
      role: next,
    });
    setPending(false);
    if (result.ok) {
      setStatus({
        ok: true,
        text: format(m.admin.roleChanged, { email: props.email, role: m.roles[next] }),
      });
    } else {
      setRole(previous);
      setStatus({ ok: false, text: result.message });
    }
  }

  return (
    <div className="grid gap-1">
      <select
        aria-label={format(m.admin.changeRole, { email: props.email })}
        className="h-9 rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        value={role}
        disabled={pending}
        onChange={(e) => void change(e.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {m.roles[r]}
          </option>
        ))}
      </select>
      {status && (
        <p
          role={status.ok ? "status" : "alert"}
          className={status.ok ? "text-xs text-success" : "text-xs text-destructive"}
        >
          {status.text}
        </p>
      )}
    </div>
  );
}
