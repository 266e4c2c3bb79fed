/**
 * Mandate's jobs (Jakarta Batch on Payara's batch runtime), one package per job by feature, and the
 * operator that starts, watches, stops and restarts them for a tenant ({@code execution}). An EJB module
 * of the EAR, so batch artifacts inject the domain's beans of {@code mandate-ejb}. Job XML lives in
 * {@code META-INF/batch-jobs/}; artifacts are {@code @Dependent @Named}; the job repository is in Mandate's
 * own database, created by Flyway (V14).
 */
package dev.mandate.jobs;
