package com.switchboard.incoming;

/** A delivery to the incoming-call webhook that Switchboard cannot read; nothing of it is acted on. */
class InvalidIncomingCallException extends RuntimeException {

    InvalidIncomingCallException(String message) {
        super(message);
    }
}
