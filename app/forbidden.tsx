import { ForbiddenNotice } from "@/components/forbidden-notice";

// Rendered with HTTP 403 whenever a page calls `forbidden()`.
export default function Forbidden() {
  return <ForbiddenNotice />;
}
