/** The descriptions of the two fields of an async run, the same on both run routes. */
export const ASYNC_WAIT =
  '`false`: answered at once with 202, `{id, status: "queued"}` and `Location: /api/v1/executions/{id}`, the run queued on the durable queue; poll that record for its status and output (or cancel it with DELETE). A queued run needs no concurrency slot at submit; it takes one of its account when it starts. Default `true`: answered when the run ends.';
export const CALLBACK_URL = 'Where the end of an async run (`wait: false`) is announced by a signed POST of its record; refused without `wait: false`.';
