package dev.mandate.decision.control;

import dev.mandate.decision.entity.EnvelopeSubmission;

/** What an envelope asked, as its audit record's input summary. */
public final class EnvelopeSummaries {

    private EnvelopeSummaries() {}

    /**
     * Whole: the trail redacts personal data and secrets first and only then cuts it to size (a cut before
     * redaction would leave part of a secret that straddles it).
     */
    public static String of(EnvelopeSubmission submission) {
        return submission.tool() + ":" + submission.action() + " task=" + submission.taskType() + " arguments="
                + (submission.arguments() == null
                        ? "{}"
                        : submission.arguments().toString());
    }
}
