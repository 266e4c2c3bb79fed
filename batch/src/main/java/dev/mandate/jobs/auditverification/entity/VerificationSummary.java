package dev.mandate.jobs.auditverification.entity;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verification of a tenant's audit, summed over its chains; the first bad record is the lowest chain's. */
public record VerificationSummary(List<ChainVerified> chains) {

    public VerificationSummary {
        chains = chains.stream()
                .sorted(Comparator.comparingInt(ChainVerified::chain))
                .toList();
    }

    public boolean valid() {
        return chains.stream().allMatch(ChainVerified::valid);
    }

    /** {@code VALID} or {@code INVALID: chain 3 sequence 17 EDITED (N broken chains)}. */
    public String exitStatus() {
        return chains.stream()
                .filter(chain -> !chain.valid())
                .findFirst()
                .map(bad -> "INVALID: chain " + bad.chain() + " sequence " + bad.firstBadSequence() + " "
                        + bad.firstBadProblem() + " (" + broken() + " broken chain(s) of " + chains.size() + ")")
                .orElse("VALID");
    }

    public long broken() {
        return chains.stream().filter(chain -> !chain.valid()).count();
    }

    /** The figures of the execution: what was checked, and the first bad record if any. */
    public LinkedHashMap<String, Object> figures() {
        LinkedHashMap<String, Object> figures = new LinkedHashMap<>();
        figures.put("valid", valid());
        figures.put("chains", (long) chains.size());
        figures.put("brokenChains", broken());
        figures.put(
                "recordsChecked",
                chains.stream().mapToLong(ChainVerified::recordsChecked).sum());
        figures.put(
                "checkpointsChecked",
                chains.stream().mapToLong(ChainVerified::checkpointsChecked).sum());
        chains.stream().filter(chain -> !chain.valid()).findFirst().ifPresent(bad -> {
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("firstBadChain", (long) bad.chain());
            first.put("firstBadSequence", bad.firstBadSequence());
            first.put("firstBadRecordId", bad.firstBadRecordId());
            first.put("firstBadProblem", bad.firstBadProblem());
            first.put("firstBadDetail", bad.firstBadDetail());
            first.forEach((name, value) -> {
                if (value != null) {
                    figures.put(name, value);
                }
            });
        });
        return figures;
    }
}
