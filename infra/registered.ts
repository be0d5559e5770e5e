import * as pulumi from "@pulumi/pulumi";

/**
 * What a component passes to `registerOutputs` for a contract of `policies/catalog/contract.ts`: every
 * field, as a value or an output of one, so the compiler holds each component to its contract.
 */
export type Registered<T> = { [K in keyof T]: T[K] extends object ? Registered<T[K]> | pulumi.Input<T[K]> : pulumi.Input<T[K]> };
