import { redirect } from "next/navigation";

// The instructor area starts at the class list (which also creates classes).
export default function InstructorHome() {
  redirect("/classes");
}
