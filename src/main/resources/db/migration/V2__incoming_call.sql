-- Every IncomingCall event that started a flow: the unique event id makes a redelivery by Event Grid
-- start nothing a second time.
create table incoming_call (
    event_id            varchar(128) not null primary key,
    server_call_id      varchar(512),
    caller              varchar(256),
    callee              varchar(256),
    flow_key            varchar(255) not null,
    process_instance_id varchar(64)  not null,
    received_at         timestamp    not null
);
