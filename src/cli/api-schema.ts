// Made by `npm run client` from the OpenAPI document (openapi-typescript): do not edit.
export interface paths {
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log of administrative actions, newest first */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tiers with their limits as configured and as effective under the server-wide ceilings */
        get: operations["listTiers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tiers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a tier's limits
         * @description Effective at once on every instance.
         */
        patch: operations["updateTier"];
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling key, its account, its tier, the limits runs actually get and the quota left */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The keys of the calling key's account, newest first */
        get: operations["listKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a key of the account
         * @description A new key with the same name and scopes; the old one works for `graceSeconds` more.
         */
        post: operations["rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key of the account (the calling key may revoke itself) */
        delete: operations["revokeKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Keys of every account (or one), newest first */
        get: operations["listAllKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a key, change its scopes, or expire it
         * @description An expiry now or in the past ends the key at once.
         */
        patch: operations["updateKey"];
        trace?: never;
    };
    "/api/v1/admin/accounts/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a key for the account */
        post: operations["createAccountKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts, newest first */
        get: operations["listAccounts"];
        put?: never;
        /** Create an account on a tier */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One account */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename an account, change its tier, suspend or reactivate it
         * @description Effective at once on every instance.
         */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up and its event loop answers */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready to take executions: 200 while every dependency is usable (possibly degraded), else 503 */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's execution records, newest first */
        get: operations["listExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One execution record of the account
         * @description An async run is `queued`, then `running`, then final, with its output (`stdout`, `stderr`, ...) once it has ended.
         */
        get: operations["getExecution"];
        put?: never;
        post?: never;
        /**
         * Cancel a queued or running run of the account
         * @description It ends `cancelled`; a running one has its sandbox stopped at once, and nothing of it is kept.
         */
        delete: operations["cancelExecution"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account's usage over a range
         * @description Default: the last 24 hours, hourly.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage across accounts, with the busiest accounts and keys
         * @description Default: the last 24 hours.
         */
        get: operations["getUsageOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run an uploaded module once
         * @description The module is validated, run and recorded; it is not stored.
         */
        post: operations["executeUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/modules/{id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a stored module of the caller's account, named by id, name (its latest version) or `name@version`
         * @description The body is JSON, or (`Content-Type: application/octet-stream`) stdin itself, streamed as it is, with the other fields in the query.
         */
        post: operations["executeStoredModule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's webhook signing secret, made on first use */
        get: operations["getWebhookSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret: callbacks sent from now on, retries included, are signed with the new one (and with the old one for `graceSeconds`) */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/modules/{id}/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a stored module of the caller's account once per input, named by id, name (its latest version) or `name@version`
         * @description The module is compiled once; each run takes one execution of the day, and a batch larger than what is left today is refused whole (429, policy `day`) with nothing taken. Runs share the account's concurrency and the fair pool queue. With `wait: false` the batch is queued (202) and polled at its Location.
         */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's account's batches, newest first */
        get: operations["listBatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A batch: how far it is, and once it has ended the answers of its runs */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/modules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's modules, newest first */
        get: operations["listModules"];
        put?: never;
        /**
         * Store a module
         * @description Validated once, its bytes kept once by their sha256 (under any number of names and accounts). New bytes under a name the account has make its next version (`name@2`); the bytes of its latest version again give that version.
         */
        post: operations["uploadModule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/modules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One module of the account: by id, name (its latest version) or `name@version` */
        get: operations["getModule"];
        put?: never;
        post?: never;
        /**
         * Delete a module of the account
         * @description By id or `name@version`: that version; by a bare name: every version of it.
         */
        delete: operations["deleteModule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/modules/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The versions of a module's name, newest first
         * @description By name, or by the id or `name@version` of any of its versions.
         */
        get: operations["listModuleVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AuditEntry: {
            /** @description Increasing: a later entry has a larger id */
            id: string;
            /** @description `admin-token`, or `key:<id>` for a key acting on itself or with the admin scope */
            actor: string;
            /** @example key.rotate */
            action: string;
            /** @example key */
            targetType: string;
            targetId: string;
            /** @description What changed, as the action records it */
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            /** @description Pass as `cursor` for the next page; null on the last one */
            nextCursor: string | null;
        };
        ExecutionLimitsView: {
            /** @description Largest module, in bytes */
            maxModuleBytes: number;
            /** @description Largest input of a run (stdin, files, args and env together), in bytes */
            maxInputBytes: number;
            /** @description Longest a run may take, in milliseconds */
            timeoutMs: number;
            /** @description Most linear memory a run's guest may have, in bytes */
            memoryLimitBytes: number;
            /** @description Most a run may print, stdout and stderr together, in bytes */
            maxOutputBytes: number;
        };
        TierView: {
            /** @example pro */
            name: string;
            /** @description As stored for the tier */
            configured: components["schemas"]["ExecutionLimitsView"];
            /** @description What runs actually get: clamped by the server-wide ceilings */
            effective: components["schemas"]["ExecutionLimitsView"];
            /** Format: date-time */
            updatedAt: string;
            /** @description Requests per minute, all keys of an account together */
            requestsPerMinute: number;
            /** @description Executions per calendar day (UTC) */
            executionsPerDay: number;
            /** @description Executions of an account running at once */
            maxConcurrency: number;
            /** @description Most of an async run's stdout and stderr kept with its record for GET /api/v1/executions/{id}, in bytes; past it they are cut (`resultTruncated`) */
            maxStoredResultBytes: number;
            /** @description Runs one batch may carry (each counts as one execution of the day) */
            maxBatchRuns: number;
            /** @description Most bytes the account's stored modules may take together, every version counted */
            maxStoredModuleBytes: number;
        };
        UpdateTierDto: {
            /** @description Requests per minute, all keys of an account together */
            requestsPerMinute?: number;
            /** @description Executions per calendar day (UTC) */
            executionsPerDay?: number;
            /** @description Executions of an account running at once */
            maxConcurrency?: number;
            /** @description Largest module, in bytes */
            maxModuleBytes?: number;
            /** @description Largest input of a run (stdin, files, args and env together), in bytes */
            maxInputBytes?: number;
            /** @description Longest a run may take, in milliseconds */
            timeoutMs?: number;
            /** @description Most linear memory a run's guest may have, in bytes */
            memoryLimitBytes?: number;
            /** @description Most a run may print, stdout and stderr together, in bytes */
            maxOutputBytes?: number;
            /** @description Most of an async run's stdout and stderr kept with its record for GET /api/v1/executions/{id}, in bytes; past it they are cut (`resultTruncated`) */
            maxStoredResultBytes?: number;
            /** @description Runs one batch may carry (each counts as one execution of the day) */
            maxBatchRuns?: number;
            /** @description Most bytes the account's stored modules may take together, every version counted */
            maxStoredModuleBytes?: number;
        };
        /** @enum {string} */
        KeyScope: "execute" | "modules" | "keys" | "admin";
        KeyView: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            name: string | null;
            /**
             * @description The first characters of the key, to tell keys apart
             * @example ww_live_3kT9
             */
            prefix: string;
            scopes: components["schemas"]["KeyScope"][];
            /** @enum {string} */
            status: "active" | "revoked" | "expired";
            /** Format: date-time */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description Recorded in batches: a minute late at most
             */
            lastUsedAt: string | null;
            /**
             * Format: uuid
             * @description Set on rotation: the key that replaced this one
             */
            replacedBy: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        /** @enum {string} */
        AccountStatus: "active" | "suspended";
        AccountView: {
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: email */
            email: string | null;
            /**
             * @description A tier name: free, basic, pro, enterprise
             * @example free
             */
            tier: string;
            status: components["schemas"]["AccountStatus"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @enum {string} */
        LimitSource: "tier" | "server";
        LimitSourcesView: {
            maxModuleBytes: components["schemas"]["LimitSource"];
            maxInputBytes: components["schemas"]["LimitSource"];
            timeoutMs: components["schemas"]["LimitSource"];
            memoryLimitBytes: components["schemas"]["LimitSource"];
            maxOutputBytes: components["schemas"]["LimitSource"];
        };
        QuotaWindow: {
            limit: number;
            remaining: number;
            /** @description Milliseconds until the window is whole again */
            resetMs: number;
        };
        ConcurrencyQuota: {
            limit: number;
            /** @description Executions of the account running now */
            inFlight: number;
        };
        QuotaLeft: {
            /** @description Requests per minute */
            minute: components["schemas"]["QuotaWindow"];
            /** @description Executions per calendar day (UTC) */
            day: components["schemas"]["QuotaWindow"];
            concurrency: components["schemas"]["ConcurrencyQuota"];
            /**
             * @description Where the limits are decided: memory while Redis is away (or without REDIS_URL)
             * @enum {string}
             */
            backend: "redis" | "memory";
        };
        MeView: {
            key: components["schemas"]["KeyView"];
            account: components["schemas"]["AccountView"];
            tier: components["schemas"]["TierView"];
            /** @description The tier's limits under the server-wide ceilings: what runs get, and what a 413 names */
            limits: components["schemas"]["ExecutionLimitsView"];
            /** @description What sets each of `limits`: the tier, or the server's ceiling (MAX_WASM_SIZE, MAX_INPUT_SIZE, EXECUTION_TIMEOUT, MEMORY_LIMIT, MAX_OUTPUT_SIZE) below it */
            limitSources: components["schemas"]["LimitSourcesView"];
            quota: components["schemas"]["QuotaLeft"];
        };
        KeyPage: {
            items: components["schemas"]["KeyView"][];
            /** @description Pass as `cursor` for the next page; null on the last one */
            nextCursor: string | null;
        };
        RotateKeyDto: {
            /** @description How long the old key keeps working, in seconds (at most 30 days); 0 (the default) ends it at once */
            graceSeconds?: number;
        };
        IssuedKey: {
            /** Format: uuid */
            id: string;
            /**
             * @description The key: shown this once, only its HMAC is kept
             * @example ww_live_3kT9…
             */
            key: string;
            prefix: string;
            /** Format: uuid */
            accountId: string;
            scopes: components["schemas"]["KeyScope"][];
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UpdateKeyDto: {
            name?: string;
            scopes?: components["schemas"]["KeyScope"][];
            /**
             * Format: date-time
             * @description Ends the key at this time (now or in the past expires it at once); null removes the expiry
             */
            expiresAt?: string | null;
        };
        CreateKeyDto: {
            name?: string;
            /** @description Default: execute and modules; never one the caller lacks */
            scopes?: components["schemas"]["KeyScope"][];
            /**
             * Format: date-time
             * @description In the future; default: never
             */
            expiresAt?: string;
        };
        CreateAccountDto: {
            name: string;
            /** Format: email */
            email?: string;
            /**
             * @description A tier of GET /api/v1/tiers
             * @example pro
             */
            tier: string;
        };
        AccountPage: {
            items: components["schemas"]["AccountView"][];
            /** @description Pass as `cursor` for the next page; null on the last one */
            nextCursor: string | null;
        };
        UpdateAccountDto: {
            name?: string;
            /**
             * @description A tier of GET /api/v1/tiers
             * @example pro
             */
            tier?: string;
            /** @description A suspended account cannot authenticate */
            status?: components["schemas"]["AccountStatus"];
        };
        Liveness: {
            /** @enum {string} */
            status: "ok";
        };
        ReadinessReport: {
            /**
             * @description unavailable (503) when a check is down; degraded still takes executions
             * @enum {string}
             */
            status: "ready" | "degraded" | "unavailable";
            /** @description One check per dependency (pool, database, ratelimit, recorder...; shutdown while draining), with its own details */
            checks: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "degraded" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
        };
        /** @enum {string} */
        RecordedStatus: "success" | "exit_error" | "trap" | "time_limit_exceeded" | "memory_limit_exceeded" | "output_limit_exceeded" | "internal_error" | "invalid_module" | "cancelled" | "queued" | "running";
        /**
         * @description `fixed` when the run read a clock of its own (see FixedClock), to be replayed exactly
         * @enum {string}
         */
        ClockMode: "real" | "fixed";
        RunLimits: {
            /** @description Longest a run may take, in milliseconds */
            timeoutMs: number;
            /** @description Most linear memory a run's guest may have, in bytes */
            memoryLimitBytes: number;
            /** @description Most a run may print, stdout and stderr together, in bytes */
            maxOutputBytes: number;
        };
        ExecutionRecord: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /**
             * Format: uuid
             * @description The key that ran it
             */
            keyId: string | null;
            /** @description null when no module could be read */
            moduleSha256: string | null;
            /**
             * Format: uuid
             * @description The stored module that ran; null for an upload
             */
            moduleId: string | null;
            /**
             * Format: uuid
             * @description The batch it ran in; null for a single run
             */
            batchId: string | null;
            /** @description Its place in its batch's `runs`; null for a single run */
            batchIndex: number | null;
            /** @description An execution status, or invalid_module: refused at validation */
            status: components["schemas"]["RecordedStatus"];
            exitCode: number | null;
            durationMs: number;
            queueMs: number;
            memoryPeakBytes: number;
            /** @description stdin and files */
            inputBytes: number;
            stdoutBytes: number;
            stderrBytes: number;
            /** @description Files brought back (`outputFiles`) */
            outputFileCount: number;
            /** @description Bytes of the files brought back (counted against the output limit with stdout and stderr) */
            outputFileBytes: number;
            error: string | null;
            /** @description `fixed` when the run read a clock of its own (see FixedClock), to be replayed exactly */
            clock: components["schemas"]["ClockMode"];
            /** @description The seed of the run's random_get, or null for the host's random */
            randomSeed: number | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Where the end of an async run is announced */
            callbackUrl: string | null;
            /**
             * Format: date-time
             * @description When the run started in its sandbox; null while an async run is queued, and for a module refused before it ran
             */
            startedAt: string | null;
            /**
             * Format: date-time
             * @description When the run reached its final status; null while an async run is queued or running, and for a module refused before it ran
             */
            finishedAt: string | null;
            /** @description The limits the run was held to, as its answer's `limits`; absent when its module was refused before it ran (and for runs recorded before they were kept) */
            limits?: components["schemas"]["RunLimits"];
        };
        ExecutionPage: {
            items: components["schemas"]["ExecutionRecord"][];
            /** @description Pass as `cursor` for the next page; null on the last one */
            nextCursor: string | null;
        };
        /** @enum {string} */
        OutputEncoding: "utf8" | "base64";
        CallbackAttemptView: {
            attempt: number;
            /** Format: date-time */
            at: string;
            /** @description The receiver's HTTP status; null when none came (see `error`) */
            statusCode: number | null;
            /** @description Why the attempt failed: a timeout, a refused address, a connection error, a redirect */
            error: string | null;
            /** @description From the start of the attempt to the end of the answer read, in milliseconds */
            durationMs: number;
        };
        CallbackView: {
            /** Format: uri */
            url: string;
            /** @description Whether an attempt got a 2xx */
            delivered: boolean;
            /** @description The `webhook-id` header of every attempt; null before the first */
            webhookId: string | null;
            /** @description Every attempt so far, first first */
            attempts: components["schemas"]["CallbackAttemptView"][];
        };
        ExecutionDetail: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            /**
             * Format: uuid
             * @description The key that ran it
             */
            keyId: string | null;
            /** @description null when no module could be read */
            moduleSha256: string | null;
            /**
             * Format: uuid
             * @description The stored module that ran; null for an upload
             */
            moduleId: string | null;
            /**
             * Format: uuid
             * @description The batch it ran in; null for a single run
             */
            batchId: string | null;
            /** @description Its place in its batch's `runs`; null for a single run */
            batchIndex: number | null;
            /** @description An execution status, or invalid_module: refused at validation */
            status: components["schemas"]["RecordedStatus"];
            exitCode: number | null;
            durationMs: number;
            queueMs: number;
            memoryPeakBytes: number;
            /** @description stdin and files */
            inputBytes: number;
            stdoutBytes: number;
            stderrBytes: number;
            /** @description Files brought back (`outputFiles`) */
            outputFileCount: number;
            /** @description Bytes of the files brought back (counted against the output limit with stdout and stderr) */
            outputFileBytes: number;
            error: string | null;
            /** @description `fixed` when the run read a clock of its own (see FixedClock), to be replayed exactly */
            clock: components["schemas"]["ClockMode"];
            /** @description The seed of the run's random_get, or null for the host's random */
            randomSeed: number | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Where the end of an async run is announced */
            callbackUrl: string | null;
            /**
             * Format: date-time
             * @description When the run started in its sandbox; null while an async run is queued, and for a module refused before it ran
             */
            startedAt: string | null;
            /**
             * Format: date-time
             * @description When the run reached its final status; null while an async run is queued or running, and for a module refused before it ran
             */
            finishedAt: string | null;
            /** @description The limits the run was held to, as its answer's `limits`; absent when its module was refused before it ran (and for runs recorded before they were kept) */
            limits?: components["schemas"]["RunLimits"];
            /** @description In `stdoutEncoding` */
            stdout?: string;
            /** @description In `stderrEncoding` */
            stderr?: string;
            stdoutEncoding?: components["schemas"]["OutputEncoding"];
            stderrEncoding?: components["schemas"]["OutputEncoding"];
            /** @description Cut at the output limit */
            stdoutTruncated?: boolean;
            /** @description Cut at the output limit */
            stderrTruncated?: boolean;
            /** @description The files brought back (`outputFiles`), path -> base64 */
            files?: {
                [key: string]: string;
            };
            /** @description Matching files that did not fit the output limit or, when kept, `maxStoredResultBytes` */
            filesOmitted?: string[];
            /** @description Cut further to the tier's `maxStoredResultBytes` when kept */
            resultTruncated?: boolean;
            /** @description With a `callbackUrl`: whether it was delivered, and every attempt */
            callback?: components["schemas"]["CallbackView"];
        };
        /** @enum {string} */
        UsageBucket: "hour" | "day";
        DurationPercentiles: {
            p50: number | null;
            p95: number | null;
            p99: number | null;
        };
        UsageFigures: {
            executions: number;
            /**
             * @description Executions per recorded status (only those that occurred)
             * @example {
             *       "success": 12,
             *       "exit_error": 1
             *     }
             */
            byStatus: {
                [key: string]: number;
            };
            /** @description Percentiles of run time; invalid modules never ran and are not counted in them */
            durationMs: components["schemas"]["DurationPercentiles"];
            /** @description stdin and files */
            inputBytes: number;
            /** @description stdout, stderr and the files brought back */
            outputBytes: number;
        };
        UsageInterval: {
            executions: number;
            /**
             * @description Executions per recorded status (only those that occurred)
             * @example {
             *       "success": 12,
             *       "exit_error": 1
             *     }
             */
            byStatus: {
                [key: string]: number;
            };
            /** @description Percentiles of run time; invalid modules never ran and are not counted in them */
            durationMs: components["schemas"]["DurationPercentiles"];
            /** @description stdin and files */
            inputBytes: number;
            /** @description stdout, stderr and the files brought back */
            outputBytes: number;
            /**
             * Format: date-time
             * @description Start of the hour or day (UTC)
             */
            start: string;
        };
        KeyUsage: {
            executions: number;
            /**
             * @description Executions per recorded status (only those that occurred)
             * @example {
             *       "success": 12,
             *       "exit_error": 1
             *     }
             */
            byStatus: {
                [key: string]: number;
            };
            /** @description Percentiles of run time; invalid modules never ran and are not counted in them */
            durationMs: components["schemas"]["DurationPercentiles"];
            /** @description stdin and files */
            inputBytes: number;
            /** @description stdout, stderr and the files brought back */
            outputBytes: number;
            /** Format: uuid */
            keyId: string | null;
        };
        UsageReport: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            bucket: components["schemas"]["UsageBucket"];
            /**
             * Format: uuid
             * @description The key the report is limited to, if any
             */
            keyId: string | null;
            totals: components["schemas"]["UsageFigures"];
            /** @description The buckets that had executions, oldest first */
            series: components["schemas"]["UsageInterval"][];
            /** @description With `groupBy=key`: the totals per key, busiest first */
            byKey?: components["schemas"]["KeyUsage"][];
        };
        AccountActivity: {
            /** Format: uuid */
            accountId: string;
            /** @description null once the account is gone */
            name: string | null;
            tier: string | null;
            executions: number;
            totalDurationMs: number;
        };
        KeyActivity: {
            /** Format: uuid */
            keyId: string | null;
            prefix: string | null;
            /** Format: uuid */
            accountId: string;
            executions: number;
        };
        UsageOverview: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            totals: components["schemas"]["UsageFigures"];
            /** @description Busiest first */
            topAccounts: components["schemas"]["AccountActivity"][];
            /** @description Busiest first */
            topKeys: components["schemas"]["KeyActivity"][];
        };
        /**
         * @description success is exit 0, exit_error a non-zero exit
         * @enum {string}
         */
        ExecutionStatus: "success" | "exit_error" | "trap" | "time_limit_exceeded" | "memory_limit_exceeded" | "output_limit_exceeded" | "internal_error";
        ExecutionResponse: {
            /**
             * Format: uuid
             * @description The execution record: GET /api/v1/executions/{id}
             */
            id: string;
            /** @description success is exit 0, exit_error a non-zero exit */
            status: components["schemas"]["ExecutionStatus"];
            /** @description The guest's exit code; null when it did not exit (trap, limits) */
            exitCode: number | null;
            /** @description In `stdoutEncoding` */
            stdout: string;
            /** @description In `stderrEncoding` */
            stderr: string;
            /** @description utf8 when the bytes are UTF-8 text (unless base64 was asked for), else base64 */
            stdoutEncoding: components["schemas"]["OutputEncoding"];
            /** @description utf8 when the bytes are UTF-8 text (unless base64 was asked for), else base64 */
            stderrEncoding: components["schemas"]["OutputEncoding"];
            /** @description Cut at the output limit */
            stdoutTruncated: boolean;
            /** @description Cut at the output limit */
            stderrTruncated: boolean;
            /** @description Time the module ran (instantiation and `_start`), in ms */
            durationMs: number;
            /** @description Time the run waited for a sandbox worker, in ms */
            queueMs: number;
            /** @description Largest linear memory the guest had, in bytes; for a run stopped at its time limit (`time_limit_exceeded`), what it had when it started, as a guest stopped mid-instruction cannot be read */
            memoryPeakBytes: number;
            moduleSha256: string;
            /** @description Why the run failed (trap message, limit), else null */
            error: string | null;
            limits: components["schemas"]["RunLimits"];
            /**
             * @description The regular files the guest left that match `outputFiles`, path (relative to the guest root) -> base64 of their bytes, in path order. Their bytes count against `maxOutputBytes` together with stdout and stderr. Links are not followed; directories never match. Given after every ending but `time_limit_exceeded` and a failed sandbox, where the files went with the stopped worker (`{}`); `{}` without `outputFiles`
             * @example {
             *       "out.txt": "aGVsbG8K",
             *       "dist/a.js": "Y29uc29sZS5sb2coMSk7Cg=="
             *     }
             */
            files: {
                [key: string]: string;
            };
            /**
             * @description Paths of matching files that did not fit in what the output limit left (in path order; each file that still fitted, smaller ones after them too, is in `files`)
             * @example [
             *       "big.bin"
             *     ]
             */
            filesOmitted: string[];
        };
        ExecuteUploadForm: {
            /**
             * Format: binary
             * @description The module (a WASI command); at most the tier's `maxModuleBytes`
             */
            wasm: Blob;
            /**
             * Format: binary
             * @description stdin: a file, or text taken verbatim; counts against the input limit
             */
            input?: Blob;
            /**
             * @description argv[1..] as a JSON array of strings (argv[0] is the file name); each NUL-terminated arg counts against the input limit
             * @example ["--n","10"]
             */
            args?: string;
            /**
             * @description The environment as a JSON object of strings; each NUL-terminated `NAME=value` counts against the input limit
             * @example {"NAME":"value"}
             */
            env?: string;
            /**
             * @description Files of the guest's writable root directory as a JSON object, path -> base64; or, streamed, one file part per file named `files[<path>]` (both may be used, at most 1000 files in all). With stdin, args and env, at most the tier's `maxInputBytes`
             * @example {"data/input.txt":"aGVsbG8="}
             */
            files?: string;
            /**
             * @description A JSON array. Files to bring back: paths or glob patterns (`*`, `**`, `?`, `[...]`, `{a,b}`) relative to the guest root, e.g. `out.wav`, `dist/**\/*.js`; a leading `/` is the guest root too. The answer gives `files` (path -> base64) and `filesOmitted`
             * @example ["out.wav","dist/**\/*.js"]
             */
            outputFiles?: string;
            /** @description A timeout at most the tier's, in milliseconds */
            timeoutMs?: string;
            /** @description base64 forces base64 for stdout and stderr */
            outputEncoding?: components["schemas"]["OutputEncoding"];
            /** @description Default `real`, the host's clocks; `fixed`: a clock of the run's own (realtime from 2024-01-01T00:00:00Z, the others from 0, 1 µs on per reading), for an exact replay */
            clock?: components["schemas"]["ClockMode"];
            /** @description An integer from -9007199254740991 to 9007199254740991. Seeds random_get (ChaCha20), for an exact replay; default: the host's random */
            randomSeed?: string;
            /**
             * @description `false`: answered at once with 202, `{id, status: "queued"}` and `Location: /api/v1/executions/{id}`, the run queued on the durable queue; poll that record for its status and output (or cancel it with DELETE). A queued run needs no concurrency slot at submit; it takes one of its account when it starts. Default `true`: answered when the run ends.
             * @enum {string}
             */
            wait?: "true" | "false";
            /** @description Where the end of an async run (`wait: false`) is announced by a signed POST of its record; refused without `wait: false`. */
            callbackUrl?: string;
        };
        QueuedRunView: {
            /**
             * Format: uuid
             * @description The execution: GET /api/v1/executions/{id} for its status and output
             */
            id: string;
            /** @enum {string} */
            status: "queued";
        };
        ExecuteStoredModuleDto: {
            /** @description stdin as text (UTF-8); not with `stdinBase64` */
            stdin?: string;
            /**
             * Format: byte
             * @description stdin as base64, for binary input; not with `stdin`
             */
            stdinBase64?: string;
            /** @description argv[1..]; argv[0] is the module's name */
            args?: string[];
            /**
             * @example {
             *       "NAME": "value"
             *     }
             */
            env?: {
                [key: string]: string;
            };
            /**
             * @description Files of the guest's writable root directory: path -> base64 content; with stdin, at most the tier's `maxInputBytes`
             * @example {
             *       "data/input.txt": "aGVsbG8="
             *     }
             */
            files?: {
                [key: string]: string;
            };
            /** @description base64 forces base64 for stdout and stderr */
            outputEncoding?: components["schemas"]["OutputEncoding"];
            /**
             * @description Files to bring back: paths or glob patterns (`*`, `**`, `?`, `[...]`, `{a,b}`) relative to the guest root, e.g. `out.wav`, `dist/**\/*.js`; a leading `/` is the guest root too. The answer gives `files` (path -> base64) and `filesOmitted`
             * @example [
             *       "out.wav",
             *       "dist/**\/*.js"
             *     ]
             */
            outputFiles?: string[];
            /** @description A timeout at most the tier's, in milliseconds */
            timeoutMs?: number;
            /** @description Default `real`, the host's clocks; `fixed`: a clock of the run's own (realtime from 2024-01-01T00:00:00Z, the others from 0, 1 µs on per reading), for an exact replay */
            clock?: components["schemas"]["ClockMode"];
            /** @description Seeds random_get (ChaCha20), for an exact replay; default: the host's random */
            randomSeed?: number | null;
            /** @description `false`: answered at once with 202, `{id, status: "queued"}` and `Location: /api/v1/executions/{id}`, the run queued on the durable queue; poll that record for its status and output (or cancel it with DELETE). A queued run needs no concurrency slot at submit; it takes one of its account when it starts. Default `true`: answered when the run ends. */
            wait?: boolean;
            /** @description Where the end of an async run (`wait: false`) is announced by a signed POST of its record; refused without `wait: false`. */
            callbackUrl?: string;
        };
        WebhookSecretView: {
            /** @description The Standard Webhooks secret the account's callbacks are signed with */
            secret: string;
        };
        RotateWebhookSecretDto: {
            /** @description How long callbacks carry a signature with the old secret too (seconds), so receivers can switch without missing one; default 0 */
            graceSeconds?: number;
        };
        BatchRunDto: {
            /** @description stdin as text (UTF-8); not with `stdinBase64` */
            stdin?: string;
            /**
             * Format: byte
             * @description stdin as base64, for binary input; not with `stdin`
             */
            stdinBase64?: string;
            /** @description argv[1..]; argv[0] is the module's name */
            args?: string[];
            /**
             * @example {
             *       "NAME": "value"
             *     }
             */
            env?: {
                [key: string]: string;
            };
            /**
             * @description Files of the guest's writable root directory: path -> base64 content; with stdin, at most the tier's `maxInputBytes`
             * @example {
             *       "data/input.txt": "aGVsbG8="
             *     }
             */
            files?: {
                [key: string]: string;
            };
            /** @description base64 forces base64 for stdout and stderr */
            outputEncoding?: components["schemas"]["OutputEncoding"];
            /**
             * @description Files to bring back: paths or glob patterns (`*`, `**`, `?`, `[...]`, `{a,b}`) relative to the guest root, e.g. `out.wav`, `dist/**\/*.js`; a leading `/` is the guest root too. The answer gives `files` (path -> base64) and `filesOmitted`
             * @example [
             *       "out.wav",
             *       "dist/**\/*.js"
             *     ]
             */
            outputFiles?: string[];
            /** @description A timeout at most the tier's, in milliseconds */
            timeoutMs?: number;
            /** @description Default `real`, the host's clocks; `fixed`: a clock of the run's own (realtime from 2024-01-01T00:00:00Z, the others from 0, 1 µs on per reading), for an exact replay */
            clock?: components["schemas"]["ClockMode"];
            /** @description Seeds random_get (ChaCha20), for an exact replay; default: the host's random */
            randomSeed?: number | null;
        };
        CreateBatchDto: {
            /** @description The runs, each with the fields of a single run; at most the tier's `maxBatchRuns`, each one execution of the day */
            runs: components["schemas"]["BatchRunDto"][];
            /** @description true (the default): answer once every run has ended; false: 202 at once, poll GET /api/v1/batches/{id} */
            wait?: boolean;
            /**
             * Format: uri
             * @description Told (a signed POST of the batch) when the batch ends
             */
            callbackUrl?: string;
        };
        /** @enum {string} */
        BatchStatus: "queued" | "running" | "completed" | "failed";
        KeptExecutionResponse: {
            /**
             * Format: uuid
             * @description The execution record: GET /api/v1/executions/{id}
             */
            id: string;
            /** @description success is exit 0, exit_error a non-zero exit */
            status: components["schemas"]["ExecutionStatus"];
            /** @description The guest's exit code; null when it did not exit (trap, limits) */
            exitCode: number | null;
            /** @description In `stdoutEncoding` */
            stdout: string;
            /** @description In `stderrEncoding` */
            stderr: string;
            /** @description utf8 when the bytes are UTF-8 text (unless base64 was asked for), else base64 */
            stdoutEncoding: components["schemas"]["OutputEncoding"];
            /** @description utf8 when the bytes are UTF-8 text (unless base64 was asked for), else base64 */
            stderrEncoding: components["schemas"]["OutputEncoding"];
            /** @description Cut at the output limit */
            stdoutTruncated: boolean;
            /** @description Cut at the output limit */
            stderrTruncated: boolean;
            /** @description Time the module ran (instantiation and `_start`), in ms */
            durationMs: number;
            /** @description Time the run waited for a sandbox worker, in ms */
            queueMs: number;
            /** @description Largest linear memory the guest had, in bytes; for a run stopped at its time limit (`time_limit_exceeded`), what it had when it started, as a guest stopped mid-instruction cannot be read */
            memoryPeakBytes: number;
            moduleSha256: string;
            /** @description Why the run failed (trap message, limit), else null */
            error: string | null;
            limits: components["schemas"]["RunLimits"];
            /**
             * @description The regular files the guest left that match `outputFiles`, path (relative to the guest root) -> base64 of their bytes, in path order. Their bytes count against `maxOutputBytes` together with stdout and stderr. Links are not followed; directories never match. Given after every ending but `time_limit_exceeded` and a failed sandbox, where the files went with the stopped worker (`{}`); `{}` without `outputFiles`
             * @example {
             *       "out.txt": "aGVsbG8K",
             *       "dist/a.js": "Y29uc29sZS5sb2coMSk7Cg=="
             *     }
             */
            files: {
                [key: string]: string;
            };
            /**
             * @description Paths of matching files that did not fit in what the output limit left (in path order; each file that still fitted, smaller ones after them too, is in `files`)
             * @example [
             *       "big.bin"
             *     ]
             */
            filesOmitted: string[];
            /** @description Output or files cut (or left out) to the tier's `maxStoredResultBytes` when kept */
            resultTruncated: boolean;
        };
        BatchAnswer: {
            /**
             * Format: uuid
             * @description GET /api/v1/batches/{id}
             */
            id: string;
            status: components["schemas"]["BatchStatus"];
            /** @description Why the batch failed (its account suspended, its module deleted, its executor lost), else null */
            error: string | null;
            /** @description One per run, in the order of `runs`, each the answer of a single run; once the batch's answers hold the server's MAX_BATCH_RESULT_SIZE of output (64 MB by default), each later one is its answer as kept (`resultTruncated`) */
            results: components["schemas"]["KeptExecutionResponse"][];
        };
        QueuedBatch: {
            /**
             * Format: uuid
             * @description GET /api/v1/batches/{id}
             */
            id: string;
            /** @enum {string} */
            status: "queued";
        };
        BatchSummary: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["BatchStatus"];
            /**
             * Format: uuid
             * @description The stored module the runs ran
             */
            moduleId: string;
            /** @description Runs in the batch */
            total: number;
            /** @description Runs that have ended (recorded) */
            completed: number;
            /**
             * @description Runs that have ended, by execution status
             * @example {
             *       "success": 3
             *     }
             */
            byStatus: {
                [key: string]: number;
            };
            /** @description Why the batch failed (its account suspended, its module deleted, its executor lost), else null */
            error: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
        };
        BatchPage: {
            items: components["schemas"]["BatchSummary"][];
            /** @description The `cursor` of the next page; null on the last */
            nextCursor: string | null;
        };
        BatchView: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["BatchStatus"];
            /**
             * Format: uuid
             * @description The stored module the runs ran
             */
            moduleId: string;
            /** @description Runs in the batch */
            total: number;
            /** @description Runs that have ended (recorded) */
            completed: number;
            /**
             * @description Runs that have ended, by execution status
             * @example {
             *       "success": 3
             *     }
             */
            byStatus: {
                [key: string]: number;
            };
            /** @description Why the batch failed (its account suspended, its module deleted, its executor lost), else null */
            error: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description Once the batch has ended: one per run, in the order of `runs`, each kept cut to the tier's `maxStoredResultBytes`; before: empty */
            results: components["schemas"]["KeptExecutionResponse"][];
            /** @description With a `callbackUrl`: whether it was delivered, and every attempt */
            callback?: components["schemas"]["CallbackView"];
        };
        ModuleUploadForm: {
            /**
             * Format: binary
             * @description The module (a WASI command); at most the tier's `maxModuleBytes`
             */
            wasm: Blob;
            /** @description 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID; default: the file name of `wasm`. New bytes under a name the account has make its next version. */
            name?: string;
            /** @description At most 2000 bytes */
            description?: string;
        };
        DeclaredMemory: {
            min: number | null;
            max: number | null;
        };
        ModuleView: {
            /** Format: uuid */
            id: string;
            /** @description The guest's argv[0] when it runs; with `version`, another way to name the module in a route (`name`, `name@version`) */
            name: string;
            /** @description Versions of a name count from 1 in the order new bytes were stored under it */
            version: number;
            description: string | null;
            /** @description sha256 of the bytes as uploaded */
            sha256: string;
            sizeBytes: number;
            /**
             * @description `module.name` of each import
             * @example [
             *       "wasi_snapshot_preview1.fd_write"
             *     ]
             */
            imports: string[];
            memory: components["schemas"]["DeclaredMemory"];
            /** Format: date-time */
            createdAt: string;
        };
        ModulePage: {
            items: components["schemas"]["ModuleView"][];
            /** @description Pass as `cursor` for the next page; null on the last one */
            nextCursor: string | null;
        };
        /**
         * @description Stable: branch on it, not on `title` or `detail`
         * @enum {string}
         */
        ProblemCode: "bad_request" | "validation_failed" | "body_too_deep" | "body_too_wide" | "invalid_multipart" | "invalid_filename" | "missing_field" | "duplicate_field" | "unknown_field" | "invalid_args" | "invalid_env" | "invalid_files" | "invalid_output_files" | "invalid_name" | "invalid_description" | "invalid_clock" | "invalid_random_seed" | "invalid_callback_url" | "batch_empty" | "invalid_cursor" | "invalid_range" | "conflicting_credentials" | "unknown_tier" | "unauthorized" | "forbidden" | "account_suspended" | "scope_not_held" | "key_required" | "not_found" | "unknown_module_name" | "unknown_module_version" | "key_retired" | "execution_final" | "method_not_allowed" | "not_acceptable" | "payload_too_large" | "module_too_large" | "input_too_large" | "unsupported_media_type" | "multipart_required" | "unsupported_content_encoding" | "request_timeout" | "headers_too_large" | "module_empty" | "module_not_wasm" | "module_malformed" | "module_invalid" | "module_import_not_allowed" | "module_missing_start" | "module_multiple_memories" | "module_memory64" | "module_memory_too_large" | "stored_modules_full" | "batch_too_large" | "module_structure_too_large" | "module_too_complex" | "module_table_too_large" | "rate_limited" | "client_closed_request" | "internal_error" | "capacity_exhausted" | "database_unavailable" | "recording_unavailable";
        FieldErrors: {
            /** @example timeoutMs */
            field: string;
            messages: string[];
        };
        /**
         * @description `key_retired`: why the key is no longer current
         * @enum {string}
         */
        KeyRetirement: "revoked" | "expired" | "replaced";
        Problem: {
            /**
             * Format: uri
             * @example https://wasmwiz.dev/problems/validation-failed
             */
            type: string;
            /**
             * @description The code's title: the same in every answer of that code
             * @example Bad request
             */
            title: string;
            status: number;
            /** @description Stable: branch on it, not on `title` or `detail` */
            code: components["schemas"]["ProblemCode"];
            /** @description What went wrong, naming the field, limit or import */
            detail: string;
            /**
             * Format: uri-reference
             * @description The request path
             */
            instance?: string;
            /** @description The field at fault (`files.<path>` for one file) */
            field?: string;
            /** @description `validation_failed`: every field that is wrong, and why */
            errors?: components["schemas"]["FieldErrors"][];
            /** @description `invalid_callback_url`: why the URL is refused */
            reason?: string;
            /**
             * @description `unsupported_content_encoding`: the Content-Encoding the body came with
             * @example gzip
             */
            encoding?: string;
            /**
             * @description `unsupported_media_type` for a body some routes take: its media type
             * @example multipart/form-data
             */
            mediaType?: string;
            /**
             * @description `unsupported_media_type` for a body some routes take: the media types this route takes
             * @example [
             *       "application/json"
             *     ]
             */
            accepted?: string[];
            /** @description 413: the limit that was passed, in bytes; `module_memory_too_large`: the memory limit */
            limitBytes?: number;
            /** @description 413: what set the limit (`limit`), the tier or a server setting (`setting`) */
            limitSource?: components["schemas"]["LimitSource"];
            /**
             * @description 413 set by the server: the setting whose value applied
             * @enum {string}
             */
            setting?: "MAX_WASM_SIZE" | "MAX_INPUT_SIZE" | "EXECUTION_TIMEOUT" | "MEMORY_LIMIT" | "MAX_OUTPUT_SIZE";
            /**
             * @description 413 set by the tier, `module_structure_too_large`: the tier whose limit it is
             * @example pro
             */
            tier?: string;
            /** @description `stored_modules_full`: the bytes the account's stored modules take */
            usedBytes?: number;
            /** @description `stored_modules_full`: the bytes of the module refused */
            moduleBytes?: number;
            /** @description `module_memory_too_large`: the initial memory the module declares */
            declaredBytes?: number;
            /** @description `module_import_not_allowed`: the refused imports */
            imports?: string[];
            /** @description `module_structure_too_large`: how many the module declares (or how deep it nests) */
            declared?: number;
            /** @description `module_structure_too_large`, `batch_too_large`: how many the tier allows */
            allowed?: number;
            /** @description `batch_too_large`: how many runs the batch carries */
            runs?: number;
            /** @description `body_too_deep`: how deep a body may nest */
            maxDepth?: number;
            /** @description `body_too_wide`: how many properties an object (or the whole body) may have */
            maxProperties?: number;
            /** @description `forbidden`: the scope the route needs */
            requiredScope?: components["schemas"]["KeyScope"];
            /** @description `scope_not_held`: the scopes of the key acted on that the calling key lacks */
            missingScopes?: components["schemas"]["KeyScope"][];
            /** @description `key_retired`: why the key is no longer current */
            keyState?: components["schemas"]["KeyRetirement"];
            /**
             * Format: uuid
             * @description `key_retired` for a replaced key: its successor
             */
            replacedBy?: string;
            /**
             * @description `rate_limited`: the window that refused
             * @enum {string}
             */
            policy?: "minute" | "day" | "concurrency" | "auth" | "uploads";
            /** @description `rate_limited`: the policy's limit; `recording_unavailable`: the backlog limit; `module_structure_too_large`: the structure over its limit (`functions`, `locals`...); 413 and `stored_modules_full`: the limit that applied (`maxInputBytes`, `maxModuleBytes`, `jsonBodyBytes`, `maxBatchRuns`, `maxStoredModuleBytes`) */
            limit?: number | string;
            /** @description `rate_limited`: the window length (null for concurrency) */
            windowSeconds?: number | null;
            /** @description When trying again can succeed (also in Retry-After) */
            retryAfterSeconds?: number;
            /** @description `rate_limited`: the executions the request needed from the day (a batch: one per run) */
            executions?: number;
            /** @description `recording_unavailable`: execution records waiting for the database */
            backlog?: number;
            /** @description `unknown_module_name`, `unknown_module_version`: the module name asked for */
            name?: string;
            /** @description `unknown_module_version`: the version asked for */
            version?: number;
            /** @description `unknown_module_version`: the newest version of the name */
            latestVersion?: number;
            /** @description `execution_final`: the status the execution ended with */
            executionStatus?: components["schemas"]["RecordedStatus"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                targetId?: string;
                action?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    listTiers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierView"][];
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    updateTier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: "free" | "basic" | "pro" | "enterprise";
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateTierDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TierView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeView"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "key_required";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyPage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "key_required";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateKeyDto"];
            };
        };
        responses: {
            /** @description The new key, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedKey"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `scope_not_held` (Scope not held): The key acted on holds scopes the calling key lacks (`missingScopes`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "scope_not_held";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key, revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyView"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `scope_not_held` (Scope not held): The key acted on holds scopes the calling key lacks (`missingScopes`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "scope_not_held";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    listAllKeys: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                /** @description Only this account's keys */
                accountId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyPage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    updateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    createAccountKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateKeyDto"];
            };
        };
        responses: {
            /** @description The key, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedKey"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountPage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAccountDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `unknown_tier` (Bad request): There is no tier of that name
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "unknown_tier" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountView"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateAccountDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `unknown_tier` (Bad request): There is no tier of that name
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "unknown_tier" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready or degraded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessReport"];
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description Unavailable: a dependency is down, or the service is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessReport"];
                };
            };
        };
    };
    listExecutions: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                status?: components["schemas"]["RecordedStatus"];
                /** @description Executions from this time on */
                from?: string;
                /** @description Executions before this time */
                to?: string;
                /** @description Only this key's executions */
                keyId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionPage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `invalid_range` (Bad request): `from` is not before `to`, or the range spans too many buckets
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "invalid_range" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "key_required";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The execution's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionDetail"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "key_required";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    cancelExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The execution's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionRecord"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /** @description - `execution_final` (Execution already ended): The execution has ended (`executionStatus`): only a queued or running run can be cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "execution_final";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description Default: 24 hours before `to` */
                from?: string;
                /** @description Default: now */
                to?: string;
                /** @description The size of a `series` interval */
                bucket?: components["schemas"]["UsageBucket"];
                /** @description Only this key's executions */
                keyId?: string;
                /** @description `key`: also break the totals down per key (`byKey`) */
                groupBy?: "key";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_range` (Bad request): `from` is not before `to`, or the range spans too many buckets
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_range" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "key_required";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getUsageOverview: {
        parameters: {
            query?: {
                /** @description Default: 24 hours before `to` */
                from?: string;
                /** @description Default: now */
                to?: string;
                /** @description How many of the busiest accounts and keys */
                top?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageOverview"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_range` (Bad request): `from` is not before `to`, or the range spans too many buckets
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_range" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    executeUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ExecuteUploadForm"];
            };
        };
        responses: {
            /** @description The run ended: `status` says how. With `Accept: application/octet-stream`, the body is the raw stdout and the result is in the `WasmWiz-*` headers */
            200: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description application/octet-stream answer: The execution record: GET /api/v1/executions/{id} */
                    "WasmWiz-Execution-Id"?: string;
                    /** @description application/octet-stream answer: How the run ended (as `status` of the JSON answer) */
                    "WasmWiz-Status"?: string;
                    /** @description application/octet-stream answer: The guest's exit code; absent when it did not exit (trap, limits) */
                    "WasmWiz-Exit-Code"?: number;
                    /** @description application/octet-stream answer: Why the run failed (trap message, limit), percent-encoded UTF-8; absent when it did not */
                    "WasmWiz-Error"?: string;
                    /** @description application/octet-stream answer: Time the module ran, in ms */
                    "WasmWiz-Duration-Ms"?: number;
                    /** @description application/octet-stream answer: Time the run waited for a sandbox worker, in ms */
                    "WasmWiz-Queue-Ms"?: number;
                    /** @description application/octet-stream answer: Largest linear memory the guest had (for a run stopped at its time limit, what it had when it started) */
                    "WasmWiz-Memory-Peak-Bytes"?: number;
                    /** @description application/octet-stream answer: true when stdout was cut at the output limit */
                    "WasmWiz-Stdout-Truncated"?: boolean;
                    /** @description application/octet-stream answer: stderr as base64; absent when it is empty or over 4096 bytes (see WasmWiz-Stderr-Bytes; the JSON answer carries it whole) */
                    "WasmWiz-Stderr"?: string;
                    /** @description application/octet-stream answer: Length of stderr */
                    "WasmWiz-Stderr-Bytes"?: number;
                    /** @description application/octet-stream answer: true when stderr was cut at the output limit */
                    "WasmWiz-Stderr-Truncated"?: boolean;
                    /** @description application/octet-stream answer: sha256 of the module that ran */
                    "WasmWiz-Module-Sha256"?: string;
                    /** @description application/octet-stream answer: The timeout the run was held to */
                    "WasmWiz-Timeout-Ms"?: number;
                    /** @description application/octet-stream answer: The memory limit the run was held to */
                    "WasmWiz-Memory-Limit-Bytes"?: number;
                    /** @description application/octet-stream answer: The output limit (stdout and stderr together) */
                    "WasmWiz-Max-Output-Bytes"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionResponse"];
                    "application/octet-stream": Blob;
                };
            };
            /** @description With `wait: false`: the run is queued */
            202: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description The execution record to poll: /api/v1/executions/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedRunView"];
                    "application/octet-stream": components["schemas"]["QueuedRunView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_args` (Bad request): `args` is not a JSON array of strings, has too many items or holds a NUL
             *     - `invalid_callback_url` (Bad request): `callbackUrl` is not an https: URL (http: needs WEBHOOK_ALLOW_INSECURE) or points at a loopback, private, link-local or metadata address (`reason`)
             *     - `invalid_clock` (Bad request): `clock` is not `real` or `fixed`
             *     - `invalid_env` (Bad request): `env` is not a JSON object of strings, has too many variables or an invalid name
             *     - `invalid_filename` (Bad request): A file part's file name holds a NUL or an unpaired UTF-16 surrogate, or is longer than 255 bytes
             *     - `invalid_files` (Bad request): `files` is not path -> base64, or a path leaves the guest directory
             *     - `invalid_multipart` (Bad request): The body is not the multipart/form-data its Content-Type says: no usable boundary, or cut off (`field`)
             *     - `invalid_output_files` (Bad request): `outputFiles` is not an array of paths or glob patterns, has too many, or one leaves the guest directory
             *     - `invalid_random_seed` (Bad request): `randomSeed` is not an integer from -(2^53 - 1) to 2^53 - 1
             *     - `missing_field` (Bad request): A required multipart field is missing; `field` names it
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "conflicting_credentials" | "duplicate_field" | "invalid_args" | "invalid_callback_url" | "invalid_clock" | "invalid_env" | "invalid_filename" | "invalid_files" | "invalid_multipart" | "invalid_output_files" | "invalid_random_seed" | "missing_field" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /** @description - `not_acceptable` (Not acceptable): No answer in a media type the `Accept` header allows */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_acceptable";
                    };
                };
            };
            /**
             * @description - `input_too_large` (Input too large): stdin, files, args and env together are over the input limit (`limitBytes`): the tier's `maxInputBytes` (`limitSource` tier, `tier`) or the server's `MAX_INPUT_SIZE` (`limitSource` server, `setting`)
             *     - `module_too_large` (Module too large): The module is over the module limit (`limitBytes`): the tier's `maxModuleBytes` or the server's `MAX_WASM_SIZE` (`limitSource`, `tier` or `setting`)
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "input_too_large" | "module_too_large";
                    };
                };
            };
            /**
             * @description - `multipart_required` (Unsupported media type): The route takes multipart/form-data only
             *     - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "multipart_required" | "unsupported_content_encoding";
                    };
                };
            };
            /**
             * @description - `module_empty` (Invalid WebAssembly module): The module has 0 bytes
             *     - `module_import_not_allowed` (Invalid WebAssembly module): The module imports what the sandbox does not provide (`imports`)
             *     - `module_invalid` (Invalid WebAssembly module): The engine refused the module at compilation
             *     - `module_malformed` (Invalid WebAssembly module): The binary cannot be read as a WebAssembly module
             *     - `module_memory64` (Invalid WebAssembly module): The module uses 64-bit memory
             *     - `module_memory_too_large` (Module needs too much memory): The module's initial memory is over the tier's memory limit
             *     - `module_missing_start` (Invalid WebAssembly module): The module exports no `_start`: it is not a WASI command
             *     - `module_multiple_memories` (Invalid WebAssembly module): The module declares more than one linear memory
             *     - `module_not_wasm` (Invalid WebAssembly module): The upload does not start with the WebAssembly magic bytes
             *     - `module_structure_too_large` (Module structure over the tier limit): The module declares more of a structure (functions, locals, types...: `limit`) than the tier allows (`declared`, `allowed`)
             *     - `module_table_too_large` (Invalid WebAssembly module): The module declares a table larger than the sandbox allows
             *     - `module_too_complex` (Module too complex to check): Checking and rewriting the module needed more memory than the module checker has (`limitBytes`)
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "module_empty" | "module_import_not_allowed" | "module_invalid" | "module_malformed" | "module_memory64" | "module_memory_too_large" | "module_missing_start" | "module_multiple_memories" | "module_not_wasm" | "module_structure_too_large" | "module_table_too_large" | "module_too_complex";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /**
             * @description - `capacity_exhausted` (Service at capacity): Every sandbox worker is busy and the queue is full; see Retry-After
             *     - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After
             *     - `recording_unavailable` (Executions cannot be recorded): Execution records cannot be written to the database; see Retry-After
             */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "capacity_exhausted" | "database_unavailable" | "recording_unavailable";
                    };
                };
            };
        };
    };
    executeStoredModule: {
        parameters: {
            query?: {
                /** @description argv[1..] as a JSON array of strings. With an application/octet-stream body only (a JSON body carries it as a member). */
                args?: string;
                /** @description The environment as a JSON object of strings. With an application/octet-stream body only (a JSON body carries it as a member). */
                env?: string;
                /** @description A JSON array. Files to bring back: paths or glob patterns (`*`, `**`, `?`, `[...]`, `{a,b}`) relative to the guest root, e.g. `out.wav`, `dist/**\/*.js`; a leading `/` is the guest root too. The answer gives `files` (path -> base64) and `filesOmitted`. With an application/octet-stream body only (a JSON body carries it as a member). */
                outputFiles?: string;
                /** @description A timeout at most the tier's, in milliseconds. With an application/octet-stream body only (a JSON body carries it as a member). */
                timeoutMs?: string;
                /** @description base64 forces base64 for stdout and stderr of a JSON answer. With an application/octet-stream body only (a JSON body carries it as a member). */
                outputEncoding?: components["schemas"]["OutputEncoding"];
                /** @description Default `real`, the host's clocks; `fixed`: a clock of the run's own (realtime from 2024-01-01T00:00:00Z, the others from 0, 1 µs on per reading), for an exact replay. With an application/octet-stream body only (a JSON body carries it as a member). */
                clock?: components["schemas"]["ClockMode"];
                /** @description Seeds random_get (ChaCha20), for an exact replay; default: the host's random. With an application/octet-stream body only (a JSON body carries it as a member). */
                randomSeed?: string;
                /** @description `false`: answered at once with 202, `{id, status: "queued"}` and `Location: /api/v1/executions/{id}`, the run queued on the durable queue; poll that record for its status and output (or cancel it with DELETE). A queued run needs no concurrency slot at submit; it takes one of its account when it starts. Default `true`: answered when the run ends. With an application/octet-stream body only (a JSON body carries it as a member). */
                wait?: "true" | "false";
                /** @description Where the end of an async run (`wait: false`) is announced by a signed POST of its record; refused without `wait: false`. With an application/octet-stream body only (a JSON body carries it as a member). */
                callbackUrl?: string;
            };
            header?: never;
            path: {
                /** @description The module's id, its name (the latest version) or `name@version`. Names: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExecuteStoredModuleDto"];
                "application/octet-stream": Blob;
            };
        };
        responses: {
            /** @description The run ended: `status` says how. With `Accept: application/octet-stream`, the body is the raw stdout and the result is in the `WasmWiz-*` headers */
            200: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description application/octet-stream answer: The execution record: GET /api/v1/executions/{id} */
                    "WasmWiz-Execution-Id"?: string;
                    /** @description application/octet-stream answer: How the run ended (as `status` of the JSON answer) */
                    "WasmWiz-Status"?: string;
                    /** @description application/octet-stream answer: The guest's exit code; absent when it did not exit (trap, limits) */
                    "WasmWiz-Exit-Code"?: number;
                    /** @description application/octet-stream answer: Why the run failed (trap message, limit), percent-encoded UTF-8; absent when it did not */
                    "WasmWiz-Error"?: string;
                    /** @description application/octet-stream answer: Time the module ran, in ms */
                    "WasmWiz-Duration-Ms"?: number;
                    /** @description application/octet-stream answer: Time the run waited for a sandbox worker, in ms */
                    "WasmWiz-Queue-Ms"?: number;
                    /** @description application/octet-stream answer: Largest linear memory the guest had (for a run stopped at its time limit, what it had when it started) */
                    "WasmWiz-Memory-Peak-Bytes"?: number;
                    /** @description application/octet-stream answer: true when stdout was cut at the output limit */
                    "WasmWiz-Stdout-Truncated"?: boolean;
                    /** @description application/octet-stream answer: stderr as base64; absent when it is empty or over 4096 bytes (see WasmWiz-Stderr-Bytes; the JSON answer carries it whole) */
                    "WasmWiz-Stderr"?: string;
                    /** @description application/octet-stream answer: Length of stderr */
                    "WasmWiz-Stderr-Bytes"?: number;
                    /** @description application/octet-stream answer: true when stderr was cut at the output limit */
                    "WasmWiz-Stderr-Truncated"?: boolean;
                    /** @description application/octet-stream answer: sha256 of the module that ran */
                    "WasmWiz-Module-Sha256"?: string;
                    /** @description application/octet-stream answer: The timeout the run was held to */
                    "WasmWiz-Timeout-Ms"?: number;
                    /** @description application/octet-stream answer: The memory limit the run was held to */
                    "WasmWiz-Memory-Limit-Bytes"?: number;
                    /** @description application/octet-stream answer: The output limit (stdout and stderr together) */
                    "WasmWiz-Max-Output-Bytes"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionResponse"];
                    "application/octet-stream": Blob;
                };
            };
            /** @description With `wait: false`: the run is queued */
            202: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description The execution record to poll: /api/v1/executions/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedRunView"];
                    "application/octet-stream": components["schemas"]["QueuedRunView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_args` (Bad request): `args` is not a JSON array of strings, has too many items or holds a NUL
             *     - `invalid_callback_url` (Bad request): `callbackUrl` is not an https: URL (http: needs WEBHOOK_ALLOW_INSECURE) or points at a loopback, private, link-local or metadata address (`reason`)
             *     - `invalid_clock` (Bad request): `clock` is not `real` or `fixed`
             *     - `invalid_env` (Bad request): `env` is not a JSON object of strings, has too many variables or an invalid name
             *     - `invalid_files` (Bad request): `files` is not path -> base64, or a path leaves the guest directory
             *     - `invalid_output_files` (Bad request): `outputFiles` is not an array of paths or glob patterns, has too many, or one leaves the guest directory
             *     - `invalid_random_seed` (Bad request): `randomSeed` is not an integer from -(2^53 - 1) to 2^53 - 1
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "duplicate_field" | "invalid_args" | "invalid_callback_url" | "invalid_clock" | "invalid_env" | "invalid_files" | "invalid_output_files" | "invalid_random_seed" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller
             *     - `unknown_module_name` (Unknown module name): The account has no module of that `name`
             *     - `unknown_module_version` (Unknown module version): The module `name` exists but has no such `version` (`latestVersion` says which is newest)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found" | "unknown_module_name" | "unknown_module_version";
                    };
                };
            };
            /** @description - `not_acceptable` (Not acceptable): No answer in a media type the `Accept` header allows */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_acceptable";
                    };
                };
            };
            /**
             * @description - `input_too_large` (Input too large): stdin, files, args and env together are over the input limit (`limitBytes`): the tier's `maxInputBytes` (`limitSource` tier, `tier`) or the server's `MAX_INPUT_SIZE` (`limitSource` server, `setting`)
             *     - `module_too_large` (Module too large): The module is over the module limit (`limitBytes`): the tier's `maxModuleBytes` or the server's `MAX_WASM_SIZE` (`limitSource`, `tier` or `setting`)
             *     - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`)
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "input_too_large" | "module_too_large" | "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /**
             * @description - `module_empty` (Invalid WebAssembly module): The module has 0 bytes
             *     - `module_import_not_allowed` (Invalid WebAssembly module): The module imports what the sandbox does not provide (`imports`)
             *     - `module_invalid` (Invalid WebAssembly module): The engine refused the module at compilation
             *     - `module_malformed` (Invalid WebAssembly module): The binary cannot be read as a WebAssembly module
             *     - `module_memory64` (Invalid WebAssembly module): The module uses 64-bit memory
             *     - `module_memory_too_large` (Module needs too much memory): The module's initial memory is over the tier's memory limit
             *     - `module_missing_start` (Invalid WebAssembly module): The module exports no `_start`: it is not a WASI command
             *     - `module_multiple_memories` (Invalid WebAssembly module): The module declares more than one linear memory
             *     - `module_not_wasm` (Invalid WebAssembly module): The upload does not start with the WebAssembly magic bytes
             *     - `module_structure_too_large` (Module structure over the tier limit): The module declares more of a structure (functions, locals, types...: `limit`) than the tier allows (`declared`, `allowed`)
             *     - `module_table_too_large` (Invalid WebAssembly module): The module declares a table larger than the sandbox allows
             *     - `module_too_complex` (Module too complex to check): Checking and rewriting the module needed more memory than the module checker has (`limitBytes`)
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "module_empty" | "module_import_not_allowed" | "module_invalid" | "module_malformed" | "module_memory64" | "module_memory_too_large" | "module_missing_start" | "module_multiple_memories" | "module_not_wasm" | "module_structure_too_large" | "module_table_too_large" | "module_too_complex";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /**
             * @description - `capacity_exhausted` (Service at capacity): Every sandbox worker is busy and the queue is full; see Retry-After
             *     - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After
             *     - `recording_unavailable` (Executions cannot be recorded): Execution records cannot be written to the database; see Retry-After
             */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "capacity_exhausted" | "database_unavailable" | "recording_unavailable";
                    };
                };
            };
        };
    };
    getWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretView"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateWebhookSecretDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /** @description - `key_retired` (Key retired): The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "key_retired";
                    };
                };
            };
            /** @description - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The module's id, its name (the latest version) or `name@version`. Names: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBatchDto"];
            };
        };
        responses: {
            /** @description Every run ended: `results` in the order of `runs`. With WASMWIZ_ROLE=api, a batch its executor could not finish (the account suspended, the module deleted meanwhile) is answered `failed` with its `error` */
            200: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchAnswer"];
                };
            };
            /** @description `wait: false`: queued; poll the Location, GET /api/v1/batches/{id} */
            202: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedBatch"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `batch_empty` (Bad request): A batch has no `runs`
             *     - `body_too_deep` (Bad request): The body nests deeper than `maxDepth` levels; `field` names where
             *     - `body_too_wide` (Bad request): An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `invalid_args` (Bad request): `args` is not a JSON array of strings, has too many items or holds a NUL
             *     - `invalid_callback_url` (Bad request): `callbackUrl` is not an https: URL (http: needs WEBHOOK_ALLOW_INSECURE) or points at a loopback, private, link-local or metadata address (`reason`)
             *     - `invalid_clock` (Bad request): `clock` is not `real` or `fixed`
             *     - `invalid_env` (Bad request): `env` is not a JSON object of strings, has too many variables or an invalid name
             *     - `invalid_files` (Bad request): `files` is not path -> base64, or a path leaves the guest directory
             *     - `invalid_output_files` (Bad request): `outputFiles` is not an array of paths or glob patterns, has too many, or one leaves the guest directory
             *     - `invalid_random_seed` (Bad request): `randomSeed` is not an integer from -(2^53 - 1) to 2^53 - 1
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "batch_empty" | "body_too_deep" | "body_too_wide" | "conflicting_credentials" | "invalid_args" | "invalid_callback_url" | "invalid_clock" | "invalid_env" | "invalid_files" | "invalid_output_files" | "invalid_random_seed" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller
             *     - `unknown_module_name` (Unknown module name): The account has no module of that `name`
             *     - `unknown_module_version` (Unknown module version): The module `name` exists but has no such `version` (`latestVersion` says which is newest)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found" | "unknown_module_name" | "unknown_module_version";
                    };
                };
            };
            /**
             * @description - `batch_too_large` (Batch too large): A batch carries more `runs` than the tier's `maxBatchRuns` (`limit`, `runs`); nothing was charged
             *     - `input_too_large` (Input too large): stdin, files, args and env together are over the input limit (`limitBytes`): the tier's `maxInputBytes` (`limitSource` tier, `tier`) or the server's `MAX_INPUT_SIZE` (`limitSource` server, `setting`)
             *     - `module_too_large` (Module too large): The module is over the module limit (`limitBytes`): the tier's `maxModuleBytes` or the server's `MAX_WASM_SIZE` (`limitSource`, `tier` or `setting`)
             *     - `payload_too_large` (Request body too large): The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`)
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "batch_too_large" | "input_too_large" | "module_too_large" | "payload_too_large";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /**
             * @description - `module_empty` (Invalid WebAssembly module): The module has 0 bytes
             *     - `module_import_not_allowed` (Invalid WebAssembly module): The module imports what the sandbox does not provide (`imports`)
             *     - `module_invalid` (Invalid WebAssembly module): The engine refused the module at compilation
             *     - `module_malformed` (Invalid WebAssembly module): The binary cannot be read as a WebAssembly module
             *     - `module_memory64` (Invalid WebAssembly module): The module uses 64-bit memory
             *     - `module_memory_too_large` (Module needs too much memory): The module's initial memory is over the tier's memory limit
             *     - `module_missing_start` (Invalid WebAssembly module): The module exports no `_start`: it is not a WASI command
             *     - `module_multiple_memories` (Invalid WebAssembly module): The module declares more than one linear memory
             *     - `module_not_wasm` (Invalid WebAssembly module): The upload does not start with the WebAssembly magic bytes
             *     - `module_structure_too_large` (Module structure over the tier limit): The module declares more of a structure (functions, locals, types...: `limit`) than the tier allows (`declared`, `allowed`)
             *     - `module_table_too_large` (Invalid WebAssembly module): The module declares a table larger than the sandbox allows
             *     - `module_too_complex` (Module too complex to check): Checking and rewriting the module needed more memory than the module checker has (`limitBytes`)
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "module_empty" | "module_import_not_allowed" | "module_invalid" | "module_malformed" | "module_memory64" | "module_memory_too_large" | "module_missing_start" | "module_multiple_memories" | "module_not_wasm" | "module_structure_too_large" | "module_table_too_large" | "module_too_complex";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400` */
                    "RateLimit-Policy"?: string;
                    /** @description What is left of each window and when it is whole again */
                    RateLimit?: string;
                    /** @description The limit of the tightest window */
                    "X-RateLimit-Limit"?: number;
                    /** @description What is left of the tightest window */
                    "X-RateLimit-Remaining"?: number;
                    /** @description When the tightest window is whole again (Unix seconds) */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /**
             * @description - `capacity_exhausted` (Service at capacity): Every sandbox worker is busy and the queue is full; see Retry-After
             *     - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After
             *     - `recording_unavailable` (Executions cannot be recorded): Execution records cannot be written to the database; see Retry-After
             */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "capacity_exhausted" | "database_unavailable" | "recording_unavailable";
                    };
                };
            };
        };
    };
    listBatches: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchPage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The batch's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchView"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /** @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    listModules: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModulePage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    uploadModule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ModuleUploadForm"];
            };
        };
        responses: {
            /** @description The account already had these bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModuleView"];
                };
            };
            /** @description Stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModuleView"];
                };
            };
            /**
             * @description - `bad_request` (Bad request): The request could not be read: malformed JSON or a malformed header
             *     - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_description` (Bad request): The module `description` is too long, or holds a NUL or an unpaired UTF-16 surrogate
             *     - `invalid_filename` (Bad request): A file part's file name holds a NUL or an unpaired UTF-16 surrogate, or is longer than 255 bytes
             *     - `invalid_multipart` (Bad request): The body is not the multipart/form-data its Content-Type says: no usable boundary, or cut off (`field`)
             *     - `invalid_name` (Bad request): The module `name` breaks the name rules: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, and not shaped like a UUID
             *     - `missing_field` (Bad request): A required multipart field is missing; `field` names it
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "bad_request" | "conflicting_credentials" | "duplicate_field" | "invalid_description" | "invalid_filename" | "invalid_multipart" | "invalid_name" | "missing_field" | "unknown_field";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /** @description - `stored_modules_full` (Module storage full): The account's stored modules (`usedBytes`) and this one (`moduleBytes`) would pass the tier's `maxStoredModuleBytes` (`limitBytes`); delete modules or versions first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "stored_modules_full";
                    };
                };
            };
            /** @description - `module_too_large` (Module too large): The module is over the module limit (`limitBytes`): the tier's `maxModuleBytes` or the server's `MAX_WASM_SIZE` (`limitSource`, `tier` or `setting`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "module_too_large";
                    };
                };
            };
            /**
             * @description - `multipart_required` (Unsupported media type): The route takes multipart/form-data only
             *     - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "multipart_required" | "unsupported_content_encoding";
                    };
                };
            };
            /**
             * @description - `module_empty` (Invalid WebAssembly module): The module has 0 bytes
             *     - `module_import_not_allowed` (Invalid WebAssembly module): The module imports what the sandbox does not provide (`imports`)
             *     - `module_invalid` (Invalid WebAssembly module): The engine refused the module at compilation
             *     - `module_malformed` (Invalid WebAssembly module): The binary cannot be read as a WebAssembly module
             *     - `module_memory64` (Invalid WebAssembly module): The module uses 64-bit memory
             *     - `module_memory_too_large` (Module needs too much memory): The module's initial memory is over the tier's memory limit
             *     - `module_missing_start` (Invalid WebAssembly module): The module exports no `_start`: it is not a WASI command
             *     - `module_multiple_memories` (Invalid WebAssembly module): The module declares more than one linear memory
             *     - `module_not_wasm` (Invalid WebAssembly module): The upload does not start with the WebAssembly magic bytes
             *     - `module_structure_too_large` (Module structure over the tier limit): The module declares more of a structure (functions, locals, types...: `limit`) than the tier allows (`declared`, `allowed`)
             *     - `module_table_too_large` (Invalid WebAssembly module): The module declares a table larger than the sandbox allows
             *     - `module_too_complex` (Module too complex to check): Checking and rewriting the module needed more memory than the module checker has (`limitBytes`)
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "module_empty" | "module_import_not_allowed" | "module_invalid" | "module_malformed" | "module_memory64" | "module_memory_too_large" | "module_missing_start" | "module_multiple_memories" | "module_not_wasm" | "module_structure_too_large" | "module_table_too_large" | "module_too_complex";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    getModule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The module's id, its name (the latest version) or `name@version`. Names: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModuleView"];
                };
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller
             *     - `unknown_module_name` (Unknown module name): The account has no module of that `name`
             *     - `unknown_module_version` (Unknown module version): The module `name` exists but has no such `version` (`latestVersion` says which is newest)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found" | "unknown_module_name" | "unknown_module_version";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    deleteModule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The module's id, its name (the latest version) or `name@version`. Names: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller
             *     - `unknown_module_name` (Unknown module name): The account has no module of that `name`
             *     - `unknown_module_version` (Unknown module version): The module `name` exists but has no such `version` (`latestVersion` says which is newest)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found" | "unknown_module_name" | "unknown_module_version";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
    listModuleVersions: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The module's id, its name (the latest version) or `name@version`. Names: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModulePage"];
                };
            };
            /**
             * @description - `conflicting_credentials` (Bad request): `Authorization` and `X-API-Key` both came, naming different credentials: send one
             *     - `duplicate_field` (Bad request): A multipart field or a query parameter was sent twice
             *     - `invalid_cursor` (Bad request): `cursor` is not a `nextCursor` this API gave out
             *     - `unknown_field` (Bad request): A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)
             *     - `validation_failed` (Bad request): A field of the body or query breaks a rule; `errors` lists each field and why
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "conflicting_credentials" | "duplicate_field" | "invalid_cursor" | "unknown_field" | "validation_failed";
                    };
                };
            };
            /** @description - `unauthorized` (Unauthorized): No credential, or a key that is malformed, unknown, revoked or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unauthorized";
                    };
                };
            };
            /**
             * @description - `account_suspended` (Account suspended): The key's account is suspended
             *     - `forbidden` (Forbidden): The key lacks the scope the route needs (`requiredScope`)
             *     - `key_required` (API key required): The route acts on the calling key and its account: the admin token cannot call it
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "account_suspended" | "forbidden" | "key_required";
                    };
                };
            };
            /**
             * @description - `not_found` (Not found): Nothing of that id (or name) exists for the caller
             *     - `unknown_module_name` (Unknown module name): The account has no module of that `name`
             *     - `unknown_module_version` (Unknown module version): The module `name` exists but has no such `version` (`latestVersion` says which is newest)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "not_found" | "unknown_module_name" | "unknown_module_version";
                    };
                };
            };
            /**
             * @description - `unsupported_content_encoding` (Unsupported media type): The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded
             *     - `unsupported_media_type` (Unsupported media type): The body is in a media type the route does not take
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "unsupported_content_encoding" | "unsupported_media_type";
                    };
                };
            };
            /** @description - `rate_limited` (Too many requests): A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "rate_limited";
                    };
                };
            };
            /** @description - `internal_error` (Internal server error): The service failed; nothing the client did */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "internal_error";
                    };
                };
            };
            /** @description - `database_unavailable` (Database unavailable): The database cannot be reached at the moment; see Retry-After */
            503: {
                headers: {
                    /** @description Seconds until trying again can succeed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "database_unavailable";
                    };
                };
            };
        };
    };
}
