package dev.mandate.audit.verify;

import java.util.List;

/**
 * The result of verifying one tenant's audit: valid or not, how much was checked, the first bad record
 * (of the lowest-numbered broken chain) and the first bad record of every broken chain.
 */
public record Verification(
        boolean valid,
        long recordsChecked,
        int chains,
        long checkpointsChecked,
        FirstBad firstBad,
        List<FirstBad> problems) {

    public Verification {
        problems = List.copyOf(problems);
    }
}
