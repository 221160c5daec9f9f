package com.switchboard.actions;

import com.switchboard.acs.Party;
import com.switchboard.acs.RequestKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The one way every call action reads its inputs and writes its outputs.
 *
 * <p>Inputs are the task's {@code camunda:inputParameter}s (the element template's fields), or process
 * variables of the same name. A missing or wrong input fails with an {@link ActionInputException} that
 * names the task and the field. Outputs are process variables.
 */
public final class ActionContext {

    /** The local variable of a flow branch with the operation contexts its actions sent, space-separated. */
    public static final String OPERATION_CONTEXTS = "operationContexts";
    static final int KEPT_OPERATION_CONTEXTS = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DelegateExecution execution;
    private String operationContext;

    ActionContext(DelegateExecution execution) {
        this.execution = execution;
    }

    public String processInstanceId() {
        return execution.getProcessInstanceId();
    }

    /** A required text input. */
    public String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw invalid(name, "it is empty, but it is required");
        }
        return value;
    }

    public String optionalText(String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value.toString().trim();
    }

    /** A required party: a phone number like +14255550123 or a user id like 8:acs:... */
    public Party party(String name) {
        return parse(name, text(name));
    }

    /** One or more parties, separated by commas or semicolons (or a list variable). */
    public List<Party> parties(String name) {
        Object value = execution.getVariable(name);
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            items.addAll(List.of(value.toString().split("[,;]")));
        }
        List<Party> parties = items.stream().filter(item -> !item.isBlank()).map(item -> parse(name, item)).toList();
        if (parties.isEmpty()) {
            throw invalid(name, "it is empty, but it needs at least one phone number or user id");
        }
        return parties;
    }

    /**
     * The caller ID (a phone number the ACS resource owns) shown to phone numbers being called: required
     * when any of them is a phone number, otherwise optional.
     */
    public Party callerIdFor(Collection<Party> called, String name) {
        String value = optionalText(name);
        if (value == null) {
            if (called.stream().anyMatch(Party::isPhoneNumber)) {
                throw invalid(name, "it is empty, but calling a phone number needs a caller ID (a phone number "
                        + "of your ACS resource, like +14255550100)");
            }
            return null;
        }
        try {
            return Party.parsePhoneNumber(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    public boolean flag(String name, boolean defaultValue) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase()) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw invalid(name, "'" + value + "' is neither true nor false");
        };
    }

    /** An optional whole number of seconds within [min, max]. */
    public Duration optionalSeconds(String name, int min, int max) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < min || seconds > max) {
                throw invalid(name, seconds + " is out of range: it must be between " + min + " and " + max + " seconds");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + value + "' is not a whole number of seconds");
        }
    }

    /**
     * Optional name/value pairs: a map variable, a JSON object, or text with one {@code Name: value} (or
     * {@code Name=value}) per line.
     */
    public Map<String, String> optionalHeaders(String name) {
        Object value = execution.getVariable(name);
        Map<String, String> headers = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        } else if (value != null && value.toString().trim().startsWith("{")) {
            try {
                JSON.readTree(value.toString()).fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            } catch (JsonProcessingException e) {
                throw invalid(name, "is not a valid JSON object: " + e.getOriginalMessage());
            }
        } else if (value != null) {
            for (String line : value.toString().split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int separator = line.indexOf(':') > 0 ? line.indexOf(':') : line.indexOf('=');
                if (separator <= 0) {
                    throw invalid(name, "has the line '" + line.trim() + "'; write one header per line as Name: value");
                }
                headers.put(line.substring(0, separator).trim(), line.substring(separator + 1).trim());
            }
        }
        return headers;
    }

    /** An optional absolute http(s) URL. */
    public String optionalUrl(String name) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw invalid(name, "'" + value + "' is not an http(s) URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw invalid(name, "'" + value + "' is not a URL");
        }
    }

    public void output(String name, Object value) {
        execution.setVariable(name, value);
    }

    /**
     * The operation context sent with this action, so that its result event resumes a wait on this flow's
     * branch and no other. The branch (the execution that goes on to wait) keeps the contexts it issued,
     * the latest {@value #KEPT_OPERATION_CONTEXTS}, in the local variable {@value #OPERATION_CONTEXTS}, where
     * correlation looks for them.
     */
    public String operationContext() {
        if (operationContext == null) {
            // The same on every retry of the step, like the request key: ACS answers a retried request as the first
            // one, and its result event carries the first one's operation context.
            operationContext = execution.getCurrentActivityId() + "/" + requestKey().id();
            ExecutionEntity branch = branch();
            Object issued = branch.getVariableLocal(OPERATION_CONTEXTS);
            List<String> contexts = new ArrayList<>();
            if (issued != null) {
                contexts.addAll(List.of(issued.toString().split(" ")));
            }
            contexts.add(operationContext);
            while (contexts.size() > KEPT_OPERATION_CONTEXTS) {
                contexts.remove(0);
            }
            branch.setVariableLocal(OPERATION_CONTEXTS, String.join(" ", contexts));
        }
        return operationContext;
    }

    /**
     * The key that makes ACS carry the request out once, however often this task's job is retried: derived
     * from the job, which keeps its id and creation time across retries.
     */
    public RequestKey requestKey() {
        JobExecutorContext jobContext = Context.getJobExecutorContext();
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        if (job == null || job.getCreateTime() == null) {
            return RequestKey.random();
        }
        return RequestKey.derivedFrom("job:" + job.getId(), job.getCreateTime().toInstant());
    }

    public ActionInputException invalid(String field, String problem) {
        String task = execution.getCurrentActivityName() != null ? execution.getCurrentActivityName()
                : execution.getCurrentActivityId();
        return new ActionInputException("Task \"" + task + "\", input \"" + field + "\": " + problem);
    }

    private Party parse(String name, String text) {
        try {
            return Party.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    private ExecutionEntity branch() {
        ExecutionEntity current = (ExecutionEntity) execution;
        boolean ownScope = current.getActivity() != null && current.getActivity().isScope()
                && current.getParent() != null;
        return ownScope ? current.getParent() : current;
    }
}
