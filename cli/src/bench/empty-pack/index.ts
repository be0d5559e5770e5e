import { PolicyPack } from "@pulumi/policy";

// The floor: the analyzer protocol and the SDK's deserialisation, per resource and per stack, and nothing else.
new PolicyPack("bench-empty", {
    enforcementLevel: "mandatory",
    policies: [{ name: "no-op", description: "Finds nothing.", validateResource: () => undefined }],
});
