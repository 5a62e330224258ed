// Demo data for the embedded-default mode (`npm start` without DATABASE_URL).
// Idempotent: running it again changes nothing.
import { db } from "@/lib/db/client";
import { ensureDemoAccounts } from "@/lib/auth/demo-accounts";

const prisma = db();
try {
  await ensureDemoAccounts(prisma);
  console.log("[kubelab] 데모 데이터 준비 완료");
} finally {
  await prisma.$disconnect();
}
