-- Keys Switchboard makes itself, shared by every node of a cluster. 'callback-url' signs the flow id in each
-- flow's callback URL (callbacks/CallbackUrls): a callback token for one flow's calls cannot steer another's.
create table switchboard_key (
    name        varchar(64)  not null primary key,
    key_value   varchar(128) not null,
    created_at  timestamp    not null
);

-- Each call's callback URL carries the flow and a key of its own, signed (callbacks/CallbackUrls); the owner
-- row keeps the call's key, an event keeps what its URL claimed, and the two must agree.
alter table call_owner add column callback_key varchar(64);
alter table callback_inbox add column claimed_flow varchar(64);
alter table callback_inbox add column claimed_call_key varchar(64);
