package com.switchboard.correlation;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The name an analyst most likely meant: the nearest by edit distance, ignoring case, when it is near enough. */
final class ClosestName {

    /** At most this many letters typed wrong, left out or added; more, and the guess is no help. */
    static final int MAX_DISTANCE = 3;

    private ClosestName() {
    }

    /** The candidate nearest to the name (the first of those equally near), if at most {@value #MAX_DISTANCE} edits away. */
    static Optional<String> among(Collection<String> candidates, String name) {
        String typed = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= MAX_DISTANCE ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
