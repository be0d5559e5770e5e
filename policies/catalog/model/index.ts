/** The recovery model: what a stack's resources achieve, shared by the policies and `dr plan`'s posture. */
export * from "./copies";
export * from "./posture";
export * from "./resources";
export * from "./rto";
