package com.switchboard.engine;

import java.util.Optional;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * The engine's job executor, held back until Switchboard has caught up after a start. The inbox may hold events that
 * came before a crash, and ACS may know of answers no callback told; a timer that fell due while the node was down
 * must not fire before those are delivered, or a call the callee answered in time goes down the "no answer" branch
 * and is hung up on. Camunda's starter starts its executor as soon as the application is up, so Switchboard gives it
 * this one instead, configured from the same {@code camunda.bpm.job-execution} settings: the starter's start is only
 * a request, and the executor runs once the correlation package calls {@link JobStart#release}.
 * {@code camunda.bpm.job-execution.enabled=false} still means a node without jobs.
 */
@Configuration(proxyBeanMethods = false)
public class JobExecutorConfiguration {

    /** The job executor the starter would make, but one that starts only when both asked and released. */
    @Bean
    @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true", matchIfMissing = true)
    HeldBackJobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor taskExecutor, CamundaBpmProperties camunda) {
        HeldBackJobExecutor executor = new HeldBackJobExecutor();
        executor.setTaskExecutor(taskExecutor);
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty settings = camunda.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        return executor;
    }

    static final class HeldBackJobExecutor extends SpringJobExecutor implements JobStart {

        private static final Logger log = LoggerFactory.getLogger(JobExecutorConfiguration.class);
        private boolean requested;
        private boolean released;

        @Override
        public synchronized void start() {
            requested = true;
            if (released) {
                super.start();
            } else {
                log.info("The job executor starts once the node has caught up on its calls");
            }
        }

        @Override
        public synchronized void release(String why) {
            if (!released) {
                released = true;
                if (requested && !isActive()) {
                    log.info("Starting the job executor: {}", why);
                    super.start();
                }
            }
        }

        @Override
        public synchronized void shutdown() {
            released = true; // a late release after the shutdown must not start it again
            requested = false;
            super.shutdown();
        }
    }
}
