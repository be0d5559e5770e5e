/** The DR catalog: the vocabulary shared by the program (`infra/`) and the policy pack. */
export * from "./arns";
export * from "./config";
export * from "./durations";
export * from "./figures";
export * from "./geography";
export * from "./schedule";
export * from "./regions";
export * from "./residency";
export * from "./stores";
export * from "./tags";
export * from "./tiers";
export * from "./contract";
export * from "./quote";
export * from "./waivers";
export * from "./preflight";
export * from "./targets";
export * from "./defaults";
