package dev.mandate.platform.change;

import dev.mandate.platform.schema.DatabaseProduct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The configuration generation of a tenant (and of the platform, {@link #PLATFORM}): a number that
 * grows with every configuration change, committed with it. What was read at one generation stays
 * valid while the generation is unchanged, on every server. On PostgreSQL only: the embedded H2 of the
 * quick start has no generations, so nothing is kept there and every decision reads afresh.
 */
@Stateless
public class ConfigGenerations {

    /** The platform's row: changes that apply to every tenant (the global kill switch). */
    public static final String PLATFORM = "*";

    private static final String ADVANCED = ConfigGenerations.class.getName() + ".advanced:";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    DatabaseProduct database;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /**
     * Moves the tenant's generation on, in the caller's transaction (once per transaction; the row stays
     * locked until it ends, so concurrent changes of one tenant commit one after the other).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void advance(String tenant) {
        if (!database.isPostgres() || transaction.getResource(ADVANCED + tenant) != null) {
            return;
        }
        em.createNativeQuery("insert into config_generation (tenant_id, generation) values (?1, 1)"
                        + " on conflict (tenant_id) do update set generation = config_generation.generation + 1")
                .setParameter(1, tenant)
                .executeUpdate();
        transaction.putResource(ADVANCED + tenant, Boolean.TRUE);
    }

    /**
     * The tenant's generation combined with the platform's, e.g. {@code "12/3"}; empty where
     * generations are not kept (H2), meaning nothing read may be reused.
     */
    public Optional<String> current(String tenant) {
        if (!database.isPostgres()) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery(
                        "select tenant_id, generation from config_generation where tenant_id in (?1, '*')")
                .setParameter(1, tenant)
                .getResultList();
        long own = 0;
        long platform = 0;
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            long generation = ((Number) columns[1]).longValue();
            if (PLATFORM.equals(columns[0])) {
                platform = generation;
            } else {
                own = generation;
            }
        }
        return Optional.of(own + "/" + platform);
    }
}
