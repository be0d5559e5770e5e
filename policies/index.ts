import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./rules";

new PolicyPack("dr", {
    enforcementLevel: "mandatory",
    policies: POLICIES,
});
