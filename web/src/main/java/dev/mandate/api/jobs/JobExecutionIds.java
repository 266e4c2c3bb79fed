package dev.mandate.api.jobs;

import dev.mandate.platform.error.InvalidRequestException;

/** A job execution id from the path: the job repository's positive 64-bit number, nothing else. */
final class JobExecutionIds {

    static final String RULE = "must be a whole number from 1 to " + Long.MAX_VALUE;

    private JobExecutionIds() {}

    static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException("id", RULE);
        }
        try {
            long parsed = Long.parseLong(id);
            if (parsed < 1) {
                throw new InvalidRequestException("id", RULE);
            }
            return parsed;
        } catch (NumberFormatException beyond64Bits) {
            throw new InvalidRequestException("id", RULE);
        }
    }
}
