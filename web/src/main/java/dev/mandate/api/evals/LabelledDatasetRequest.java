package dev.mandate.api.evals;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code POST /api/v1/evals/datasets/{name}/versions} as JSON: a version collected from the people's
 * judgements (labelled examples) rather than imported.
 */
public class LabelledDatasetRequest implements RequestBody {

    @NotNull(message = "is required: LABELLED")
    @Pattern(regexp = "LABELLED", message = "must be LABELLED (imports are JSON Lines or CSV bodies)")
    public String source;

    /** Only the judgements of this task type; all of them when absent. */
    @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be a task type key")
    public String taskType;
}
