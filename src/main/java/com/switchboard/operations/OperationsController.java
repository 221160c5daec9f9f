package com.switchboard.operations;

import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON the Cockpit plugin reads, for signed-in Cockpit users only (security/HttpSecurityConfiguration: their
 * Cockpit session, GET only):
 *
 * <ul>
 *   <li>{@code GET /api/operations/calls/{processInstanceId}?limit=100}: the flow's call and its newest events;
 *       404 when there is no such flow or the user may not read it (the engine's authorizations decide)</li>
 *   <li>{@code GET /api/operations/unmatched-events?limit=50&before=<id>}: events that reached no flow, newest
 *       first, a page at a time (operators and administrators)</li>
 * </ul>
 * A malformed id or an out-of-range number is a 400 problem naming it.
 */
@RestController
@RequestMapping("/api/operations")
class OperationsController {

    /** Engine ids: UUIDs here, numbers with the engine's default generator; never longer than the id columns. */
    private static final Pattern PROCESS_INSTANCE_ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
    static final int MOST_EVENTS = 500;
    static final int MOST_UNMATCHED = 200;

    private final CallViews views;

    OperationsController(CallViews views) {
        this.views = views;
    }

    @GetMapping("/calls/{processInstanceId}")
    ResponseEntity<CallView> call(@AuthenticationPrincipal CockpitUser user, @PathVariable String processInstanceId,
                                  @RequestParam(defaultValue = "100") String limit) {
        if (!PROCESS_INSTANCE_ID.matcher(processInstanceId).matches()) {
            throw new BadRequest("processInstanceId", "is not a process instance id (letters, digits, - and _, "
                    + "at most 64)");
        }
        int events = number("limit", limit, 1, MOST_EVENTS);
        return views.call(user, processInstanceId, events)
                .map(view -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view))
                .orElseThrow(() -> new NotFound(processInstanceId));
    }

    @GetMapping("/unmatched-events")
    ResponseEntity<UnmatchedEvents> unmatched(@RequestParam(defaultValue = "50") String limit,
                                              @RequestParam(required = false) String before) {
        int size = number("limit", limit, 1, MOST_UNMATCHED);
        Long older = before == null ? null : (long) number("before", before, 1, Integer.MAX_VALUE);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(views.unmatched(older, size));
    }

    private static int number(String name, String value, int least, int most) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "is not a whole number");
        }
        if (number < least || number > most) {
            throw new BadRequest(name, "is out of range (" + least + ".." + most + ")");
        }
        return number;
    }

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such call flow");
        return problem;
    }

    /** The value is echoed nowhere: a parameter may hold anything, control characters included. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String parameter, String problem) {
            super("Parameter \"" + parameter + "\" " + problem);
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String processInstanceId) {
            super("There is no call flow " + processInstanceId + " that you may see");
        }
    }
}
