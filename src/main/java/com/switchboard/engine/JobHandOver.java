package com.switchboard.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A step's job made outside the job executor (a callback's correlation on a lane, a flow's start) goes to the job
 * executor's threads as soon as the transaction that made it commits, instead of waiting for the next acquisition.
 * The engine's acquisition is a query, an update that locks what it found and a commit of its own; on a database that
 * writes every commit through, that commit queues behind all others, and it lay between every callback and the ACS
 * request the flow's next step sends. Here the job is locked for this node in the transaction that inserts it (no
 * statement more), exactly as the engine locks a follow-on job inside a job it runs, and the lock keeps the
 * acquisition (of this node and of others) away from it and from the flow's other exclusive jobs, as for a job the
 * acquisition took. A node that dies before running it leaves it to another once the lock expires
 * ({@code camunda.bpm.job-execution.lock-time-in-millis}), as it would a job it had acquired.
 *
 * <p>Taken only where the acquisition would run the job now and here: the executor running, a message job (an async
 * continuation) that is due, active, in the executor's priority range; not inside a job (the engine runs a flow's
 * follow-on jobs on that thread already), not with a deployment-aware executor nor one that is not Spring's. When the executor's threads and queue
 * are full, the job is offered again a moment later (the lock would otherwise hold it a whole lock time).
 * {@code switchboard.jobs.hand-over=false} leaves every job to the acquisition.
 */
@Component
class JobHandOver extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobHandOver.class);
    private static final long RETRY_MILLIS = 20;

    private final boolean enabled;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-hand-over");
        thread.setDaemon(true);
        return thread;
    });

    private final Counter handedOver;

    JobHandOver(@Value("${switchboard.jobs.hand-over:true}") boolean enabled, MeterRegistry meters) {
        this.enabled = enabled;
        this.handedOver = Counter.builder("switchboard.jobs.handed-over")
                .description("Flow steps' jobs given to the job executor when the transaction that made them committed")
                .register(meters);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!enabled || configuration.isJobExecutorDeploymentAware()
                || !(configuration.getJobExecutor() instanceof SpringJobExecutor)) {
            return;
        }
        configuration.getSessionFactories().put(JobManager.class, new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return JobManager.class;
            }

            @Override
            public Session openSession() {
                return new HandingOverJobManager();
            }
        });
    }

    /** Gives the job to the executor's threads; offered again shortly while they are all busy and their queue full. */
    private void start(String jobId, SpringJobExecutor executor, ProcessEngineImpl engine) {
        if (!executor.isActive()) {
            return; // stopping: the lock expires and the job is acquired after the restart, or by another node
        }
        try {
            executor.getTaskExecutor().execute(executor.getExecuteJobsRunnable(List.of(jobId), engine));
            handedOver.increment();
        } catch (RejectedExecutionException full) {
            try {
                retries.schedule(() -> start(jobId, executor, engine), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                log.debug("Job {} is left to the acquisition once its lock expires: the node is stopping", jobId);
            }
        }
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }

    /** The engine's job manager, but handing a new job over after the commit rather than hinting the acquisition. */
    private final class HandingOverJobManager extends JobManager {

        @Override
        protected void hintJobExecutor(JobEntity job) {
            ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
            SpringJobExecutor executor = (SpringJobExecutor) configuration.getJobExecutor(); // checked in postInit
            if (!executor.isActive() || Context.getJobExecutorContext() != null || !(job instanceof MessageEntity)
                    || job.isSuspended() || !isJobDue(job) || !isJobPriorityInJobExecutorPriorityRange(job.getPriority())) {
                super.hintJobExecutor(job);
                return;
            }
            job.setLockOwner(executor.getLockOwner());
            job.setLockExpirationTime(new Date(ClockUtil.getCurrentTime().getTime() + executor.getLockTimeInMillis()));
            String jobId = job.getId();
            ProcessEngineImpl engine = configuration.getProcessEngine();
            AfterCommit.run(() -> start(jobId, executor, engine));
        }
    }
}
