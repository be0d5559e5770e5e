import { PolicyPack } from "@pulumi/policy";
import { drClassification } from "./rules/dr-classification";

new PolicyPack("dr", {
    enforcementLevel: "mandatory",
    policies: [drClassification],
});
