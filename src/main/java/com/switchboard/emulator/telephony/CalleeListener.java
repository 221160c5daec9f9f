package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.ResultInfo;

/** What a dialled callee does, reported on the phone network's scheduler threads. */
interface CalleeListener {

    void answered();

    void failed(ResultInfo result);

    void hungUp();
}
