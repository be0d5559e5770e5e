/** The cost model: a dated price table, money without floats, and what a stack costs a month by mode. */
export * from "./money";
export * from "./prices";
export * from "./lookup";
export * from "./estimate";
export * from "./modes";
export * from "./usage";
