package com.switchboard.engine;

import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The job the job executor is running on this thread: its id and when it was created, both kept by the engine across
 * the job's retries.
 */
public record CurrentJob(String id, Instant createdAt) {

    /** Empty outside a job (a synchronous step, a test calling a delegate) or for a job without a creation time. */
    public static Optional<CurrentJob> get() {
        JobExecutorContext jobContext = Context.getJobExecutorContext();
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        if (job == null || job.getCreateTime() == null) {
            return Optional.empty();
        }
        return Optional.of(new CurrentJob(job.getId(), job.getCreateTime().toInstant()));
    }
}
