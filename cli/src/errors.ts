/** Bad input to `dr`: an unknown stack, a bad config file, a pack that will not start. Exit code 2, one message, no stack trace. */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}
