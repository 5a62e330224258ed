import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/user-admin";
import { db } from "@/lib/db/client";
import { format, formatDate, messages, SERVER_TIME_ZONE } from "@/lib/i18n";
import { RoleSelect } from "./role-select";

export const metadata: Metadata = { title: messages().admin.usersTitle };

export default async function AdminUsersPage() {
  const admin = await requireRole("ADMIN", "/admin/users");
  if (!admin) forbidden();
  const users = await listUsers(db());
  const t = messages().admin;
  return (
    <div className="mx-auto grid max-w-6xl gap-6 px-4 py-10">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t.usersTitle}</h1>
        <p className="text-muted-foreground">
          {t.usersDescription} {format(t.userCount, { count: users.length })}
        </p>
      </div>
      <div className="overflow-x-auto rounded-xl border">
        <table className="w-full min-w-[36rem] text-sm">
          <thead className="bg-muted text-left text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                {t.columnName}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t.columnEmail}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t.columnRole}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t.columnCreated}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t" data-testid="user-row" data-email={user.email}>
                <td className="px-4 py-3">
                  {user.name}
                  {user.id === admin.id && (
                    <span className="ml-2 text-xs text-muted-foreground">({t.you})</span>
                  )}
                </td>
                <td className="px-4 py-3 break-all">{user.email}</td>
                <td className="px-4 py-3">
                  <RoleSelect userId={user.id} email={user.email} initialRole={user.role} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  {formatDate(user.createdAt, SERVER_TIME_ZONE)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
