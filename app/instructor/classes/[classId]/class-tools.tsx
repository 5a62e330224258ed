"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { classText as t } from "@/lib/classes/ui-text";
import { sendJson } from "@/lib/http/send-json";
import { format } from "@/lib/i18n";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      aria-label={`${label} ${t.copy}`}
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? t.copied : t.copy}
    </Button>
  );
}

export function PushLabForm({
  classId,
  labs,
  memberCount,
}: {
  classId: string;
  labs: { id: string; title: string }[];
  memberCount: number;
}) {
  const router = useRouter();
  const [labId, setLabId] = useState(labs[0]?.id ?? "");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  if (labs.length === 0) return <p className="text-sm text-muted-foreground">{t.noLabs}</p>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const lab = labs.find((l) => l.id === labId)?.title ?? labId;
    if (!window.confirm(format(t.pushConfirm, { count: memberCount, lab }))) return;
    setPending(true);
    const result = await sendJson<{ learners: number }>(
      `/api/classes/${classId}/push-lab`,
      "POST",
      { labId },
    );
    setPending(false);
    setStatus(
      result.ok
        ? { ok: true, text: format(t.pushed, { count: result.data.learners }) }
        : { ok: false, text: result.message },
    );
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3">
      {status && <Alert variant={status.ok ? "success" : "destructive"}>{status.text}</Alert>}
      <label className="grid gap-1 text-sm">
        <span>{t.pushLab}</span>
        <select
          value={labId}
          onChange={(e) => setLabId(e.target.value)}
          className="h-9 rounded-md border bg-background px-2"
        >
          {labs.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title}
            </option>
          ))}
        </select>
      </label>
      <div>
        <Button type="submit" variant="destructive" disabled={pending || memberCount === 0}>
          {t.pushSubmit}
        </Button>
      </div>
    </form>
  );
}

export function InstructorsPanel({
  classId,
  instructors,
  canManage,
}: {
  classId: string;
  instructors: { id: string; name: string; email: string }[];
  canManage: boolean;
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await sendJson(`/api/classes/${classId}/instructors`, "POST", { email });
    setStatus(result.ok ? null : { ok: false, text: result.fields.email ?? result.message });
    if (result.ok) {
      setEmail("");
      router.refresh();
    }
  }

  async function remove(id: string) {
    const result = await sendJson(`/api/classes/${classId}/instructors/${id}`, "DELETE", {});
    setStatus(result.ok ? null : { ok: false, text: result.message });
    if (result.ok) router.refresh();
  }

  return (
    <div className="grid gap-3">
      {status && <Alert variant="destructive">{status.text}</Alert>}
      <ul className="grid gap-1 text-sm" data-testid="instructors">
        {instructors.map((i) => (
          <li key={i.id} className="flex items-center gap-2">
            <span className="font-medium">{i.name}</span>
            <span className="text-muted-foreground">{i.email}</span>
            {canManage && instructors.length > 1 && (
              <Button type="button" variant="ghost" size="sm" onClick={() => remove(i.id)}>
                {t.remove}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <form onSubmit={add} className="grid gap-2" noValidate>
          <FormField
            label={t.addInstructorEmail}
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <div>
            <Button type="submit" variant="outline" size="sm" disabled={email.trim() === ""}>
              {t.addInstructor}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
