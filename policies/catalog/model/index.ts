/** The recovery model: what a stack's resources achieve, shared by the policies and `dr`'s posture. See docs/architecture.md. */
export * from "./adapter";
export * from "./alerting";
export * from "./backups";
export * from "./components";
export * from "./copy";
export * from "./drills";
export * from "./keys";
export * from "./posture";
export * from "./recovery";
export * from "./replication";
export * from "./resources";
export * from "./rto";
export * from "./vaults";
export * from "./writers";
export * from "./databases";
export * from "./failoverPlans";
