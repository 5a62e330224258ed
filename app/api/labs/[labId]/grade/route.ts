// Alias of POST /api/labs/:labId/check (the name the lab page first asked for).
export { POST } from "../check/route";
