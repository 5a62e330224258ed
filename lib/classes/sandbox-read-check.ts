// Lets a learner's instructors read (never write) the learner's sandboxes,
// through the terminal's `setInstructorReadCheck` hook. Registered when this
// module is loaded: every classes route that reads a sandbox imports it first.

import { db } from "@/lib/db/client";
import { setInstructorReadCheck } from "@/lib/terminal/sandbox-access";
import { canReadLearner } from "./access";

setInstructorReadCheck((viewer, ownerId) => canReadLearner(db(), viewer, ownerId));

export { authorizeSandbox } from "@/lib/terminal/sandbox-access";
