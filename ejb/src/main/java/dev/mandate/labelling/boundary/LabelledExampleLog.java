package dev.mandate.labelling.boundary;

import dev.mandate.labelling.control.LabelledExamples;
import dev.mandate.labelling.entity.LabelledExample;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/** The tenant's labelled examples, newest first: what the nightly evals read as eval cases. */
@Stateless
public class LabelledExampleLog {

    @Inject
    LabelledExamples examples;

    public List<LabelledExample> page(Caller caller, String source, String taskType, String beforeId, int limit) {
        return examples.page(caller.tenant(), source, taskType, beforeId, limit);
    }
}
