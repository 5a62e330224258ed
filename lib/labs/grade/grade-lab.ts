// The grader: every check of every task over one sandbox state → per-check result
// with points (partial credit), Korean feedback and the raw expected/actual values
// the instructor views aggregate. Pure and synchronous: milliseconds per lab.
import type { Check } from "../schema/check-schema";
import type { LabDefinition } from "../schema/lab-schema";
import { gradeCondition } from "./checks/condition-check";
import { gradeCount } from "./checks/count-check";
import { gradeEtcd } from "./checks/etcd-check";
import { gradeKubeadm } from "./checks/kubeadm-check";
import { gradeObject } from "./checks/object-check";
import { gradePlacement } from "./checks/placement-check";
import { gradeRbac } from "./checks/rbac-check";
import { gradeTrace } from "./checks/trace-check";
import { GradingProblem, type CheckVerdict, type GradeInput } from "./context";

export interface CheckResult {
  taskId: string;
  checkId: string;
  type: Check["type"];
  description: string;
  passed: boolean;
  points: number;
  max: number;
  /** Korean, one line per field/row/aspect: "spec.replicas: 기대값 5, 현재 3". */
  feedback: string[];
  expected: unknown;
  actual: unknown;
}

export interface TaskResult {
  taskId: string;
  passed: boolean;
  points: number;
  max: number;
}

export interface LabGrade {
  score: number;
  maxScore: number;
  tasks: TaskResult[];
  results: CheckResult[];
}

export function gradeCheck(check: Check, input: GradeInput): CheckVerdict {
  try {
    switch (check.type) {
      case "object":
        return gradeObject(check, input);
      case "count":
        return gradeCount(check, input);
      case "placement":
        return gradePlacement(check, input);
      case "condition":
        return gradeCondition(check, input);
      case "rbac":
        return gradeRbac(check, input);
      case "etcd":
        return gradeEtcd(check, input);
      case "kubeadm":
        return gradeKubeadm(check, input);
      case "trace":
        return gradeTrace(check, input);
    }
  } catch (e) {
    // A selector the learner's params made invalid, an unknown resource…: a failed
    // check with the reason, never a crashed grading run.
    if (e instanceof GradingProblem)
      return { score: 0, feedback: [e.message], expected: null, actual: null };
    throw e;
  }
}

export function gradeLab(lab: LabDefinition, input: GradeInput): LabGrade {
  const results: CheckResult[] = [];
  const tasks: TaskResult[] = [];
  for (const task of lab.tasks) {
    let points = 0;
    let max = 0;
    let allPassed = true;
    for (const check of task.checks) {
      const v = gradeCheck(check, input);
      const passed = v.score >= 1;
      const got = passed ? check.points : Math.floor(check.points * v.score);
      results.push({
        taskId: task.id,
        checkId: check.id,
        type: check.type,
        description: check.description,
        passed,
        points: got,
        max: check.points,
        feedback: v.feedback,
        expected: v.expected,
        actual: v.actual,
      });
      points += got;
      max += check.points;
      if (!passed) allPassed = false;
    }
    tasks.push({ taskId: task.id, passed: allPassed, points, max });
  }
  return {
    score: tasks.reduce((n, t) => n + t.points, 0),
    maxScore: tasks.reduce((n, t) => n + t.max, 0),
    tasks,
    results,
  };
}
