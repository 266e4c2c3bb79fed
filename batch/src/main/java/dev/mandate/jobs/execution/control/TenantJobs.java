package dev.mandate.jobs.execution.control;

import java.util.Properties;
import java.util.Set;

/**
 * The jobs an administrator runs for their own tenant, and how an execution remembers its tenant: the job
 * parameter {@value #TENANT}, set from the caller's token when the job starts, kept by the job repository
 * and handed on to every restart. Payara's job operator knows no tenants; this is what scopes executions.
 */
public final class TenantJobs {

    public static final String TENANT = "tenant";

    /** Job XML names under {@code META-INF/batch-jobs/}. */
    private static final Set<String> NAMES = Set.of("agent-census", "cost-rollup");

    private TenantJobs() {}

    public static boolean exists(String jobName) {
        return jobName != null && NAMES.contains(jobName);
    }

    public static Properties parameters(String tenant) {
        Properties parameters = new Properties();
        parameters.setProperty(TENANT, tenant);
        return parameters;
    }

    /** Whether an execution with this job name and these parameters belongs to {@code tenant}. */
    public static boolean belongsTo(String jobName, Properties parameters, String tenant) {
        return exists(jobName) && parameters != null && tenant.equals(parameters.getProperty(TENANT));
    }
}
