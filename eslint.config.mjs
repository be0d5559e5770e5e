// The linter holds the layering of docs/architecture.md ("Layers"); Prettier holds formatting (npm run format).
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** A layer may not import from these folders: each zone is one arrow of docs/architecture.md that must not exist. */
const layering = [
    {
        target: "./policies",
        from: ["./infra", "./cli", "./tests", "./tools", "./scripts"],
        message: "The policy pack is published alone: policies/ imports nothing outside its folder.",
    },
    {
        target: "./infra",
        from: ["./cli", "./tests", "./tools", "./policies/rules"],
        message: "The program reads the DR catalog only (policies/catalog): pulumi up must never load the CLI, the pack's rules or tests.",
    },
    {
        target: "./cli/src/engine",
        from: ["./policies", "./cli/src/assess", "./cli/src/commands", "./cli/src/render", "./infra"],
        message: "The engine works with any pack: it holds no DR logic and imports neither the catalog nor the layers above it.",
    },
    {
        target: "./cli/src/assess",
        from: ["./cli/src/commands", "./cli/src/render", "./infra"],
        message: "Assessing sits between the commands and the engine: it may not import a command or a renderer.",
    },
    {
        target: "./cli/src",
        from: ["./infra", "./tests", "./tools"],
        message: "dr runs a program it is given; it never imports the program, the tests or the generators.",
    },
];

export default tseslint.config(
    { ignores: ["node_modules/", "**/node_modules/", "dist/", "policies/bin/", "bench/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        plugins: { "import-x": importX },
        settings: { "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".js", ".d.ts"] })] },
        rules: {
            "import-x/no-restricted-paths": ["error", { zones: layering }],
            // The model reads provider properties of any shape: `Record<string, any>` is the honest type there.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
        },
    },
    {
        // CommonJS throughout: dr loads programs, packs and SDK internals by a path known only at run time.
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        files: ["**/*.js", "**/*.mjs"],
        languageOptions: {
            globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" },
        },
    },
);
