package com.switchboard.callbacks;

/** A callback delivery that is not a CloudEvents batch Switchboard can read; nothing of it is stored. */
class InvalidCallbackException extends RuntimeException {

    InvalidCallbackException(String message) {
        super(message);
    }
}
