package com.switchboard.emulator.model;

import java.util.regex.Pattern;

/**
 * A raw id or a glob over raw ids where {@code *} matches any characters. Phone numbers also match by their bare
 * E.164 form, so {@code +1555*} covers {@code 4:+1555...}.
 */
public final class IdentityGlob {

    private final String glob;
    private final Pattern pattern;

    public IdentityGlob(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("An identity pattern must not be blank");
        }
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    public boolean matches(Identifier identifier) {
        return pattern.matcher(identifier.rawId()).matches()
            || identifier.isPhoneNumber() && pattern.matcher(identifier.phoneNumber()).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
