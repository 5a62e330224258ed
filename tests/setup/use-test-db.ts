// Setup file for projects with a database: points lib/db at the database the
// global setup created for this project.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
