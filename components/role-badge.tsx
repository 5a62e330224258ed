import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/auth/roles";
import { messages } from "@/lib/i18n";

const variant = { LEARNER: "secondary", INSTRUCTOR: "outline", ADMIN: "default" } as const;

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant={variant[role]} data-testid="role-badge">
      {messages().roles[role]}
    </Badge>
  );
}
