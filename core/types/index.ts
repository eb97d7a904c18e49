// The wire and state types: what the provider receives after `check`, and what a resource's outputs
// hold. sdk/types/input.ts mirrors the user-facing ones field for field, optional and Input-wrapped.
export * from "./pod";
export * from "./cluster";
export * from "./pod-network";
export * from "./service";
export * from "./network-policy";
export * from "./config";
export * from "./deployment";
