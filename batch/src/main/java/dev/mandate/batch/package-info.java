/**
 * Mandate's nightly Jakarta Batch jobs (evals, cost rollups, drift, audit verification). Job XML goes
 * in {@code META-INF/batch-jobs/}; artifacts are {@code @Dependent @Named}. The module ships in the
 * EAR's {@code lib/} so every module can start its jobs. No job exists yet: the first ones arrive with
 * the decision path (audit verification) and the economics work (cost rollups).
 */
package dev.mandate.batch;
