// Package worker is dedupe's queue side, on asynq (Redis): the task type and
// payload of a booking or sale, the client the API enqueues with, and the
// handler that hands each task to the store in one transaction.
//
// It owns retries and archiving: a task that can never succeed (a payload
// that does not decode, a tenant that does not exist) is recorded as failed
// and archived with asynq.SkipRetry; anything else, a database outage above
// all, is retried with a bounded exponential backoff.
package worker
