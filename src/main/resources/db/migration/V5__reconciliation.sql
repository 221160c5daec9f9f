-- What Switchboard asked ACS to do on a call and has not yet heard the outcome of: what a reconciliation can prove
-- from the call's state (the invited participant is in the call: the add succeeded). Written by the action in its
-- own transaction, removed when the flow that sent it ends.
create table pending_operation (
    operation_context   varchar(512) not null primary key,
    call_connection_id  varchar(128) not null,
    operation           varchar(32)  not null,
    participant         varchar(256),
    process_instance_id varchar(64)  not null,
    created_at          timestamp    not null
);
create index pending_operation_call on pending_operation (call_connection_id);

-- When the call's state was last asked of ACS (correlation/CallReconciler).
alter table call_owner add column reconciled_at timestamp;

-- RECEIVED: posted by ACS; RECONCILED: what the call's state, asked of ACS, proves (after downtime, or a silence).
alter table callback_inbox add column origin varchar(16) default 'RECEIVED' not null;

-- Every call an action made, answered or connected, written in a transaction of its own as soon as ACS answered, so
-- that it is known even when the step that made it fails afterwards (call_owner, which correlation reads, commits
-- with the step: a flow's events are taken once its step has committed). released_at: the flow had ended and the
-- call was hung up or found ended (correlation/CallJanitor).
create table made_call (
    call_connection_id  varchar(128) not null primary key,
    process_instance_id varchar(64)  not null,
    created_at          timestamp    not null,
    released_at         timestamp
);
create index made_call_flow on made_call (process_instance_id);

-- A call's events by time: whether a call has been quiet (reconciliation), whether ACS said it ended (CallJanitor).
create index callback_inbox_call on callback_inbox (call_connection_id, received_at);
