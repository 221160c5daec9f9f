-- Keys Switchboard makes itself, shared by every node of a cluster. 'callback-url' signs the flow id in each
-- flow's callback URL (callbacks/CallbackUrls): a callback token for one flow's calls cannot steer another's.
create table switchboard_key (
    name        varchar(64)  not null primary key,
    key_value   varchar(128) not null,
    created_at  timestamp    not null
);

-- The flow whose signed callback URL a stored event came to; checked against the call's owner when it is known.
alter table callback_inbox add column claimed_flow varchar(64);
