#!/bin/sh
# Runs a Switchboard node, or the standalone ACS emulator when SWITCHBOARD_ROLE=emulator.
set -e
if [ "${SWITCHBOARD_ROLE:-node}" = "emulator" ]; then
  exec java ${JAVA_OPTS:-} -cp /app/switchboard.jar \
    -Dloader.main=com.switchboard.emulator.AcsEmulatorMain \
    org.springframework.boot.loader.launch.PropertiesLauncher
fi
exec java ${JAVA_OPTS:-} -jar /app/switchboard.jar
