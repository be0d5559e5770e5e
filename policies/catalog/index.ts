/** The DR catalog: the vocabulary shared by the program (`infra/`) and the policy pack. */
export * from "./durations";
export * from "./regions";
export * from "./residency";
export * from "./tags";
export * from "./tiers";
