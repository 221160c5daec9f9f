package com.switchboard.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.ParticipantInfo;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * List participants ({@code ${listParticipants}}): everyone in the call now. {@code participants} is a JSON array of
 * raw ids, the same form ParticipantsUpdated writes.
 */
@Component("listParticipants")
class ListParticipantsAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("listParticipants", "List participants")
            .inputs(CALL_CONNECTION_ID)
            .outputs("participants", "participantCount");

    private final CallAutomationGateway acs;
    private final ObjectMapper mapper;

    ListParticipantsAction(CallAutomationGateway acs, ObjectMapper mapper) {
        super(SPEC);
        this.acs = acs;
        this.mapper = mapper;
    }

    @Override
    protected void perform(ActionContext action) {
        List<ParticipantInfo> participants = acs.listParticipants(action.get(CALL_CONNECTION_ID));
        ArrayNode rawIds = mapper.createArrayNode();
        participants.forEach(p -> rawIds.add(p.rawId()));
        action.output("participants", rawIds.toString());
        action.output("participantCount", participants.size());
    }
}
